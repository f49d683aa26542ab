/**
 * Waits for a promise at most `ms`: the bound every shutdown step gets, so stopping the
 * live service never depends on a broker answering (kafkajs retries a dead broker for
 * tens of seconds). True when the promise settled in time, false when it was left
 * running; a rejection counts as settled and is swallowed (shutdown reports, never throws).
 */
export async function settleWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((r) => { timer = setTimeout(() => r(false), Math.max(0, ms)); });
  try {
    return await Promise.race([p.then(() => true, () => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
