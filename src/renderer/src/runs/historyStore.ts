/**
 * The Runs screen's history: the search, filters, sort and page the user chose, the
 * page of runs the service found for them (runs.list / runs.count run in SQL, so a
 * history of thousands of optimization runs is never loaded whole), the focused row.
 */
import { create } from 'zustand';
import type { RunSummary } from '../../../shared/backtestTypes';
import type { RunFilter, RunQuery, RunSortKey } from '../../../shared/runQuery';
import { api } from '../api/client';
import { getState as getApp, setState as setApp } from '../store/appStore';
import { message } from '../store/actions';

export const PAGE_SIZE = 50;

export interface HistoryState {
  filter: RunFilter;
  sort: RunSortKey;
  dir: 'asc' | 'desc';
  page: number;
  rows: RunSummary[];
  total: number;
  tags: { tag: string; runs: number }[];
  /** The row the keyboard and the action bar act on. */
  focused: number | null;
  /** The run whose name is being edited inline. */
  renaming: number | null;
  loading: boolean;
  error: string | null;
}

export const useHistory = create<HistoryState>(() => ({
  filter: {},
  sort: 'created',
  dir: 'desc',
  page: 0,
  rows: [],
  total: 0,
  tags: [],
  focused: null,
  renaming: null,
  loading: false,
  error: null,
}));

const set = useHistory.setState;
const get = useHistory.getState;

// Answers can arrive out of order when the user types fast: only the last asked counts.
let asked = 0;

/** Fetches the current page (and the count and tag list) for the current search. */
export async function refreshHistory(): Promise<void> {
  const { filter, sort, dir, page } = get();
  const ticket = ++asked;
  set({ loading: true });
  try {
    const q: RunQuery = { ...cleanFilter(filter), sort, dir, limit: PAGE_SIZE, offset: page * PAGE_SIZE };
    const [rows, { total }, tags] = await Promise.all([api.call('runs.list', q), api.call('runs.count', cleanFilter(filter)), api.call('runs.tags', {})]);
    if (ticket !== asked) return;
    const focused = get().focused;
    set({ rows, total, tags, loading: false, error: null, focused: rows.some((r) => r.id === focused) ? focused : (rows[0]?.id ?? null) });
  } catch (e) {
    if (ticket === asked) set({ loading: false, error: message(e) });
  }
}

export function setFilter(patch: RunFilter): void {
  set({ filter: { ...get().filter, ...patch }, page: 0 });
  void refreshHistory();
}

/** A click on a column header: sort by it, or reverse when it already sorts. */
export function sortBy(key: RunSortKey): void {
  const { sort, dir } = get();
  // Text columns read best A→Z first, figures and dates best/newest first.
  const firstDir = key === 'name' || key === 'strategy' || key === 'data' ? 'asc' : 'desc';
  set({ sort: key, dir: sort === key ? (dir === 'asc' ? 'desc' : 'asc') : firstDir, page: 0 });
  void refreshHistory();
}

export function goToPage(page: number): void {
  const last = Math.max(0, Math.ceil(get().total / PAGE_SIZE) - 1);
  const p = Math.min(Math.max(0, page), last);
  if (p === get().page) return;
  set({ page: p });
  void refreshHistory();
}

export function focusRun(id: number | null): void {
  set({ focused: id });
}

/** Moves the focus `by` rows (arrow keys), staying on the page. */
export function moveFocus(by: number): void {
  const { rows, focused } = get();
  if (!rows.length) return;
  const at = rows.findIndex((r) => r.id === focused);
  const next = Math.min(rows.length - 1, Math.max(0, (at < 0 ? 0 : at) + by));
  set({ focused: rows[next].id });
}

export function startRename(id: number | null): void {
  set({ renaming: id });
}

/** Saves a name (empty clears it) or the tags; every list that shows the run follows. */
export async function updateRun(id: number, patch: { name?: string; tags?: string[] }): Promise<boolean> {
  try {
    const summary = await api.call('runs.update', { id, ...patch });
    applySummary(summary);
    set({ error: null });
    void refreshHistory();
    return true;
  } catch (e) {
    set({ error: message(e) });
    return false;
  }
}

/** The renamed or retagged run, wherever the app holds a copy of it. */
function applySummary(s: RunSummary): void {
  const patch = { label: s.label, tags: s.tags };
  set({ rows: get().rows.map((r) => (r.id === s.id ? { ...r, ...patch } : r)) });
  const app = getApp();
  const cached = app.compareCache[s.id];
  setApp({
    runs: app.runs.map((r) => (r.id === s.id ? { ...r, ...patch } : r)),
    ...(app.run?.id === s.id ? { run: { ...app.run, ...patch } } : {}),
    ...(cached ? { compareCache: { ...app.compareCache, [s.id]: { ...cached, run: { ...cached.run, ...patch } } } } : {}),
  });
}

/** Empty boxes are no filter. */
function cleanFilter(f: RunFilter): RunFilter {
  const out: RunFilter = {};
  if (f.query?.trim()) out.query = f.query.trim();
  if (f.strategy) out.strategy = f.strategy;
  if (f.tag) out.tag = f.tag;
  if (f.kind) out.kind = f.kind;
  return out;
}
