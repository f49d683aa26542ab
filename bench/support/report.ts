/**
 * How the data and live benches report: progress lines on stderr, then a table of
 * figures (each with the baseline measured in the same run) on stdout and, with --json,
 * one JSON object on the last line; the exit code is 1 when a figure missed its target.
 */

export interface Figure<Unit extends string = string> {
  name: string;
  unit: Unit;
  value: number;
  baselineName: string;
  baseline: number;
  /** value / baseline */
  ratio: number;
  target: string;
  meetsTarget: boolean;
}

/** A progress line (stderr, so stdout stays the table and the JSON). */
export function log(s: string): void {
  process.stderr.write(`${s}\n`);
}

export function figure<Unit extends string>(name: string, unit: Unit, value: number, baselineName: string, baseline: number, target: string, ok: (v: number) => boolean): Figure<Unit> {
  return { name, unit, value, baselineName, baseline, ratio: value / baseline, target, meetsTarget: ok(value) };
}

export interface TableFormat<Unit extends string> {
  /** Width the value and baseline columns are right-aligned to. */
  readonly width: number;
  /** A value or baseline with its unit. */
  fmt(unit: Unit, v: number): string;
}

export function printTable<Unit extends string>(fs: readonly Figure<Unit>[], t: TableFormat<Unit>): void {
  console.log(`${'measure'.padEnd(40)} ${'value'.padStart(t.width)} ${'baseline'.padStart(t.width)} ${'ratio'.padStart(7)}  target`);
  for (const f of fs) {
    console.log(`${f.name.padEnd(40)} ${t.fmt(f.unit, f.value).padStart(t.width)} ${t.fmt(f.unit, f.baseline).padStart(t.width)} ${f.ratio.toFixed(2).padStart(7)}  ${f.target} ${f.meetsTarget ? 'ok' : 'MISSED'}`);
    console.log(`${''.padEnd(40)} baseline: ${f.baselineName}`);
  }
}

/** The table; with --json on the command line, then `summary` as one JSON line; exit code 1 when a target was missed. */
export function report<Unit extends string>(fs: readonly Figure<Unit>[], t: TableFormat<Unit>, summary: Record<string, unknown>): void {
  printTable(fs, t);
  if (process.argv.includes('--json')) console.log(JSON.stringify(summary));
  if (fs.some((f) => !f.meetsTarget)) process.exitCode = 1;
}
