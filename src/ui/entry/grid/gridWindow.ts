/**
 * The page's side of the windowed grid: asks the worker for the rows in view (plus a margin), and
 * again after each change for the same rows; keeps the row list (units) until the scheme changes.
 * A 40 000-unit grid crosses the worker boundary a few hundred rows at a time.
 */
import { createEffect, createSignal, on, untrack, type Accessor } from 'solid-js';
import type { GridUnit, GridView } from '../../../service/protocol';

/** What the grid component reads: a window of rows with the full row list. */
export type LoadedGrid = Omit<GridView, 'units'> & { units: GridUnit[]; workbookId: string };

/** Rows read beyond the visible ones, above and below (scrolling a screen or two needs no wait). */
export const WINDOW_MARGIN = 150;
/** Most rows one window holds (a selection larger than this is not read for copy/clear). */
export const MAX_WINDOW_ROWS = 20_000;

export interface GridWindowKey {
  workbookId: string;
  periodId: string;
  version: number;
  /** Bumped when the person sorts or filters (the worker keeps the order; this asks for it again). */
  orderVersion?: number;
  /** A write failed (cells are marked 尚未写入) — or no longer does: the same version, read again. */
  failing?: boolean;
}

const sameKey = (a: GridWindowKey | null, b: GridWindowKey | null) =>
  !!a && !!b && a.workbookId === b.workbookId && a.periodId === b.periodId && a.version === b.version && a.orderVersion === b.orderVersion && !!a.failing === !!b.failing;

type Fetch = (periodId: string, from: number, to: number, withUnits: boolean) => Promise<GridView>;

export function createGridWindow(key: Accessor<GridWindowKey | null>, fetch: Fetch, onError: (e: unknown) => void) {
  const [view, setView] = createSignal<LoadedGrid | null>(null);
  const [loading, setLoading] = createSignal(false);
  /** Rows the grid shows and the selection covers: what the next window must contain. */
  let visible = { from: 0, to: 60 };
  let needed: { from: number; to: number } | null = null;
  let units: { stamp: string; list: GridUnit[] } | null = null;
  let inFlight = false;
  let again = false;
  /** The key the window shown was read (or accepted) for. */
  let shown: GridWindowKey | null = null;

  const wanted = () => {
    let from = Math.max(0, visible.from - WINDOW_MARGIN);
    let to = visible.to + WINDOW_MARGIN;
    if (needed && Math.max(to, needed.to) - Math.min(from, needed.from) <= MAX_WINDOW_ROWS) {
      from = Math.min(from, needed.from);
      to = Math.max(to, needed.to);
    }
    return { from, to };
  };

  const covers = (v: LoadedGrid | null, from: number, to: number) =>
    !!v && from >= v.from && Math.min(to, v.rowCount) <= v.from + v.total.length;

  async function load(): Promise<void> {
    if (inFlight) {
      again = true;
      return;
    }
    const k = key();
    if (!k) return;
    // An edit's reply already brought this version's rows (accept): nothing to read.
    const w0 = wanted();
    if (sameKey(shown, k) && covers(untrack(view), w0.from, w0.to)) return;
    inFlight = true;
    setLoading(true);
    try {
      const w = wanted();
      const stamp = `${k.workbookId}|${k.periodId}`;
      const have = units?.stamp.startsWith(`${stamp}|`) ? units : null;
      let got = await fetch(k.periodId, w.from, w.to, !have);
      // The row list is kept only while the rows are in the same order over the same units: a row
      // index must name the same unit in the list and in the rows read with it.
      if (have && got.units === null && have.stamp !== `${stamp}|${got.rowsStamp}`) got = await fetch(k.periodId, w.from, w.to, true);
      if (got.units) units = { stamp: `${stamp}|${got.rowsStamp}`, list: got.units };
      const current = key();
      // Latest wins: an answer to an ask already overtaken (another sort or filter, another version
      // on its way) is not shown; the newer ask is read right after. (Scrolling meanwhile is no reason.)
      const overtaken = !current || current.orderVersion !== k.orderVersion || current.version !== k.version;
      if (current && current.periodId === got.periodId && current.workbookId === k.workbookId && !overtaken) {
        shown = k;
        setView({ ...got, units: units!.list, workbookId: k.workbookId });
      }
      else if (current) again = true;
    } catch (e) {
      onError(e);
    } finally {
      inFlight = false;
      setLoading(false);
    }
    if (again) {
      again = false;
      await load();
    }
  }

  // A new version, period or workbook: read the same rows again.
  createEffect(on(key, (k) => k && void load()));

  // showRows and needRows are called from the grid's effects: reading the view there untracked keeps
  // a new window from calling them again (a selection far from the rows in view looped, reading the
  // same window over and over).
  const current = () => untrack(view);

  return {
    view,
    loading,
    /** The grid scrolled: rows [from, to) are on screen. */
    showRows(from: number, to: number) {
      visible = { from, to };
      const v = current();
      if (!covers(v, Math.max(0, from - WINDOW_MARGIN / 3), to + WINDOW_MARGIN / 3)) void load();
    },
    /** The selection covers rows [from, to): read them too (for copy, clear, paste), when not too many. */
    needRows(from: number, to: number) {
      needed = to - from <= MAX_WINDOW_ROWS ? { from, to } : null;
      if (!needed || covers(current(), from, to)) return;
      // Read only when the next window would hold them (too far from the rows in view, it would not).
      const w = wanted();
      if (w.from <= from && to <= w.to) void load();
    },
    /** The rows to send with an edit of `periodId` (the reply carries them), if this window shows that period. */
    window(periodId: string): { from: number; to: number } | null {
      const k = untrack(key);
      return k && k.periodId === periodId ? wanted() : null;
    },
    /**
     * An edit's reply: this version's rows for the window sent. Taken when they are in the order and
     * over the units kept (else the next read brings them); the version's read is then skipped.
     * True when taken.
     */
    accept(got: GridView): boolean {
      const k = untrack(key);
      if (!k || got.periodId !== k.periodId || units?.stamp !== `${k.workbookId}|${k.periodId}|${got.rowsStamp}`) return false;
      const v = current();
      if (v && v.version > got.version) return false;
      shown = { ...k, version: got.version };
      setView({ ...got, units: units.list, workbookId: k.workbookId });
      return true;
    },
    /** Are rows [from, to) in the current window? */
    has(from: number, to: number): boolean {
      return covers(view(), from, to);
    },
  };
}
