import type { CommonOptions } from '../common-options.js';
import type { GeneratorTable } from '../table.js';
import { AUCTION_SCHEMA, auctionColumn } from './auction.js';
import { BID_SCHEMA, BidWriter } from './bid.js';
import { Channels } from './channels.js';
import { eventsOf, type NexmarkContext } from './context.js';
import { AUCTION_LAYOUT, BID_LAYOUT, eventOf, PERSON_LAYOUT, rowsBefore } from './model.js';
import type { NexmarkOptions } from './options.js';
import { PERSON_SCHEMA, personColumn } from './person.js';
import { TextPools } from './strings.js';

/**
 * kind = 'nexmark': one of the three tables of the Nexmark benchmark's event stream. `events`
 * and positions count events of the whole stream (persons, auctions and bids together, as
 * Nexmark's numEvents does), so three sources with the same seed, rate and events see one
 * consistent stream: `table = 'bid'` yields the 46 bids of each 50 events, which refer to the
 * persons and auctions the other two tables yield.
 */
export function nexmarkTable(common: CommonOptions, opts: NexmarkOptions): GeneratorTable {
  const ctx: NexmarkContext = { common, opts, pools: new TextPools(common.seed) };
  switch (opts.table) {
    case 'person':
      return {
        schema: PERSON_SCHEMA,
        rowsBefore: (event) => rowsBefore(PERSON_LAYOUT, event),
        eventOf: (k) => eventOf(PERSON_LAYOUT, k),
        newWriter: () => (k, n, columns) => {
          const events = eventsOf(PERSON_LAYOUT, k, n);
          return columns.map((c) => personColumn(ctx, c, events));
        },
      };
    case 'auction':
      return {
        schema: AUCTION_SCHEMA,
        rowsBefore: (event) => rowsBefore(AUCTION_LAYOUT, event),
        eventOf: (k) => eventOf(AUCTION_LAYOUT, k),
        newWriter: () => (k, n, columns) => {
          const events = eventsOf(AUCTION_LAYOUT, k, n);
          return columns.map((c) => auctionColumn(ctx, c, events));
        },
      };
    case 'bid': {
      const channels = new Channels(common.seed);
      return {
        schema: BID_SCHEMA,
        rowsBefore: (event) => rowsBefore(BID_LAYOUT, event),
        eventOf: (k) => eventOf(BID_LAYOUT, k),
        newWriter: () => {
          const writer = new BidWriter(ctx, channels);
          return (k, n, columns) => writer.columns(eventsOf(BID_LAYOUT, k, n), columns);
        },
      };
    }
  }
}
