/** CLI options shared by `cryptota feed` and `cryptota paper`: how to reach Kafka. */
import type { KafkaSettings } from '../live/kafkaSettings';
import { UsageError } from './command';

export const kafkaOptionSpec = {
  brokers: { type: 'string' },
  'sasl-mechanism': { type: 'string' },
  'sasl-username': { type: 'string' },
  'sasl-password': { type: 'string' },
  ssl: { type: 'boolean', default: false },
} as const;

export const KAFKA_HELP = `kafka:
  --brokers <list>       host:port[,host:port] (default: $KAFKA_BROKERS)
  --ssl                  TLS to the brokers (or KAFKA_SSL=1)
  --sasl-mechanism <m>   plain | scram-sha-256 | scram-sha-512 (or KAFKA_SASL_MECHANISM)
  --sasl-username <u>    (or KAFKA_SASL_USERNAME; the password from KAFKA_SASL_PASSWORD)`;

export function kafkaSettingsFrom(v: { brokers?: string; 'sasl-mechanism'?: string; 'sasl-username'?: string; 'sasl-password'?: string; ssl?: boolean }): KafkaSettings {
  const mech = v['sasl-mechanism'];
  if (mech !== undefined && !['plain', 'scram-sha-256', 'scram-sha-512'].includes(mech)) {
    throw new UsageError(`--sasl-mechanism must be plain, scram-sha-256 or scram-sha-512 (got "${mech}")`);
  }
  return {
    brokers: v.brokers ? v.brokers.split(',') : undefined,
    ...(v.ssl ? { ssl: true } : {}),
    ...(v['sasl-username']
      ? { sasl: { mechanism: (mech ?? 'plain') as 'plain', username: v['sasl-username'], password: v['sasl-password'] ?? process.env.KAFKA_SASL_PASSWORD ?? '' } }
      : {}),
  };
}
