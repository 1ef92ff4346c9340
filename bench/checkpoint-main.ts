/**
 * (j) for one worker count, in a process of its own (`node dist/bench/checkpoint-main.js 2`):
 * pauses measured in the bench's main process would include the garbage collection of
 * whatever the sections before left behind.
 */
import { benchCheckpoint } from './checkpoint.js';

await benchCheckpoint(Number(process.argv[2] ?? 1));
