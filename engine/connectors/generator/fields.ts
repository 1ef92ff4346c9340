/**
 * Field numbers of every random field of every generator (see random.ts: fieldKey). They are
 * part of the definition of the generated data: changing or reusing a number changes values
 * that tests and saved notebooks lock in. Add new numbers; never renumber.
 */
export const FIELD = {
  disorder: 1,
  // sequence
  sequenceValue: 10,
  // trades
  tradeSymbol: 20,
  tradeVolume: 21,
  tradePrice: 22,
  // nexmark person
  personName: 30,
  personEmail: 31,
  personCreditCard: 32,
  personCity: 33,
  personState: 34,
  personExtra: 35,
  // nexmark auction
  auctionItemName: 40,
  auctionDescription: 41,
  auctionPrices: 42,
  auctionExpires: 43,
  auctionSeller: 44,
  auctionCategory: 45,
  auctionExtra: 46,
  // nexmark bid
  bidAuction: 50,
  bidBidder: 51,
  bidPrice: 52,
  bidChannel: 53,
  bidExtra: 54,
  // nexmark per-source tables (string pools, channel urls)
  letterPool: 60,
  textPool: 61,
  channelUrl: 62,
} as const;
