/**
 * `cryptota runs tag ID +keep -draft`: a tag with + is added, with - removed. The words
 * are taken out of argv before node's parseArgs sees them, which would read "-draft"
 * as the short options -d -r -a -f -t.
 */
import { UsageError } from './command';
import { normalizeTags, tagProblem } from '../../shared/runQuery';

export interface TagEdits {
  add: string[];
  remove: string[];
  /** argv without the +tag/-tag words. */
  rest: string[];
}

/** Splits the +tag/-tag words (after the subcommand) from the other arguments. */
export function takeTagEdits(argv: readonly string[]): TagEdits {
  const add: string[] = [];
  const remove: string[] = [];
  const rest: string[] = [];
  for (const a of argv) {
    // "--json" and "-h" stay options; "-x" for a one-letter tag x is read as a tag removal.
    if (/^\+./.test(a)) add.push(checked(a.slice(1)));
    else if (/^-[^-]/.test(a) && a !== '-h') remove.push(checked(a.slice(1)));
    else rest.push(a);
  }
  return { add, remove, rest };
}

/** The tags after the edits: removals first, so "-x +x" keeps x. */
export function applyTagEdits(current: readonly string[], e: Pick<TagEdits, 'add' | 'remove'>): string[] {
  return normalizeTags([...current.filter((t) => !e.remove.includes(t)), ...e.add]);
}

function checked(tag: string): string {
  const problem = tagProblem(tag);
  if (problem) throw new UsageError(problem);
  return tag;
}
