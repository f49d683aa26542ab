/** When bin/cryptota.mjs may run the built CLI instead of the TypeScript sources. */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtCliState, chooseCli } from '../../bin/cliBuild.mjs';
import { tempHome } from '../support/cli';

/** A project with one source file saved at sourceSavedAt (seconds) and a build started at builtAt (ms), or no build. */
function project(sourceSavedAt: number, builtAt: number | null, stamp = true): string {
  const root = tempHome('cryptota-clibuild-');
  mkdirSync(join(root, 'src', 'main', 'cli'), { recursive: true });
  mkdirSync(join(root, 'src', 'shared'), { recursive: true });
  const source = join(root, 'src', 'main', 'cli', 'main.ts');
  writeFileSync(source, 'export {};\n');
  utimesSync(source, sourceSavedAt, sourceSavedAt);
  if (builtAt !== null) {
    mkdirSync(join(root, 'out', 'main'), { recursive: true });
    writeFileSync(join(root, 'out', 'main', 'cli.js'), 'export {};\n');
    if (stamp) writeFileSync(join(root, 'out', 'main', 'cli-build.json'), JSON.stringify({ startedAt: builtAt }));
  }
  return root;
}

describe('the built CLI is used only when no source is newer than the build', () => {
  it('fresh: the build started after the last save', () => {
    const root = project(1_000, 2_000_000);
    expect(builtCliState(root)).toBe('fresh');
    expect(chooseCli(root, '')).toMatchObject({ from: 'build', hint: null });
  });

  it('stale: a source saved after the build started (also a test file does not count)', () => {
    const root = project(3_000, 2_000_000);
    expect(builtCliState(root)).toBe('stale');
    const choice = chooseCli(root, '');
    expect(choice.from).toBe('source');
    expect(choice.hint).toContain('older than the sources');
    const fresh = project(1_000, 2_000_000);
    const test = join(fresh, 'src', 'main', 'cli', 'main.test.ts');
    writeFileSync(test, '');
    utimesSync(test, 3_000, 3_000);
    expect(builtCliState(fresh)).toBe('fresh');
  });

  it('missing build, or a build without its stamp', () => {
    expect(builtCliState(project(1_000, null))).toBe('missing');
    expect(chooseCli(project(1_000, null), '').hint).toContain('does not exist');
    expect(builtCliState(project(1_000, 2_000_000, false))).toBe('stale');
  });

  it('CRYPTOTA_CLI_FROM forces one, and a wrong value is named', () => {
    const root = project(3_000, 2_000_000);
    expect(chooseCli(root, 'build').from).toBe('build');
    expect(chooseCli(project(1_000, 2_000_000), 'source')).toMatchObject({ from: 'source', hint: null });
    expect(() => chooseCli(root, 'fast')).toThrow('CRYPTOTA_CLI_FROM must be "build" or "source" (got "fast")');
  });
});
