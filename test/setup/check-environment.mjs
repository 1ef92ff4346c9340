// The first step of `npm test`, in plain Node so it runs before anything is installed: checks
// the machine, and installs what the tests need when it is missing (a fresh clone in CI).
// Features add what they need as files in ./requirements (see install-debian.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
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

// Every package the lockfile installs (optional ones are platform-specific builds): a fresh
// clone has none, a checkout whose package.json gained a dependency lacks that one.
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
const missing = Object.entries(lock.packages ?? {})
  .filter(([path, meta]) => path.startsWith('node_modules/') && meta.optional !== true && meta.link !== true)
  .filter(([path]) => !existsSync(join(root, path)));
if (missing.length > 0) {
  console.error(`Installing dependencies (npm ci): ${missing.length} missing, such as ${missing[0][0].slice('node_modules/'.length)}…`);
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
