import { benchLiveDisplayFlood } from './kernel-flood.js';
import { benchKernelStartup } from './kernel-startup.js';

/** The Jupyter kernel's benchmarks: (c) startup and round trip beside ipykernel, (d) the live-display flood. */
export async function benchKernel(): Promise<void> {
  await benchKernelStartup(Number(process.env.BENCH_KERNEL_STARTS ?? 5), Number(process.env.BENCH_KERNEL_TRIPS ?? 200));
  await benchLiveDisplayFlood(Number(process.env.BENCH_FLOOD_SECONDS ?? 15));
}
