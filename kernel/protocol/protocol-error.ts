/** A message that does not follow the protocol: logged and dropped (or answered with an error). */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}
