/**
 * Jupyter counts cursor positions in Unicode code points (protocol 5.2+); JavaScript strings
 * and the engine count UTF-16 code units. These convert between the two.
 */
export function codePointsToUtf16(text: string, points: number): number {
  let units = 0;
  let seen = 0;
  for (const ch of text) {
    if (seen >= points) break;
    units += ch.length;
    seen++;
  }
  return units;
}

export function utf16ToCodePoints(text: string, units: number): number {
  let points = 0;
  for (let i = 0; i < units && i < text.length; points++) {
    const code = text.charCodeAt(i);
    i += code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return points;
}
