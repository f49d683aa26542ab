/** `cryptota feed status`: what the live feed did, from the store (works without a running service). */
import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { isoMinute } from '../options';
import { openDb } from '../../data/db';
import { defaultDbPath } from '../../appHome';
import { DEFAULT_TOPICS } from '../../live/kafkaSettings';
import { LiveStore } from '../../live/liveStore';

export const feedStatusCommand: CliCommand = {
  name: 'feed status',
  summary: 'feed counters: offsets, rejects with their last example, duplicates, holes',
  help: `usage: cryptota feed status [--topic <name>] [--json]

From the local store: the processed offsets of the topic (default: the one the live
service reads), rejected messages per reason with the last example of each (what was
wrong, which keys it had), closed candles ignored as duplicates or out of order, and the
holes (offsets the broker deleted before they were read).`,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv], options: { topic: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true, allowPositionals: false,
    });
    const db = openDb(defaultDbPath());
    try {
      const store = new LiveStore(db);
      // By default the topic the live service reads (recorded at its start).
      const topic = values.topic ?? store.feedTopic() ?? DEFAULT_TOPICS.market;
      const offsets = Object.fromEntries([...store.offsets(topic)].map(([p, o]) => [p, o.toString()]));
      const { duplicates, outOfOrder } = store.ignoredCounts();
      const rejected = store.rejectCounts();
      const rejectExamples = store.rejectExamples();
      const holes = store.feedHoles(20).filter((h) => h.topic === topic);
      if (values.json) io.out(JSON.stringify({ topic, offsets, rejected, rejectExamples, holes, duplicates, outOfOrder }));
      else {
        io.out(`topic ${topic}: processed offsets ${Object.entries(offsets).map(([p, o]) => `p${p}=${o}`).join(' ') || '(none yet)'}`);
        io.out(`closed candles ignored as already applied: duplicates ${duplicates}, out of order ${outOfOrder}`);
        const r = Object.entries(rejected);
        if (r.length === 0) io.out('rejected: none');
        for (const [reason, n] of r) {
          const ex = rejectExamples[reason];
          io.out(`rejected ${reason}=${n}`);
          if (ex) io.out(`    last at p${ex.partition}@${ex.offset}: ${ex.detail}\n    message: ${ex.value ?? '(empty)'}`);
        }
        for (const h of holes) io.out(`hole: p${h.partition} offsets ${h.fromOffset}..${h.toOffset} (${h.missed} message(s)) left the broker before they were read; found ${isoMinute(h.at)} UTC`);
      }
      return 0;
    } finally {
      db.close();
    }
  },
};
