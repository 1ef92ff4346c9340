// The first step of `npm test`, in plain Node so it runs before anything is installed: checks
// the machine, and installs what the tests need when it is missing (a fresh clone in CI).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`LaminarDB needs Node.js 20.19 or later; this is ${process.version}.`);
  process.exit(1);
}

const needed = ['vitest', 'tsc', 'eslint'].map((b) => join(root, 'node_modules', '.bin', b));
if (!needed.every(existsSync) || !existsSync(join(root, 'node_modules', '@duckdb', 'node-api'))) {
  console.error('Installing dependencies (npm ci)…');
  try {
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  } catch {
    console.error('npm ci failed: the tests need the packages in package-lock.json (the npm registry must be reachable).');
    process.exit(1);
  }
}
