/**
 * The shape of the Nexmark event stream, as in the reference generator (Apache Beam's
 * sdks/java/testing/nexmark and its Flink port, github.com/nexmark/nexmark):
 * events come in epochs of 50 — 1 person, then 3 auctions, then 46 bids — and each table's ids
 * count its own events from 1000. An event's id fields are arithmetic on its index, so any
 * table can be generated alone and still agree with the others.
 */
export const PERSON_PROPORTION = 1;
export const AUCTION_PROPORTION = 3;
export const BID_PROPORTION = 46;
export const TOTAL_PROPORTION = PERSON_PROPORTION + AUCTION_PROPORTION + BID_PROPORTION;

export const FIRST_PERSON_ID = 1000;
export const FIRST_AUCTION_ID = 1000;
export const FIRST_CATEGORY_ID = 10;
export const NUM_CATEGORIES = 5;
/** Hot sellers, bidders and auctions are the first of each group of this many recent ids. */
export const HOT_GROUP = 100;
/** How many ids past the newest existing person or auction a random pick may reach. */
export const PERSON_ID_LEAD = 10;
export const AUCTION_ID_LEAD = 10;

/** Where a table's events sit in each epoch of TOTAL_PROPORTION events. */
export interface TableLayout {
  readonly first: number;
  readonly count: number;
}

export const PERSON_LAYOUT: TableLayout = { first: 0, count: PERSON_PROPORTION };
export const AUCTION_LAYOUT: TableLayout = { first: PERSON_PROPORTION, count: AUCTION_PROPORTION };
export const BID_LAYOUT: TableLayout = { first: PERSON_PROPORTION + AUCTION_PROPORTION, count: BID_PROPORTION };

/** How many of the table's events have an index below `event`. */
export function rowsBefore(layout: TableLayout, event: number): number {
  const epoch = Math.floor(event / TOTAL_PROPORTION);
  const inEpoch = event - epoch * TOTAL_PROPORTION - layout.first;
  return epoch * layout.count + Math.min(Math.max(inEpoch, 0), layout.count);
}

/** The event index of the table's k-th event. */
export function eventOf(layout: TableLayout, k: number): number {
  const epoch = Math.floor(k / layout.count);
  return epoch * TOTAL_PROPORTION + layout.first + (k - epoch * layout.count);
}

/** The newest person id (base 0) at event e: the person of e itself if e is a person event. */
export function lastPersonId(e: number): number {
  const epoch = Math.floor(e / TOTAL_PROPORTION);
  const offset = Math.min(e - epoch * TOTAL_PROPORTION, PERSON_PROPORTION - 1);
  return epoch * PERSON_PROPORTION + offset;
}

/** The newest auction id (base 0) at event e: the auction of e itself if e is an auction event. */
export function lastAuctionId(e: number): number {
  let epoch = Math.floor(e / TOTAL_PROPORTION);
  let offset = e - epoch * TOTAL_PROPORTION;
  if (offset < PERSON_PROPORTION) {
    epoch--;
    offset = AUCTION_PROPORTION - 1;
  } else if (offset >= PERSON_PROPORTION + AUCTION_PROPORTION) {
    offset = AUCTION_PROPORTION - 1;
  } else {
    offset -= PERSON_PROPORTION;
  }
  return epoch * AUCTION_PROPORTION + offset;
}
