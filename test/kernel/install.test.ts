import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseKernelArgs } from '../../cli/kernel-args.js';
import { dataDir, userDataDir } from '../../install/jupyter-paths.js';
import { MAIN_JS } from './jupyter-env.js';

const run = promisify(execFile);
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'laminar-install-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function laminar(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [MAIN_JS, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

function pngSize(file: string): [number, number] {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('laminar kernel install / uninstall', () => {
  it('writes a kernelspec that jupyter kernelspec list shows, with logos; uninstall removes it', async () => {
    const prefix = join(dir, 'prefix');
    const installed = await laminar(['kernel', 'install', '--prefix', prefix, '--name', 'laminar-test']);
    expect(installed.code).toBe(0);
    const specDir = join(prefix, 'share', 'jupyter', 'kernels', 'laminar-test');
    expect(installed.stderr).toBe(`Installed the LaminarDB kernel 'laminar-test' in ${specDir}\n`);
    const spec = JSON.parse(readFileSync(join(specDir, 'kernel.json'), 'utf8')) as Record<string, unknown>;
    expect(spec).toEqual({
      argv: [process.execPath, MAIN_JS, 'kernel', '--connection-file', '{connection_file}'],
      display_name: 'LaminarDB (streaming SQL)',
      language: 'sql',
      interrupt_mode: 'message',
      metadata: { debugger: false },
    });
    expect(pngSize(join(specDir, 'logo-32x32.png'))).toEqual([32, 32]);
    expect(pngSize(join(specDir, 'logo-64x64.png'))).toEqual([64, 64]);
    expect(readFileSync(join(specDir, 'logo-svg.svg'), 'utf8')).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);

    const env = { ...process.env, JUPYTER_PATH: join(prefix, 'share', 'jupyter'), JUPYTER_DATA_DIR: join(dir, 'data'), PYDEVD_DISABLE_FILE_VALIDATION: '1' };
    const { stdout } = await run('/usr/bin/jupyter', ['kernelspec', 'list', '--json'], { env });
    const listed = (JSON.parse(stdout) as { kernelspecs: Record<string, { resource_dir: string; spec: { display_name: string } }> }).kernelspecs['laminar-test'];
    expect(listed?.resource_dir).toBe(specDir);
    expect(listed?.spec.display_name).toBe('LaminarDB (streaming SQL)');

    const removed = await laminar(['kernel', 'uninstall', '--prefix', prefix, '--name', 'laminar-test']);
    expect(removed).toMatchObject({ code: 0, stderr: `Removed ${specDir}\n` });
    expect(existsSync(specDir)).toBe(false);
    expect((await laminar(['kernel', 'uninstall', '--prefix', prefix, '--name', 'laminar-test'])).stderr).toBe("No LaminarDB kernel named 'laminar-test' is installed there\n");
  });

  it('--user goes to JUPYTER_DATA_DIR; --sys-prefix asks Python for sys.prefix', async () => {
    const data = join(dir, 'data');
    expect((await laminar(['kernel', 'install', '--user'], { ...process.env, JUPYTER_DATA_DIR: data })).code).toBe(0);
    expect(existsSync(join(data, 'kernels', 'laminardb', 'kernel.json'))).toBe(true);
    const fakePython = join(dir, 'python');
    writeFileSync(fakePython, `#!/bin/sh\necho ${join(dir, 'env')}\n`);
    chmodSync(fakePython, 0o755);
    expect((await laminar(['kernel', 'install', '--sys-prefix', '--python', fakePython])).code).toBe(0);
    expect(existsSync(join(dir, 'env', 'share', 'jupyter', 'kernels', 'laminardb', 'kernel.json'))).toBe(true);
    expect(dataDir({ kind: 'prefix', dir: '/opt/x' })).toBe('/opt/x/share/jupyter');
    expect(userDataDir({ HOME: '/home/u' })).toBe(process.platform === 'linux' ? '/home/u/.local/share/jupyter' : userDataDir({ HOME: '/home/u' }));
  });

  it('refuses bad names, two places at once, and removing a kernelspec that is not ours', async () => {
    expect(await laminar(['kernel', 'install', '--prefix', dir, '--name', 'bad name'])).toMatchObject({ code: 1 });
    expect(await laminar(['kernel', 'install', '--user', '--prefix', dir])).toMatchObject({ code: 1, stderr: "laminar: choose one of --user, --sys-prefix and --prefix DIR\nRun 'laminar kernel --help' for usage.\n" });
    const other = join(dir, 'share', 'jupyter', 'kernels', 'python3');
    await run('mkdir', ['-p', other]);
    writeFileSync(join(other, 'kernel.json'), JSON.stringify({ display_name: 'Python 3', argv: [] }));
    const refused = await laminar(['kernel', 'uninstall', '--prefix', dir, '--name', 'python3']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not a LaminarDB kernelspec');
    expect(existsSync(join(other, 'kernel.json'))).toBe(true);
  });

  it('parses the kernel command line', () => {
    expect(parseKernelArgs(['--connection-file', 'k.json'])).toEqual({ kind: 'run', connectionFile: 'k.json' });
    expect(parseKernelArgs(['-f', 'k.json'])).toEqual({ kind: 'run', connectionFile: 'k.json' });
    expect(parseKernelArgs([])).toEqual({ kind: 'help' });
    expect(parseKernelArgs(['install'])).toEqual({ kind: 'install', place: { kind: 'user' }, name: 'laminardb' });
    expect(() => parseKernelArgs(['frob'])).toThrow("unknown kernel command 'frob'");
  });

  it('laminar kernel --help and laminar --help describe it', async () => {
    expect((await laminar(['kernel', '--help'])).stdout).toMatch(/^Usage:\n  laminar kernel install \[--user \| --sys-prefix \| --prefix DIR\] \[--name NAME\]/);
    expect((await laminar(['--help'])).stdout).toContain('laminar kernel install');
  });
});

describe('laminar kernel --connection-file', () => {
  it('reports a connection file it cannot read, with status 1', async () => {
    const r = await laminar(['kernel', '--connection-file', join(dir, 'missing.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^laminar: cannot start the kernel: cannot read the connection file .*missing\.json: ENOENT/);
  });
});
