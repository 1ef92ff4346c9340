import type { Column } from '../../../exec/batch/column.js';
import { stringsColumn } from '../columns.js';
import { FIELD } from '../fields.js';
import { EventRandom, fieldKey } from '../random.js';
import { notNull } from '../schema.js';
import { bigintPerEvent, dateTimes, int64Of, type NexmarkContext } from './context.js';
import {
  AUCTION_PROPORTION,
  FIRST_AUCTION_ID,
  FIRST_CATEGORY_ID,
  FIRST_PERSON_ID,
  lastAuctionId,
  NUM_CATEGORIES,
  TOTAL_PROPORTION,
} from './model.js';
import { auctionSeller, nextPrice } from './picks.js';
import { nextExtra, nextString, nominalLength } from './strings.js';

/** Nexmark's Auction, with the field names of the Flink/RisingWave Nexmark SQL tables. */
export const AUCTION_SCHEMA = [
  notNull('id', 'BIGINT'),
  notNull('item_name', 'VARCHAR'),
  notNull('description', 'VARCHAR'),
  notNull('initial_bid', 'BIGINT'),
  notNull('reserve', 'BIGINT'),
  notNull('date_time', 'TIMESTAMP'),
  notNull('expires', 'TIMESTAMP'),
  notNull('seller', 'BIGINT'),
  notNull('category', 'BIGINT'),
  notNull('extra', 'VARCHAR'),
];

const ITEM_NAME_MAX = 20;
const DESCRIPTION_MAX = 100;
const AVG_AUCTION_BYTES = 500;

export function auctionColumn(ctx: NexmarkContext, c: number, events: Float64Array): Column {
  const { seed } = ctx.common;
  const n = events.length;
  switch (c) {
    case 0: {
      const ids = new Float64Array(n);
      for (let j = 0; j < n; j++) ids[j] = lastAuctionId(events[j]!) + FIRST_AUCTION_ID;
      return int64Of('BIGINT', ids);
    }
    case 1:
      return texts(ctx, FIELD.auctionItemName, events, ITEM_NAME_MAX);
    case 2:
      return texts(ctx, FIELD.auctionDescription, events, DESCRIPTION_MAX);
    case 3:
      return bigintPerEvent(ctx, FIELD.auctionPrices, events, (_e, rng) => nextPrice(rng));
    case 4:
      // The reserve is the initial bid plus a second price drawn from the same stream.
      return bigintPerEvent(ctx, FIELD.auctionPrices, events, (_e, rng) => nextPrice(rng) + nextPrice(rng));
    case 5:
      return int64Of('TIMESTAMP', dateTimes(ctx, events));
    case 6:
      return int64Of('TIMESTAMP', expiries(ctx, events));
    case 7:
      return bigintPerEvent(ctx, FIELD.auctionSeller, events, (e, rng) => auctionSeller(e, rng, ctx.opts) + FIRST_PERSON_ID);
    case 8:
      return bigintPerEvent(ctx, FIELD.auctionCategory, events, (_e, rng) => FIRST_CATEGORY_ID + rng.below(NUM_CATEGORIES));
    default:
      return auctionExtra(ctx, events, seed);
  }
}

function texts(ctx: NexmarkContext, field: number, events: Float64Array, maxLength: number): Column {
  const key = fieldKey(ctx.common.seed, field);
  const rng = new EventRandom();
  const out: string[] = new Array<string>(events.length);
  for (let j = 0; j < events.length; j++) out[j] = nextString(ctx.pools, rng.reset(key, events[j]!), maxLength);
  return stringsColumn(out);
}

/**
 * As the reference: an auction lasts 1 ms plus a uniform random time below twice the span
 * (in whole ms) the generator takes to emit `in_flight_auctions` more auctions, so about that
 * many auctions are open at any time, whatever the rate.
 */
function expiries(ctx: NexmarkContext, events: Float64Array): Float64Array {
  const { clock } = ctx.common;
  const out = dateTimes(ctx, events);
  const key = fieldKey(ctx.common.seed, FIELD.auctionExpires);
  const rng = new EventRandom();
  const ahead = Math.floor((ctx.opts.inFlightAuctions * TOTAL_PROPORTION) / AUCTION_PROPORTION);
  for (let j = 0; j < events.length; j++) {
    const e = events[j]!;
    const horizonMs = Math.floor((clock.offsetAt(e + ahead) - clock.offsetAt(e)) / 1000);
    const lengthMs = 1 + rng.reset(key, e).below(Math.max(horizonMs * 2, 1));
    out[j] = out[j]! + lengthMs * 1000;
  }
  return out;
}

/**
 * `extra` pads the row to 500 idealized bytes on average. It counts the item name and
 * description at their drawn lengths before trimming (the reference counts them after), which
 * saves building both strings when only `extra` is read.
 */
function auctionExtra(ctx: NexmarkContext, events: Float64Array, seed: number): Column {
  const nameKey = fieldKey(seed, FIELD.auctionItemName);
  const descriptionKey = fieldKey(seed, FIELD.auctionDescription);
  const extraKey = fieldKey(seed, FIELD.auctionExtra);
  const rng = new EventRandom();
  const out: string[] = new Array<string>(events.length);
  for (let j = 0; j < events.length; j++) {
    const e = events[j]!;
    const name = nominalLength(rng.reset(nameKey, e), ITEM_NAME_MAX);
    const description = nominalLength(rng.reset(descriptionKey, e), DESCRIPTION_MAX);
    const size = 8 + name + description + 8 + 8 + 8 + 8 + 8;
    out[j] = nextExtra(ctx.pools, rng.reset(extraKey, e), size, AVG_AUCTION_BYTES);
  }
  return stringsColumn(out);
}
