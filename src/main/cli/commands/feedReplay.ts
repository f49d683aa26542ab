/** `cryptota feed replay`: publishes stored candles to Kafka, the stand-in for the upstream market-data service. */
import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { numberOption, timeOption } from '../options';
import { kafkaOptionSpec, kafkaSettingsFrom, KAFKA_HELP } from '../liveOptions';
import { loadCandlesForSpec } from '../../data/dataSpec';
import { sliceCandles } from '../../engine/candles';
import { createKafka, DEFAULT_TOPICS } from '../../live/kafkaSettings';
import { guessInstrument, parseSpeed, replayCandles, type ReplayFormat } from '../../live/replayProducer';
import { barGrid } from '../../../shared/market/interval';

const HELP = `usage: cryptota feed replay --data <spec> [--speed 60x] [--topic market_data_stream] [--format canonical|binance|binance-wrapped]

Publishes stored candles to Kafka in the upstream formats, the stand-in for the
market-data service in demos and tests. Keys are the symbol.
  --data <spec>          sample | sample:<NAME> | <file.csv[.gz]> | cache:<exchange>:<SYMBOL>:<interval>
  --symbol <SYM>         symbol to publish as (default: from the sample/file name, e.g. BTCUSDT_1m)
  --interval <i>         interval to publish as (default: from the name, e.g. 1m)
  --speed <n>x | max     market time per wall time (default 60x: one 1m bar per second)
  --format <f>           canonical (default) | binance | binance-wrapped ({stream, data})
  --with-unclosed        also send an unclosed update before each closed bar
  --limit <n>            send at most n bars
  --from / --to <date>   bar range (ISO UTC or epoch ms)
  --topic <name>         default market_data_stream
  --json                 print {sent, bars, symbol, interval, topic, aborted}

${KAFKA_HELP}`;

export const feedReplayCommand: CliCommand = {
  name: 'feed replay',
  summary: 'replay stored candles into Kafka in the upstream formats',
  help: HELP,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        ...kafkaOptionSpec,
        data: { type: 'string' },
        symbol: { type: 'string' },
        interval: { type: 'string' },
        speed: { type: 'string', default: '60x' },
        format: { type: 'string', default: 'canonical' },
        'with-unclosed': { type: 'boolean', default: false },
        limit: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        topic: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (!values.data) throw new UsageError('--data is required (e.g. --data sample:BTCUSDT_1m)');
    const format = values.format as ReplayFormat;
    if (!['canonical', 'binance', 'binance-wrapped'].includes(format)) throw new UsageError(`--format must be canonical, binance or binance-wrapped (got "${values.format}")`);
    let speed: number;
    try {
      speed = parseSpeed(values.speed ?? '60x');
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const loaded = await loadCandlesForSpec(values.data, { fromMs: timeOption('from', values.from), toMs: timeOption('to', values.to) });
    const guess = guessInstrument(loaded.source);
    const symbol = (values.symbol ?? guess?.symbol)?.toUpperCase();
    const interval = values.interval ?? guess?.interval;
    if (!symbol || !interval) throw new UsageError(`cannot tell the symbol and interval of ${loaded.source}: pass --symbol and --interval`);
    try {
      barGrid(interval);
    } catch (e) {
      throw new UsageError(`--interval: ${(e as Error).message}`);
    }
    const limit = Math.floor(numberOption('limit', values.limit, loaded.candles.length));
    const candles = sliceCandles(loaded.candles, 0, limit);
    if (candles.length === 0) throw new UsageError(`${loaded.source} has no bars in the requested range`);
    const kafka = createKafka(kafkaSettingsFrom(values));
    const ac = new AbortController();
    const onSig = (): void => ac.abort();
    process.once('SIGINT', onSig);
    process.once('SIGTERM', onSig);
    const topic = values.topic ?? DEFAULT_TOPICS.market;
    io.err(`replaying ${candles.length} ${symbol} ${interval} bars from ${loaded.source} to ${topic} at ${speed === Infinity ? 'max speed' : `${speed}x`} (${format})`);
    let lastReport = 0;
    try {
      const sent = await replayCandles({
        kafka, topic, candles, symbol, interval, speed, format,
        withUnclosed: values['with-unclosed'], signal: ac.signal,
        onProgress: (done, total) => {
          if (io.interactive && performance.now() - lastReport > 500) {
            lastReport = performance.now();
            io.err(`  ${done}/${total} bars`);
          }
        },
      });
      if (values.json) io.out(JSON.stringify({ sent, bars: candles.length, symbol, interval, topic, aborted: ac.signal.aborted }));
      else io.out(`sent ${sent} message(s)${ac.signal.aborted ? ' (interrupted)' : ''}`);
      return 0;
    } finally {
      process.off('SIGINT', onSig);
      process.off('SIGTERM', onSig);
    }
  },
};
