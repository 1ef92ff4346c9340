import { FIELD } from '../fields.js';
import { EventRandom, fieldKey } from '../random.js';

/**
 * Bid channels and their urls, as in the Flink/RisingWave Nexmark generators: 4 hot channels
 * (Google, Facebook, Baidu, Apple), each with one url, and 10 000 others named channel-N whose
 * url is a random nexmark.com path plus, for 9 in 10 channels, "&channel_id=" and N with its
 * 32 bits reversed. A channel's url is a function of (seed, channel), so a channel always has
 * the same url. Strings are built on first use and kept for the source's lifetime.
 */
export const CHANNELS_NUMBER = 10_000;
export const HOT_CHANNELS: readonly string[] = ['Google', 'Facebook', 'Baidu', 'Apple'];
/** Channel table size: channel-0 … channel-9999, then the hot ones. */
export const CHANNEL_COUNT = CHANNELS_NUMBER + HOT_CHANNELS.length;

export class Channels {
  private readonly names: (string | undefined)[] = new Array<string | undefined>(CHANNEL_COUNT);
  private readonly urls: (string | undefined)[] = new Array<string | undefined>(CHANNEL_COUNT);
  private readonly key: number;
  private readonly rng = new EventRandom();

  constructor(seed: number) {
    this.key = fieldKey(seed, FIELD.channelUrl);
  }

  name(c: number): string {
    return (this.names[c] ??= c < CHANNELS_NUMBER ? `channel-${c}` : HOT_CHANNELS[c - CHANNELS_NUMBER]!);
  }

  url(c: number): string {
    return (this.urls[c] ??= this.buildUrl(c));
  }

  private buildUrl(c: number): string {
    const rng = this.rng.reset(this.key, c);
    const url = `https://www.nexmark.com/${pathPart(rng)}/${pathPart(rng)}/${pathPart(rng)}/item.htm?query=1`;
    if (c >= CHANNELS_NUMBER || rng.below(10) === 0) return url;
    return `${url}&channel_id=${Math.abs(reverseBits(c))}`;
  }
}

/** The reference's nextString(5, '_'): 3 or 4 characters, '_' one time in 13. */
function pathPart(rng: EventRandom): string {
  let s = '';
  for (let n = 3 + rng.below(2); n > 0; n--) s += rng.below(13) === 0 ? '_' : String.fromCharCode(97 + rng.below(26));
  return s;
}

/** Java's Integer.reverse: the 32 bits of x in reverse order, as a signed int. */
function reverseBits(x: number): number {
  let r = 0;
  for (let b = 0; b < 32; b++) {
    r = (r << 1) | (x & 1);
    x >>>= 1;
  }
  return r | 0;
}
