import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { median } from './measure.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..', '..');
const PYTHON = '/usr/bin/python3';

interface Timings {
  readonly startup: number[];
  readonly round_trips: number[];
}

/**
 * Startup (process start to the first kernel_info_reply) and the round trip of a trivial
 * execute (request to idle), for the LaminarDB kernel and ipykernel, measured by the same
 * jupyter_client script (bench/kernel-client.py) in the same run.
 */
export async function benchKernelStartup(starts: number, trips: number): Promise<void> {
  console.log(`\n(k) Jupyter kernel: startup to the first kernel_info_reply (median of ${starts}), round trip of a trivial execute (${trips} runs), beside ipykernel`);
  const dir = mkdtempSync(join(tmpdir(), 'laminar-bench-'));
  try {
    await run(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'kernel', 'install', '--prefix', join(dir, 'prefix')]);
    const env = { ...process.env, JUPYTER_PATH: join(dir, 'prefix', 'share', 'jupyter'), JUPYTER_DATA_DIR: join(dir, 'data'), JUPYTER_RUNTIME_DIR: join(dir, 'runtime'), PYDEVD_DISABLE_FILE_VALIDATION: '1' };
    const time = async (kernel: string, code: string): Promise<Timings> => {
      const { stdout } = await run(PYTHON, [join(ROOT, 'bench', 'kernel-client.py'), kernel, code, String(starts), String(trips)], { env, maxBuffer: 1 << 24 });
      return JSON.parse(stdout.trim().split('\n').pop()!) as Timings;
    };
    let laminar: Timings;
    let ipykernel: Timings;
    try {
      laminar = await time('laminardb', 'SELECT 1;');
      ipykernel = await time('python3', '1');
    } catch (e) {
      console.log(`  skipped: ${(e as Error).message.split('\n')[0]} (needs Debian's python3-jupyter-client and python3-ipykernel)`);
      return;
    }
    const row = (label: string, ours: number[], theirs: number[], stat: (xs: number[]) => number): void => {
      const a = stat(ours) * 1000;
      const b = stat(theirs) * 1000;
      const ratio = a / b;
      console.log(`  ${label.padEnd(22)} laminardb ${a.toFixed(1).padStart(7)} ms   ipykernel ${b.toFixed(1).padStart(7)} ms   ratio ${ratio.toFixed(2)}x (target: at most 1x) ${ratio <= 1 ? 'met' : 'NOT MET'}`);
    };
    row('startup, median', laminar.startup, ipykernel.startup, median);
    row('round trip, median', laminar.round_trips, ipykernel.round_trips, median);
    row('round trip, p99', laminar.round_trips, ipykernel.round_trips, (xs) => percentile(xs, 0.99));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
}
