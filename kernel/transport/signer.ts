import { createHmac, getHashes, timingSafeEqual } from 'node:crypto';

/**
 * Signs and verifies messages: the HMAC of the header, parent header, metadata and content
 * frames, hex-encoded (messaging spec, "The Wire Protocol"). An empty key turns signing off,
 * as the spec allows; then any signature is accepted and messages go out with an empty one.
 */
export class Signer {
  private readonly algorithm: string;

  constructor(
    private readonly key: Buffer,
    scheme = 'hmac-sha256',
  ) {
    const match = /^hmac-(.+)$/.exec(scheme);
    const algorithm = match?.[1];
    if (algorithm === undefined || !getHashes().includes(algorithm)) throw new Error(`unsupported signature_scheme '${scheme}'`);
    this.algorithm = algorithm;
  }

  get enabled(): boolean {
    return this.key.length > 0;
  }

  sign(parts: readonly Buffer[]): string {
    if (!this.enabled) return '';
    const hmac = createHmac(this.algorithm, this.key);
    for (const p of parts) hmac.update(p);
    return hmac.digest('hex');
  }

  /** True when `signature` is right for `parts`; compares in constant time. */
  verify(signature: Buffer, parts: readonly Buffer[]): boolean {
    if (!this.enabled) return true;
    const expected = Buffer.from(this.sign(parts), 'ascii');
    return signature.length === expected.length && timingSafeEqual(signature, expected);
  }
}
