/** True range of a bar given the previous close: max(high - low, |high - prevClose|, |low - prevClose|). */
export function trueRange(high: number, low: number, prevClose: number): number {
  let r = high - low;
  const up = high > prevClose ? high - prevClose : prevClose - high;
  if (up > r) r = up;
  const down = low > prevClose ? low - prevClose : prevClose - low;
  return down > r ? down : r;
}
