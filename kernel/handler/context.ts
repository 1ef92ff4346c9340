import type { Session } from '../../engine/index.js';
import type { LiveDisplays } from '../live/live-displays.js';
import type { Logger } from '../log.js';
import type { SvgRenderer } from '../render/svg-renderer.js';
import type { KernelSettings } from '../settings.js';
import type { CellOutput } from './cell-output.js';

/** What outlives a cell: the engine session, settings, live displays. */
export interface KernelState {
  /** Replaced by %session. */
  session: Session;
  /** The directory %session --temp made for the session, removed once the session is gone. */
  temporaryDir: string | null;
  settings: KernelSettings;
  readonly displays: LiveDisplays;
  readonly log: Logger;
  /** Draws chart SVGs off the main thread. */
  readonly svg: SvgRenderer;
  /** The output of the cell running now, if any. */
  running: CellOutput | null;
}

/** What one cell runs with. */
export interface CellContext {
  readonly kernel: KernelState;
  readonly output: CellOutput;
  /** Aborted by an interrupt. */
  readonly signal: AbortSignal;
  readonly executionCount: number;
}
