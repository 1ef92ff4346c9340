/**
 * A number for an axis or a bar label, in at most about 7 columns: whole numbers as they are
 * up to 99999, then with k / M / G suffixes; fractions with 3 significant digits.
 */
export function axisNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  if (abs >= 1e5) {
    const [div, suffix] = abs >= 1e12 ? [1e12, 'T'] : abs >= 1e9 ? [1e9, 'G'] : abs >= 1e6 ? [1e6, 'M'] : [1e3, 'k'];
    return trimZeros((v / div).toPrecision(3)) + suffix;
  }
  if (Number.isInteger(v)) return String(v);
  if (abs >= 100) return String(Math.round(v));
  return trimZeros(v.toPrecision(3));
}

function trimZeros(text: string): string {
  if (text.includes('e')) return text;
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * Labels for values on an axis from `min` to `max`: as `axisNumber`, but with enough decimals
 * that labels a quarter of the range apart differ (192.01, 192.03 rather than 192, 192).
 */
export function axisLabel(v: number, min: number, max: number): string {
  const step = (max - min) / 4;
  if (!Number.isFinite(v) || Math.abs(v) >= 1e5 || !(step > 0)) return axisNumber(v);
  const decimals = Math.min(6, Math.max(0, Math.ceil(-Math.log10(step))));
  const fixed = v.toFixed(decimals);
  return decimals > 0 ? fixed.replace(/\.?0+$/, '') : fixed;
}
