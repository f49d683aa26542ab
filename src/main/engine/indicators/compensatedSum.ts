/**
 * A running sum that stays exact to about one rounding of the true total however many
 * values flow through it (Knuth's TwoSum, i.e. Neumaier/Kahan-Babuska compensation).
 * Rolling windows add the new value and subtract the old one forever; a plain sum
 * would drift by one rounding per bar, this one does not. Branch-free and allocation-free.
 */
export class CompensatedSum {
  private hi = 0;
  private lo = 0;

  add(x: number): void {
    const hi = this.hi;
    const s = hi + x;
    const bp = s - hi;
    // Exact rounding error of hi + x (TwoSum); accumulated separately.
    this.lo += (hi - (s - bp)) + (x - bp);
    this.hi = s;
  }

  get value(): number {
    return this.hi + this.lo;
  }

  reset(): void {
    this.hi = 0;
    this.lo = 0;
  }
}
