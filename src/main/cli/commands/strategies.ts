import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { listStrategies } from '../../research/strategyLoader';
import { strategiesDir } from '../../appHome';

const HELP = `usage: cryptota strategies [--json] [--dir <folder>]

Lists the built-in strategies and the user strategies found in the strategies
folder (default: $CRYPTOTA_STRATEGIES or ~/.cryptota/strategies), each with its
parameter schema. A user strategy is a .ts or .js file whose default export has
{ name, description, params, create }.`;

export const strategiesCommand: CliCommand = {
  name: 'strategies',
  summary: 'list strategies and their parameters',
  help: HELP,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: { json: { type: 'boolean', default: false }, dir: { type: 'string' } },
      strict: true,
    });
    const dir = values.dir ?? strategiesDir();
    const { strategies, failures } = await listStrategies(dir);
    if (values.json) {
      io.out(JSON.stringify({
        strategies: strategies.map((s) => ({ name: s.definition.name, description: s.definition.description, source: s.source, params: s.definition.params })),
        errors: failures.map((f) => f.message),
      }));
      return 0;
    }
    for (const { definition: d, source } of strategies) {
      io.out(`${d.name}${source === 'builtin' ? '' : `  (${source})`}\n  ${d.description}`);
      for (const p of d.params) {
        const range = p.type === 'enum' ? `{${p.options?.join('|')}}` : p.min !== undefined || p.max !== undefined ? `[${p.min ?? ''}..${p.max ?? ''}${p.step !== undefined ? ` step ${p.step}` : ''}]` : '';
        io.out(`    ${p.name.padEnd(14)} ${p.type.padEnd(5)} default ${String(p.default).padEnd(8)} ${range.padEnd(22)} ${p.description}`);
      }
      io.out('');
    }
    io.out(`user strategies folder: ${dir}`);
    for (const f of failures) io.err(`warning: ${f.message}`);
    return 0;
  },
};
