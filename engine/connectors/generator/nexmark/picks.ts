import { TWO_32, type EventRandom } from '../random.js';
import { AUCTION_ID_LEAD, HOT_GROUP, lastAuctionId, lastPersonId, PERSON_ID_LEAD } from './model.js';
import type { NexmarkOptions } from './options.js';

/**
 * How an event picks the person or auction it refers to (base-0 ids), as the reference does:
 * mostly the "hot" one of the current group of 100 recent ids, otherwise a uniform pick among
 * the recent ones, reaching up to 10 ids past the newest (which the reference uses to make
 * person/auction and bid events look slightly out of order).
 */

/** A random active person: one of the newest `activePeople`, or up to PERSON_ID_LEAD past them. */
export function randomPerson(e: number, rng: EventRandom, opts: NexmarkOptions): number {
  const people = lastPersonId(e) + 1;
  const active = Math.min(people, opts.activePeople);
  return people - active + rng.below(active + PERSON_ID_LEAD);
}

/** A random in-flight auction: one of the newest `inFlightAuctions` + 1, or up to AUCTION_ID_LEAD past. */
export function randomAuction(e: number, rng: EventRandom, opts: NexmarkOptions): number {
  const newest = lastAuctionId(e);
  const oldest = Math.max(newest - opts.inFlightAuctions, 0);
  return oldest + rng.below(newest - oldest + 1 + AUCTION_ID_LEAD);
}

/** The auction a bid is for. */
export function bidAuction(e: number, rng: EventRandom, opts: NexmarkOptions): number {
  if (rng.below(opts.hotAuctionRatio) > 0) return Math.floor(lastAuctionId(e) / HOT_GROUP) * HOT_GROUP;
  return randomAuction(e, rng, opts);
}

/** The person placing a bid. The hot bidder is the group's second person, so it is not the hot seller. */
export function bidBidder(e: number, rng: EventRandom, opts: NexmarkOptions): number {
  if (rng.below(opts.hotBidderRatio) > 0) return Math.floor(lastPersonId(e) / HOT_GROUP) * HOT_GROUP + 1;
  return randomPerson(e, rng, opts);
}

/** The person selling an auction. */
export function auctionSeller(e: number, rng: EventRandom, opts: NexmarkOptions): number {
  if (rng.below(opts.hotSellerRatio) > 0) return Math.floor(lastPersonId(e) / HOT_GROUP) * HOT_GROUP;
  return randomPerson(e, rng, opts);
}

const PRICE_STEPS_PER_DECADE = 4096;
/** 10^(k / 4096) for k = 0 … 6 × 4096. */
const PRICE_TABLE = Float64Array.from({ length: 6 * PRICE_STEPS_PER_DECADE + 1 }, (_, k) => 10 ** (k / PRICE_STEPS_PER_DECADE));
/** Maps a 32-bit draw to [0, 6 × 4096). */
const PRICE_TABLE_SCALE = (6 * PRICE_STEPS_PER_DECADE) / TWO_32;

/**
 * A price in cents, log-uniform over $1 … $1 000 000, as the reference's PriceGenerator
 * (round(10^(6u) × 100)). 10^(6u) is interpolated from a table of 4096 steps per decade
 * instead of calling Math.pow, which was a quarter of a bid's cost; the relative difference is
 * below 4·10^-8: at most a cent on prices below $100 000.
 */
export function nextPrice(rng: EventRandom): number {
  const x = rng.next() * PRICE_TABLE_SCALE;
  const k = Math.floor(x);
  const p = PRICE_TABLE[k]!;
  return Math.round((p + (PRICE_TABLE[k + 1]! - p) * (x - k)) * 100);
}
