import type { ConnectorOptions } from '../../options.js';

export const NEXMARK_TABLES = ['person', 'auction', 'bid'] as const;
export type NexmarkTableName = (typeof NEXMARK_TABLES)[number];

/**
 * The Nexmark knobs worth exposing, with the reference generator's defaults
 * (NexmarkConfiguration). A ratio r means "(r − 1) in r picks go to the hot one".
 */
export interface NexmarkOptions {
  readonly table: NexmarkTableName;
  /** Bids on the hot auction vs. any recent auction. */
  readonly hotAuctionRatio: number;
  /** Auctions by the hot seller vs. any active person. */
  readonly hotSellerRatio: number;
  /** Bids by the hot bidder vs. any active person. */
  readonly hotBidderRatio: number;
  /** Bids through one of 4 hot channels vs. one of 10 000 others. */
  readonly hotChannelRatio: number;
  /** People considered for random sellers and bidders: the newest this many. */
  readonly activePeople: number;
  /** Auctions considered for random bids: the newest this many (plus the lead). */
  readonly inFlightAuctions: number;
}

export function readNexmarkOptions(options: ConnectorOptions): NexmarkOptions {
  const ratio = (name: string, fallback: number): number => options.number(name, { fallback, integer: true, min: 1, max: 1_000_000 });
  return {
    table: options.oneOf('table', NEXMARK_TABLES),
    hotAuctionRatio: ratio('hot_auction_ratio', 2),
    hotSellerRatio: ratio('hot_seller_ratio', 4),
    hotBidderRatio: ratio('hot_bidder_ratio', 4),
    hotChannelRatio: ratio('hot_channel_ratio', 2),
    activePeople: options.number('active_people', { fallback: 1000, integer: true, min: 1, max: 1_000_000_000 }),
    inFlightAuctions: options.number('in_flight_auctions', { fallback: 100, integer: true, min: 1, max: 1_000_000_000 }),
  };
}
