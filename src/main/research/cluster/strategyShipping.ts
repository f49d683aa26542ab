/**
 * How a strategy reaches a worker on another machine. A name (a built-in, or a strategy
 * installed in every worker's strategies folder) travels as the name; a strategy given
 * as a file travels as its source with its sha256, and a worker writes it under its own
 * home, named by the hash, and runs it only when started with --allow-user-code: user
 * code is arbitrary code, and a worker must not run what anyone can publish to a topic
 * unless its owner said so.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { looksLikeFile } from '../strategyLoader';
import type { StrategyRef } from './clusterProtocol';

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The coordinator's side: what to put in a task for `--strategy <nameOrPath>`. */
export function strategyRefFor(nameOrPath: string, strategyName: string): StrategyRef {
  if (!looksLikeFile(nameOrPath)) return { kind: 'name', name: nameOrPath };
  const path = resolve(nameOrPath);
  const ext = extname(path);
  if (ext !== '.ts' && ext !== '.js' && ext !== '.mjs') throw new Error(`strategy file ${path} must end in .ts, .js or .mjs to be sent to workers`);
  const source = readFileSync(path, 'utf8');
  return { kind: 'source', name: strategyName, ext, source, hash: sha256(source) };
}

/** Why a worker will not run a task's strategy (reported to the coordinator as a refusal). */
export class StrategyRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StrategyRefused';
  }
}

/** The worker's side: the name or file path its pool resolves. */
export function materializeStrategy(ref: StrategyRef, allowUserCode: boolean, codeDir: string): string {
  if (ref.kind === 'name') return ref.name;
  if (!allowUserCode) {
    throw new StrategyRefused(`task uses user strategy code (${ref.name}, sha256 ${ref.hash.slice(0, 12)}…): this worker runs only built-in or installed strategies; start it with --allow-user-code to run user code`);
  }
  if (sha256(ref.source) !== ref.hash) throw new StrategyRefused(`user strategy ${ref.name}: its source does not match its hash ${ref.hash.slice(0, 12)}… (corrupted in transit?)`);
  const file = join(codeDir, `${ref.hash}${ref.ext}`);
  if (!existsSync(file)) {
    mkdirSync(codeDir, { recursive: true });
    // Write then rename: several pool threads or workers on one home may race.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, ref.source);
    renameSync(tmp, file);
  }
  return file;
}
