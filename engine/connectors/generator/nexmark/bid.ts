import { makeColumn } from '../../../exec/batch/builder.js';
import type { Column } from '../../../exec/batch/column.js';
import { BatchDictionary, int64Column, stringsColumn, writeWords } from '../columns.js';
import { FIELD } from '../fields.js';
import { EventRandom, fieldKey } from '../random.js';
import { notNull } from '../schema.js';
import { CHANNEL_COUNT, CHANNELS_NUMBER, Channels, HOT_CHANNELS } from './channels.js';
import { dateTimes, int64Of, type NexmarkContext } from './context.js';
import { FIRST_AUCTION_ID, FIRST_PERSON_ID } from './model.js';
import { bidAuction, bidBidder, nextPrice } from './picks.js';
import { nextExtra } from './strings.js';

/** Nexmark's Bid, with the field names of the Flink/RisingWave Nexmark SQL tables. */
export const BID_SCHEMA = [
  notNull('auction', 'BIGINT'),
  notNull('bidder', 'BIGINT'),
  notNull('price', 'BIGINT'),
  notNull('channel', 'VARCHAR'),
  notNull('url', 'VARCHAR'),
  notNull('date_time', 'TIMESTAMP'),
  notNull('extra', 'VARCHAR'),
];

const AVG_BID_BYTES = 100;
/** auction, bidder, price and date_time: 8 idealized bytes each. */
const BID_FIXED_BYTES = 8 + 8 + 8 + 8;

/** Writes bid columns; one per reader, since it reuses a dictionary between batches. */
export class BidWriter {
  private readonly rng = new EventRandom();
  private readonly channelCodes = new BatchDictionary(CHANNEL_COUNT);

  constructor(
    private readonly ctx: NexmarkContext,
    private readonly channels: Channels,
  ) {}

  columns(events: Float64Array, columns: readonly number[]): Column[] {
    // channel and url share one pick per bid; compute it once if either is wanted.
    const picks = columns.includes(3) || columns.includes(4) ? this.channelPicks(events) : null;
    return columns.map((c) => this.column(c, events, picks));
  }

  private column(c: number, events: Float64Array, picks: ChannelPicks | null): Column {
    const { ctx, rng } = this;
    const { seed } = ctx.common;
    const n = events.length;
    switch (c) {
      case 0: {
        const key = fieldKey(seed, FIELD.bidAuction);
        const words = new Int32Array(2 * n);
        for (let j = 0; j < n; j++) {
          const e = events[j]!;
          writeWords(words, j, bidAuction(e, rng.reset(key, e), ctx.opts) + FIRST_AUCTION_ID);
        }
        return int64Column('BIGINT', n, words);
      }
      case 1: {
        const key = fieldKey(seed, FIELD.bidBidder);
        const words = new Int32Array(2 * n);
        for (let j = 0; j < n; j++) {
          const e = events[j]!;
          writeWords(words, j, bidBidder(e, rng.reset(key, e), ctx.opts) + FIRST_PERSON_ID);
        }
        return int64Column('BIGINT', n, words);
      }
      case 2: {
        const key = fieldKey(seed, FIELD.bidPrice);
        const words = new Int32Array(2 * n);
        for (let j = 0; j < n; j++) writeWords(words, j, nextPrice(rng.reset(key, events[j]!)));
        return int64Column('BIGINT', n, words);
      }
      case 3:
        return makeColumn('VARCHAR', n, picks!.codes.slice(), null, picks!.used.map((x) => this.channels.name(x)));
      case 4:
        return makeColumn('VARCHAR', n, picks!.codes.slice(), null, picks!.used.map((x) => this.channels.url(x)));
      case 5:
        return int64Of('TIMESTAMP', dateTimes(ctx, events));
      default: {
        const key = fieldKey(seed, FIELD.bidExtra);
        const out: string[] = new Array<string>(n);
        for (let j = 0; j < n; j++) out[j] = nextExtra(ctx.pools, rng.reset(key, events[j]!), BID_FIXED_BYTES, AVG_BID_BYTES);
        return stringsColumn(out);
      }
    }
  }

  /** Each bid's channel, as codes into a batch dictionary of the channels used. */
  private channelPicks(events: Float64Array): ChannelPicks {
    const { rng, channelCodes } = this;
    const key = fieldKey(this.ctx.common.seed, FIELD.bidChannel);
    const hotRatio = this.ctx.opts.hotChannelRatio;
    const codes = new Int32Array(events.length);
    for (let j = 0; j < events.length; j++) {
      rng.reset(key, events[j]!);
      const channel =
        rng.below(hotRatio) > 0 ? CHANNELS_NUMBER + rng.below(HOT_CHANNELS.length) : rng.below(CHANNELS_NUMBER);
      codes[j] = channelCodes.code(channel);
    }
    return { codes, used: channelCodes.finish() };
  }
}

interface ChannelPicks {
  readonly codes: Int32Array;
  /** Channel table index of each batch code. */
  readonly used: readonly number[];
}
