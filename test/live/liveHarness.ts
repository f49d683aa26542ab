/** Shared pieces of the live integration tests: temp stores, topic readers, waiting. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';

export const LIVE_TOPICS = ['market_data_stream', 'trade_signals', 'portfolio_updates', 'alerts', 'market_dlq', 'market_replayed'];

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function kafkaClient(brokers: string): Kafka {
  return new Kafka({ clientId: 'test', brokers: brokers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 100 } });
}

/** Polls `check` until it returns true; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Reads topics from the beginning with one consumer (a group join costs seconds) until
 * each has at least its expected count of messages.
 */
export async function readTopics(brokers: string, want: Record<string, number>, timeoutMs = 60_000): Promise<Record<string, Array<{ key: string; value: string }>>> {
  const kafka = kafkaClient(brokers);
  const consumer = kafka.consumer({ groupId: `reader-${Math.random().toString(36).slice(2)}`, sessionTimeout: 10_000, heartbeatInterval: 1000 });
  const got: Record<string, Array<{ key: string; value: string }>> = Object.fromEntries(Object.keys(want).map((t) => [t, []]));
  await consumer.connect();
  await consumer.subscribe({ topics: Object.keys(want), fromBeginning: true });
  await consumer.run({ eachMessage: async ({ topic, message }) => { got[topic].push({ key: message.key?.toString() ?? '', value: message.value?.toString() ?? '' }); } });
  try {
    const missing = (): string => Object.entries(want).filter(([t, n]) => got[t].length < n).map(([t, n]) => `${t} ${got[t].length}/${n}`).join(', ');
    await waitFor(`messages (${missing()})`, () => missing() === '', timeoutMs);
  } finally {
    await consumer.disconnect();
  }
  return got;
}
