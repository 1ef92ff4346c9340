// Installs missing Debian packages the tests need (apt-get, as root), or explains what is
// missing when it cannot.
import { execFileSync, spawnSync } from 'node:child_process';

/** @param {{ package: string, check: string[] }[]} requirements  @returns {boolean} */
export function ensureDebianPackages(requirements) {
  const missing = requirements.filter((r) => spawnSync(r.check[0], r.check.slice(1), { stdio: 'ignore' }).status !== 0);
  if (missing.length === 0) return true;
  const names = [...new Set(missing.map((r) => r.package))];
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    console.error(`The tests need these Debian packages: ${names.join(' ')}. Install them with: sudo apt-get install -y ${names.join(' ')}`);
    return false;
  }
  console.error(`Installing Debian packages: ${names.join(' ')}`);
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { stdio: 'inherit', env });
  } catch {
    console.error(`apt-get could not install: ${names.join(' ')}. The tests need them.`);
    return false;
  }
  const still = missing.filter((r) => spawnSync(r.check[0], r.check.slice(1), { stdio: 'ignore' }).status !== 0);
  if (still.length > 0) {
    console.error(`Still missing after apt-get: ${[...new Set(still.map((r) => r.package))].join(' ')}`);
    return false;
  }
  return true;
}
