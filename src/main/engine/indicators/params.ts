/** Constructor argument checks shared by the indicators: a clear error naming the input. */

/** Throws a RangeError unless `value` is an integer >= `min`. */
export function checkPeriod(indicator: string, name: string, value: number, min = 1): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${indicator}: ${name} must be an integer >= ${min} (got ${value})`);
  }
}

/** Throws a RangeError unless `value` is a finite number >= `min`. */
export function checkFinite(indicator: string, name: string, value: number, min = -Infinity): void {
  if (!Number.isFinite(value) || value < min) {
    throw new RangeError(`${indicator}: ${name} must be a finite number >= ${min} (got ${value})`);
  }
}
