/**
 * The rows of an optimization's results table, fetched a page at a time (research.cells)
 * as they scroll into view. The store orders cells by grid position or best objective
 * first; any other column is sorted here after loading every cell (up to
 * CLIENT_SORT_LIMIT), because a sort by one column of a page would be a lie.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OptimizationCell } from '../../../shared/researchTypes';
import { api } from '../api/client';
import { message } from '../store/actions';
import { isServerOrder, sortCells, type CellSort } from './cellOrder';

export const PAGE_SIZE = 200;
export const CLIENT_SORT_LIMIT = 100_000;

export { BEST_FIRST, type CellSort } from './cellOrder';

export interface CellRows {
  total: number | null;
  /** The cell at a row, or undefined while its page loads. */
  rowAt(i: number): OptimizationCell | undefined;
  /** Asks for the pages covering rows [from, to). */
  want(from: number, to: number): void;
  error: string | null;
  /** Bumps when rows arrive, so the table re-renders. */
  version: number;
}

export function useCellRows(researchId: number, window: number, sort: CellSort): CellRows {
  const [state, setState] = useState<{ total: number | null; version: number; error: string | null }>({ total: null, version: 0, error: null });
  const pages = useRef(new Map<number, OptimizationCell[]>());
  const loading = useRef(new Set<number>());
  const sorted = useRef<OptimizationCell[] | null>(null);
  const serverOrder = isServerOrder(sort);
  const generation = useRef(0);
  const fetchRef = useRef<(p: number) => Promise<void>>(async () => {});

  useEffect(() => {
    const gen = ++generation.current;
    pages.current = new Map();
    loading.current = new Set();
    sorted.current = null;
    setState({ total: null, version: 0, error: null });
    const byObjective = sort.key === 'objective';
    if (serverOrder) {
      void fetchPage(0);
    } else {
      void loadAll(researchId, window)
        .then((cells) => {
          if (gen !== generation.current) return;
          sorted.current = sortCells(cells, sort);
          setState((s) => ({ total: cells.length, version: s.version + 1, error: null }));
        })
        .catch((e) => gen === generation.current && setState((s) => ({ ...s, error: message(e) })));
    }
    async function fetchPage(p: number): Promise<void> {
      if (loading.current.has(p) || pages.current.has(p)) return;
      loading.current.add(p);
      try {
        const r = await api.call('research.cells', { id: researchId, window, limit: PAGE_SIZE, offset: p * PAGE_SIZE, byObjective });
        if (gen !== generation.current) return;
        pages.current.set(p, r.cells);
        setState((s) => ({ total: r.total, version: s.version + 1, error: null }));
      } catch (e) {
        if (gen === generation.current) setState((s) => ({ ...s, error: message(e) }));
      } finally {
        loading.current.delete(p);
      }
    }
    fetchRef.current = fetchPage;
  }, [researchId, window, sort, serverOrder]);

  const rowAt = useCallback(
    (i: number): OptimizationCell | undefined => {
      if (!serverOrder) return sorted.current?.[i];
      return pages.current.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE];
    },
    [serverOrder],
  );

  const want = useCallback(
    (from: number, to: number) => {
      if (!serverOrder) return;
      for (let p = Math.floor(from / PAGE_SIZE); p <= Math.floor(Math.max(from, to - 1) / PAGE_SIZE); p++) void fetchRef.current(p);
    },
    [serverOrder],
  );

  return { total: state.total, rowAt, want, error: state.error, version: state.version };
}

async function loadAll(researchId: number, window: number): Promise<OptimizationCell[]> {
  const first = await api.call('research.cells', { id: researchId, window, limit: 5000, offset: 0 });
  if (first.total > CLIENT_SORT_LIMIT) {
    throw new Error(`${first.total.toLocaleString('en-US')} combinations are too many to sort by this column here; sort by objective or grid order`);
  }
  const out = [...first.cells];
  while (out.length < first.total) {
    const next = await api.call('research.cells', { id: researchId, window, limit: 5000, offset: out.length });
    if (next.cells.length === 0) break;
    out.push(...next.cells);
  }
  return out;
}
