import type { SourcePosition } from '../../connectors/source.js';
import type { CheckpointGate } from '../../runtime/checkpoint-gate.js';
import type { StageRun } from '../../runtime/instantiate.js';
import type { StateSnapshot } from '../../state/keyed-state.js';
import type { WatermarkGeneratorState } from '../../time/source-watermarks.js';

/** Where one input of a query was at a checkpoint. */
export interface SourceCheckpoint {
  /** A connector's position after the last chunk the query took; null before any. */
  readonly position: SourcePosition | null;
  /** A push source or a table: the query's position in its log or in the table's changes (batches taken). */
  readonly logPosition: number | null;
  /** The input's watermark generator, when the source declares a WATERMARK. */
  readonly watermarks: WatermarkGeneratorState | null;
}

/** What a checkpointed query restarts from. */
export interface QueryRestore {
  /** Keyed operators' state by plan path; a stage's is one snapshot per worker. */
  readonly keyed: ReadonlyMap<string, StateSnapshot | readonly StateSnapshot[]>;
  /** Its inputs' positions, in the order the query opens them. */
  readonly sources: readonly SourceCheckpoint[];
}

/**
 * What a durable session hands to the inputs of a query it checkpoints: the gate that holds
 * them during a checkpoint, the state to resume from, and a way to read each input's position.
 */
export class QueryHooks {
  readonly sources: (() => SourceCheckpoint)[] = [];
  /** The query's stages, whose queues a checkpoint lets run low before holding the inputs. */
  readonly stages: StageRun[] = [];

  constructor(
    readonly gate: CheckpointGate,
    readonly restore: QueryRestore | null,
  ) {}

  /**
   * Whether the query reads sources or tables, the inputs a checkpoint holds. A query reading
   * only views has none: the views below it are held instead, and it drains what they emitted.
   */
  get gated(): boolean {
    return this.sources.length > 0;
  }

  /** Whether a checkpoint holds the query's inputs now. */
  get isHeld(): boolean {
    return this.gated && this.gate.isClosed;
  }

  /** True when little is queued for or from the query's workers (see CheckpointGate.settle). */
  settled(): boolean {
    return this.stages.every((s) => s.workers().every((w) => w.inputRingUsed <= SETTLED_RING_USE && w.outputRingUsed <= SETTLED_RING_USE));
  }
}

/** Ring fill under which a stage's queue counts as low: a few milliseconds of work. */
const SETTLED_RING_USE = 1 / 32;
