/**
 * Window kinds, with sizes in microseconds of event time:
 * - TUMBLE(ts, size [, offset]): fixed, non-overlapping windows [k·size + offset, … + size).
 * - HOP(ts, slide, size [, offset]): windows of `size` starting every `slide`; a row belongs to
 *   every window containing it.
 * - SESSION(ts, gap): per key, rows closer than `gap` to each other form one window, from the
 *   first row's time to the last row's time + gap.
 */
export type WindowSpec =
  | { readonly kind: 'tumble'; readonly size: number; readonly offset: number }
  | { readonly kind: 'hop'; readonly slide: number; readonly size: number; readonly offset: number }
  | { readonly kind: 'session'; readonly gap: number };

/**
 * Starts of the fixed windows (TUMBLE, HOP) containing time t, earliest first, written into
 * `out`; returns how many. A window [start, start + size) contains t when start ≤ t < end.
 */
export function windowStarts(spec: Exclude<WindowSpec, { kind: 'session' }>, t: number, out: Float64Array): number {
  if (spec.kind === 'tumble') {
    out[0] = Math.floor((t - spec.offset) / spec.size) * spec.size + spec.offset;
    return 1;
  }
  const last = Math.floor((t - spec.offset) / spec.slide) * spec.slide + spec.offset;
  let n = 0;
  let first = last;
  while (first - spec.slide + spec.size > t) first -= spec.slide;
  for (let s = first; s <= last; s += spec.slide) out[n++] = s;
  return n;
}

/** How many windows a row can belong to (the size of the `out` buffer windowStarts needs). */
export function maxWindowsPerRow(spec: Exclude<WindowSpec, { kind: 'session' }>): number {
  return spec.kind === 'tumble' ? 1 : Math.ceil(spec.size / spec.slide);
}

export function windowSize(spec: Exclude<WindowSpec, { kind: 'session' }>): number {
  return spec.size;
}
