/**
 * settings.connections.* and settings.kafkaTest: the TimescaleDB and Kafka connection
 * settings beside the store, and a one-shot Kafka connection test (no retries, so a
 * broker that is down says so in seconds).
 */
import { connect } from 'node:net';
import { createKafka, resolveBrokers, DEFAULT_TOPICS } from '../live/kafkaSettings';
import type { KafkaFailureKind, KafkaTestResult } from '../../shared/dataManagementTypes';
import { ApiFailure } from './errors';
import { kafkaSettingsFor, readConnectionSettings, writeConnectionSettings } from './connectionSettingsFile';
import type { ConnectionsApiService } from './services';

/** Longest a Kafka test may take even if the client hangs (its own connect timeout is 3 s). */
const KAFKA_TEST_LIMIT_MS = 15_000;
/** How long a broker's port may take to accept the TCP connection. */
const TCP_PROBE_MS = 3_000;

export function connectionsApi(settingsFile: string): ConnectionsApiService {
  const read = () => {
    try {
      return readConnectionSettings(settingsFile);
    } catch (e) {
      throw new ApiFailure('unavailable', (e as Error).message);
    }
  };
  return {
    get: async () => read(),
    set: async (update) => {
      if (update.kafka?.brokers) {
        try {
          resolveBrokers({ brokers: update.kafka.brokers.split(',') });
        } catch (e) {
          throw new ApiFailure('invalid-argument', (e as Error).message, [`kafka.brokers: ${(e as Error).message}`]);
        }
      }
      try {
        writeConnectionSettings(settingsFile, update);
      } catch (e) {
        throw new ApiFailure('unavailable', (e as Error).message);
      }
      return read();
    },
    kafkaTest: async (typed) => testKafka(settingsFile, typed),
  };
}

async function testKafka(settingsFile: string, typed: Parameters<typeof kafkaSettingsFor>[1]): Promise<KafkaTestResult> {
  let brokers: string[];
  let kafka;
  try {
    const settings = kafkaSettingsFor(settingsFile, typed);
    brokers = resolveBrokers(settings);
    kafka = createKafka(settings);
  } catch (e) {
    return { ok: false, kind: 'settings', message: (e as Error).message };
  }
  // kafkajs retries a refused connection for many seconds: a plain TCP probe says "down" at once.
  const probes = await Promise.all(brokers.map(probeTcp));
  if (probes.every((p) => p !== null)) {
    return { ok: false, kind: 'unreachable', message: `${brokers.join(',')}: ${HINT.unreachable} (${probes.join('; ')})` };
  }
  const admin = kafka.admin({ retry: { retries: 0 } });
  let timer: NodeJS.Timeout | undefined;
  try {
    const topics = await Promise.race([
      (async () => {
        await admin.connect();
        return admin.listTopics();
      })(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${KAFKA_TEST_LIMIT_MS / 1000} s`)), KAFKA_TEST_LIMIT_MS);
      }),
    ]);
    return { ok: true, brokers, topics: topics.length, marketTopic: topics.includes(DEFAULT_TOPICS.market) };
  } catch (e) {
    const detail = errorChain(e);
    const kind = classifyKafka(detail);
    return { ok: false, kind, message: `${brokers.join(',')}: ${HINT[kind]} (${detail})` };
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => undefined);
  }
}

/** null when host:port accepts a TCP connection, else why not. */
function probeTcp(broker: string): Promise<string | null> {
  const i = broker.lastIndexOf(':');
  return new Promise((resolve) => {
    const socket = connect({ host: broker.slice(0, i), port: Number(broker.slice(i + 1)) });
    const done = (why: string | null) => {
      socket.destroy();
      resolve(why);
    };
    socket.setTimeout(TCP_PROBE_MS, () => done(`${broker}: no answer within ${TCP_PROBE_MS / 1000} s`));
    socket.once('connect', () => done(null));
    socket.once('error', (e: NodeJS.ErrnoException) => done(`${broker}: ${e.code ?? e.message}`));
  });
}

const HINT: Record<KafkaFailureKind, string> = {
  unreachable: 'no broker answers: is it running, and are host and port right?',
  auth_failed: 'the broker refused the SASL login: check the user, mechanism and stored password',
  ssl: 'TLS problem: turn TLS on or off to match the broker',
  settings: 'the settings are not valid',
  other: 'the broker could not be used',
};

function classifyKafka(text: string): KafkaFailureKind {
  if (/SASL|authenticat/i.test(text)) return 'auth_failed';
  if (/SSL|TLS|certificate|EPROTO|wrong version number/i.test(text)) return 'ssl';
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|Connection (error|timeout)|no answer|Closed connection|ECONNRESET/i.test(text)) return 'unreachable';
  return 'other';
}

/** kafkajs wraps the socket's error (`cause`, `originalError`): the messages joined say what happened. */
function errorChain(e: unknown): string {
  const out: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 5; depth++) {
    if (cur instanceof Error) {
      if (!out.includes(cur.message)) out.push(cur.message);
      const next = (cur as Error & { originalError?: unknown }).originalError ?? cur.cause;
      cur = next;
    } else {
      out.push(String(cur));
      break;
    }
  }
  return out.join(': ');
}
