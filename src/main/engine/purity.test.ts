/**
 * The engine is pure: it runs unchanged in a worker, the CLI, the live service and a unit
 * test, so it may import nothing but itself and src/shared. No Node, Electron, DOM, pg,
 * kafkajs or SQLite can creep in: this test reads every non-test .ts file under
 * src/main/engine and fails on any other import specifier (static, re-export, dynamic
 * import() or require), as parsed by the TypeScript compiler (comments and strings are not
 * mistaken for imports).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const engineDir = dirname(fileURLToPath(import.meta.url));
const sharedDir = resolve(engineDir, '../../shared');

interface Violation {
  file: string;
  specifier: string;
}

describe('engine purity', () => {
  it('imports only relative paths inside src/main/engine or src/shared', () => {
    const files = listSourceFiles(engineDir);
    // The scan must actually see the engine (guards against a broken path making it vacuous).
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(files.some((f) => f.endsWith(`indicators${sep}sma.ts`))).toBe(true);
    const violations = files.flatMap((file) => findViolations(file, readFileSync(file, 'utf8')));
    expect(violations.map((v) => `${relative(engineDir, v.file)}: '${v.specifier}'`)).toEqual([]);
  });

  it('flags Node built-ins, packages, absolute paths and relative paths leaving the engine', () => {
    const file = join(engineDir, 'indicators', 'example.ts');
    const source = [
      "import { readFileSync } from 'node:fs';",
      "import fs from 'fs';",
      "import { Pool } from 'pg';",
      "export { Kafka } from 'kafkajs';",
      "const db = require('better-sqlite3');",
      "const e = await import('electron');",
      "import '/etc/passwd';",
      "import { x } from '../../data/cache';",
      "import type { T } from '../../../renderer/store';",
      // Allowed: inside the engine, and src/shared.
      "import { Sma } from './sma';",
      "import type { Candles } from '../candles';",
      "import type { Api } from '../../../shared/api';",
      "// import { nope } from 'node:path';  (a comment is not an import)",
      "const s = \"import x from 'ws'\";",
    ].join('\n');
    expect(findViolations(file, source).map((v) => v.specifier)).toEqual([
      'node:fs', 'fs', 'pg', 'kafkajs', 'better-sqlite3', 'electron', '/etc/passwd',
      '../../data/cache', '../../../renderer/store',
    ]);
  });
});

/** Import specifiers of `source` (a file at `file`) that leave the engine and src/shared. */
function findViolations(file: string, source: string): Violation[] {
  const info = ts.preProcessFile(source, true, true);
  const specifiers = info.importedFiles.map((f) => f.fileName);
  return specifiers
    .filter((s) => !isAllowed(file, s))
    .map((specifier) => ({ file, specifier }));
}

function isAllowed(file: string, specifier: string): boolean {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return false;
  const target = resolve(dirname(file), specifier);
  return isInside(engineDir, target) || isInside(sharedDir, target);
}

function isInside(dir: string, target: string): boolean {
  const rel = relative(dir, target);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

function listSourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSourceFiles(path));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}
