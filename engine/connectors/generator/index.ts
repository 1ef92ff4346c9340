import type { Schema } from '../../exec/batch/batch.js';
import type { ScanRequest, SourceConnector, SourceDefinition, SourceFactory, SourceReader } from '../source.js';
import { describeCommon, readCommonOptions } from './common-options.js';
import { nexmarkTable } from './nexmark/index.js';
import { readNexmarkOptions } from './nexmark/options.js';
import { readGenerator, type ReadPlan } from './reader.js';
import { resolveSchema } from './schema.js';
import { readSequenceOptions, sequenceTable } from './sequence.js';
import type { GeneratorTable } from './table.js';
import { describeTrades, readTradesOptions, tradesTable } from './trades.js';

export const GENERATOR_KINDS = ['sequence', 'trades', 'nexmark'] as const;
export type GeneratorKind = (typeof GENERATOR_KINDS)[number];

export { SEQUENCE_SCHEMA } from './sequence.js';
export { TRADES_SCHEMA } from './trades.js';
export { PERSON_SCHEMA } from './nexmark/person.js';
export { AUCTION_SCHEMA } from './nexmark/auction.js';
export { BID_SCHEMA } from './nexmark/bid.js';

/**
 * CREATE SOURCE name [(columns)] FROM GENERATOR (kind = 'sequence' | 'trades' | 'nexmark', …):
 * deterministic, seeded data with a simulated clock. Every value is a pure function of
 * (seed, event index, column), so results never depend on batch sizes, projections or where a
 * reader resumed. See docs/decisions/generators.md and each kind's file for its schema.
 */
export const createGeneratorSource: SourceFactory = (def: SourceDefinition): SourceConnector => {
  const options = def.options;
  const kind = options.oneOf('kind', GENERATOR_KINDS);
  const common = readCommonOptions(options, def.location);
  let table: GeneratorTable;
  let title: string;
  let details: string[];
  switch (kind) {
    case 'sequence': {
      const opts = readSequenceOptions(options);
      table = sequenceTable(common, opts);
      title = 'sequence';
      details = [`${opts.keys} ${opts.keys === 1 ? 'key' : 'keys'}`];
      break;
    }
    case 'trades': {
      const opts = readTradesOptions(options);
      table = tradesTable(common, opts);
      title = 'trades';
      details = [describeTrades(opts)];
      break;
    }
    case 'nexmark': {
      const opts = readNexmarkOptions(options);
      table = nexmarkTable(common, opts);
      title = `nexmark ${opts.table}`;
      details = [];
      break;
    }
  }
  options.done();
  const resolved = resolveSchema(table.schema, def.columns, `generator ${title}`, def.location);
  const plan: ReadPlan = { table, events: common.events, batchSize: common.batchSize, natural: resolved.natural };
  const description = `generator ${title} (${describeCommon(common, details)})`;
  return new GeneratorSource(resolved.schema, plan, description);
};

class GeneratorSource implements SourceConnector {
  readonly bounded: boolean;

  constructor(
    readonly schema: Schema,
    private readonly plan: ReadPlan,
    private readonly description: string,
  ) {
    this.bounded = plan.events !== null;
  }

  describe(): string {
    return this.description;
  }

  open(request: ScanRequest): SourceReader {
    return readGenerator(this.plan, request);
  }
}
