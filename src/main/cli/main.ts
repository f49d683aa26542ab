/** Entry of the `cryptota` command line. */
import type { CliCommand, CliIo } from './command';
import { UsageError } from './command';
import { commands } from './registry';

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(globalHelp());
    return 0;
  }
  // Longest match first, so "cache ls" wins over a hypothetical "cache".
  const sorted = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  const cmd = sorted.find((c) => {
    const words = c.name.split(' ');
    return words.every((w, i) => argv[i] === w);
  });
  if (!cmd) {
    // A command group typed alone (`cryptota cache`, `cryptota sources`) or with an
    // unknown subcommand: list the group's subcommands rather than every command.
    const group = commands.filter((c) => c.name.split(' ').length > 1 && c.name.split(' ')[0] === argv[0]);
    if (group.length > 0) {
      if (argv[1] === '--help' || argv[1] === '-h') {
        io.out(commandList(group));
        return 0;
      }
      const sub = argv.length > 1 ? `unknown subcommand "${argv[1]}"` : 'missing subcommand';
      io.err(`cryptota ${argv[0]}: ${sub}\n\n${commandList(group)}`);
      return 2;
    }
    io.err(`cryptota: unknown command "${argv.join(' ')}"\n\n${globalHelp()}`);
    return 2;
  }
  const rest = argv.slice(cmd.name.split(' ').length);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(cmd.help);
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`cryptota ${cmd.name}: ${e.message}`);
      return 2;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    io.err(`cryptota ${cmd.name}: ${err.message}`);
    if (process.env.CRYPTOTA_DEBUG) io.err(err.stack ?? '');
    return 1;
  }
}

function commandList(list: readonly CliCommand[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return ['commands:', ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)].join('\n');
}

function globalHelp(): string {
  return [
    'cryptota — CryptoTA Workstation command line',
    '',
    'usage: cryptota <command> [options]   (cryptota <command> --help for details)',
    '',
    commandList(commands),
    '',
    'Data and saved runs live in the local store: $CRYPTOTA_HOME (default ~/.cryptota).',
  ].join('\n');
}

function processIo(): CliIo {
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    interactive: Boolean(process.stderr.isTTY),
  };
}
