/**
 * The cells typed on the page and not yet answered (state/edits.ts): an edit's reply (its rows, the
 * new state, the typed copies dropped) is applied in one update. At 40 000 units each re-read of the
 * ~45 rows in view was ~6 ms, three times per reply.
 */
import { describe, expect, it } from 'vitest';
import { createMemo, createRoot, createSignal } from 'solid-js';
import { createEdits } from '../../src/ui/state/edits';
import type { EditOutcome, GridView, SessionState } from '../../src/service/protocol';
import type { Cell } from '../../src/model';

const typed: Cell = { state: 'value', target: 10, actual: 5000 };

describe('cells typed and not yet answered', () => {
  it('the reply is applied in one update, and the typed copy goes with its rows', async () => {
    let finish!: (o: EditOutcome) => void;
    await createRoot(async (dispose) => {
      const [state, setState] = createSignal<SessionState>({ version: 1, workbookId: 'w', name: '工作簿' } as SessionState);
      const [view, setView] = createSignal(1);
      const edits = createEdits({
        engine: { editCells: () => new Promise<EditOutcome>((r) => (finish = r)) } as never,
        session: state,
        periodId: () => 'p',
        conflicts: () => [],
        say: () => undefined,
        track: (fn) => fn(),
        outcome: (o) => (setState(o.state), o),
      });
      edits.linkGrid({ window: () => ({ from: 0, to: 45 }), accept: (g: GridView) => (setView((g as unknown as { version: number }).version), true) });
      // The edited cell, and what a reply redraws (rows, state, typed copies).
      const runs = { edited: 0, reply: 0 };
      const edited = createMemo(() => (runs.edited++, edits.pending()['u1|i1']));
      const drawn = createMemo(() => (runs.reply++, [view(), state().version, edits.pending()['u1|i1']?.until]));
      void edited();
      void drawn();

      const done = edits.editCells('p', [{ unitId: 'u1', indicatorId: 'i1', before: null, after: typed }], '改实绩数', 1);
      expect(edited()).toEqual({ cell: typed, until: null });
      const afterEnter = { ...runs };
      finish({ ok: true, saved: true, state: { version: 2, workbookId: 'w', name: '工作簿' } as SessionState, conflicts: [], grid: { version: 2 } as unknown as GridView });
      const o = await done;
      expect(o?.state.version).toBe(2);
      // The reply's rows are this version's: the typed copy is dropped with them, in the same update.
      expect(edited()).toBeUndefined();
      expect(drawn()).toEqual([2, 2, undefined]);
      expect(afterEnter.edited).toBe(2);
      expect(runs.edited).toBe(3);
      expect(runs.reply - afterEnter.reply).toBe(1); // rows, state and the typed copy: one update
      dispose();
    });
  });

  it('a reply whose rows were not taken keeps the typed copy until a view of its version arrives', async () => {
    await createRoot(async (dispose) => {
      const edits = createEdits({
        engine: { editCells: async () => ({ ok: true, saved: true, state: { version: 5 } as SessionState, conflicts: [], grid: { version: 5 } as unknown as GridView }) } as never,
        session: () => ({ version: 4, workbookId: 'w', name: '工作簿' }) as SessionState,
        periodId: () => 'p',
        conflicts: () => [],
        say: () => undefined,
        track: (fn) => fn(),
        outcome: (o) => o,
      });
      edits.linkGrid({ window: () => null, accept: () => false });
      await edits.editCells('p', [{ unitId: 'u1', indicatorId: 'i1', before: null, after: typed }], '改实绩数', 4);
      expect(edits.pending()['u1|i1']).toEqual({ cell: typed, until: 5 });
      edits.prunePending(4);
      expect(edits.pending()['u1|i1']).toEqual({ cell: typed, until: 5 });
      edits.prunePending(5);
      expect(edits.pending()['u1|i1']).toBeUndefined();
      dispose();
    });
  });
});
