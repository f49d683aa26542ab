/**
 * How the live service reaches Kafka: broker list from explicit settings, else the
 * KAFKA_BROKERS environment variable; optional TLS and SASL. Builds kafkajs clients with
 * reconnect backoff so a broker outage is retried, never fatal.
 */
import { connect as netConnect, isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { Kafka, logLevel, type ISocketFactory, type KafkaConfig, type SASLOptions } from 'kafkajs';

export interface KafkaSettings {
  /** host:port list; empty means "read KAFKA_BROKERS". */
  readonly brokers?: readonly string[];
  readonly clientId?: string;
  readonly ssl?: boolean;
  readonly sasl?: { readonly mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; readonly username: string; readonly password: string };
  /** kafkajs log level; default errors only, because the service reports its own state. */
  readonly logLevel?: 'nothing' | 'error' | 'warn' | 'info' | 'debug';
}

export const DEFAULT_TOPICS = {
  market: 'market_data_stream',
  signals: 'trade_signals',
  portfolio: 'portfolio_updates',
  alerts: 'alerts',
} as const;

export function resolveBrokers(settings: KafkaSettings): string[] {
  const list = settings.brokers && settings.brokers.length > 0 ? [...settings.brokers] : (process.env.KAFKA_BROKERS ?? '').split(',');
  const brokers = list.map((b) => b.trim()).filter((b) => b !== '');
  if (brokers.length === 0) throw new Error('no Kafka brokers: pass --brokers host:port[,host:port] or set KAFKA_BROKERS');
  for (const b of brokers) {
    if (!/^[^\s:]+:\d{1,5}$/.test(b)) throw new Error(`Kafka broker "${b}" must look like host:port`);
  }
  return brokers;
}

/** SASL/TLS from settings, else from KAFKA_SASL_MECHANISM / KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD / KAFKA_SSL. */
export function createKafka(settings: KafkaSettings): Kafka {
  const env = process.env;
  const sasl = settings.sasl ?? (env.KAFKA_SASL_USERNAME
    ? { mechanism: (env.KAFKA_SASL_MECHANISM ?? 'plain') as 'plain', username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD ?? '' }
    : undefined);
  const config: KafkaConfig = {
    clientId: settings.clientId ?? 'cryptota',
    brokers: resolveBrokers(settings),
    ssl: settings.ssl ?? (env.KAFKA_SSL === '1' || env.KAFKA_SSL === 'true'),
    ...(sasl ? { sasl: sasl as SASLOptions } : {}),
    connectionTimeout: 3000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 8, factor: 0.2, multiplier: 2 },
    socketFactory: noDelaySocketFactory,
    logLevel: { nothing: logLevel.NOTHING, error: logLevel.ERROR, warn: logLevel.WARN, info: logLevel.INFO, debug: logLevel.DEBUG }[settings.logLevel ?? 'nothing'],
  };
  return new Kafka(config);
}

/**
 * kafkajs's own socket factory plus TCP_NODELAY. Without it Nagle's algorithm may hold a
 * small request (a signal is a few hundred bytes) until the previous segment on the
 * connection is acknowledged, which adds the peer's delayed-ACK time to the latency.
 */
const noDelaySocketFactory: ISocketFactory = ({ host, port, ssl, onConnect }) => {
  const socket = ssl
    ? tlsConnect({ host, port, ...(isIP(host) ? {} : { servername: host }), ...ssl }, onConnect)
    : netConnect({ host, port }, onConnect);
  socket.setNoDelay(true);
  socket.setKeepAlive(true, 60_000);
  return socket;
};
