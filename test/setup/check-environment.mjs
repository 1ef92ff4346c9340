// The first step of `npm test`, in plain Node so it runs before anything is installed: checks
// the machine, and installs what the tests need when it is missing (a fresh clone in CI).
// Features add what they need as files in ./requirements (see install-debian.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureDebianPackages } from './install-debian.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
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

// Each requirements/*.mjs exports `debianPackages`: [{ package, check }] where `check` is a
// command (argv) that succeeds when the package is usable.
const requirements = [];
for (const file of readdirSync(join(here, 'requirements')).filter((f) => f.endsWith('.mjs')).sort()) {
  const mod = await import(pathToFileURL(join(here, 'requirements', file)).href);
  requirements.push(...(mod.debianPackages ?? []));
}
if (!ensureDebianPackages(requirements)) process.exit(1);
