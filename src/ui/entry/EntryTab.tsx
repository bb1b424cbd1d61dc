/**
 * The 数据录入 tab: the grid window (the rows in view, read from the worker and repainted from each
 * edit's reply), the sort and filter asked for last, and the grid itself.
 */
import { createEffect, createSignal, type Accessor } from 'solid-js';
import type { Engine } from '../../worker-client/client';
import type { GridOrderSpec } from '../../engine/text/orderWords';
import type { AppState } from '../state/appState';
import { DataGrid } from './grid/DataGrid';
import { createGridWindow, type LoadedGrid } from './grid/gridWindow';

export interface EntryKey {
  workbookId: string;
  periodId: string;
  version: number;
}

export function createEntryTab(app: AppState, engine: Engine, key: Accessor<EntryKey | null>) {
  // Bumped after the person sorts or filters: the worker holds the order, the grid reads it again.
  const [orderVersion, setOrderVersion] = createSignal(0);
  const [wantedOrder, setWantedOrder] = createSignal<{ periodId: string; spec: GridOrderSpec } | null>(null);
  const grid = createGridWindow(
    () => (key() ? { ...key()!, orderVersion: orderVersion(), failing: app.saveState() === 'unsaved' } : null),
    (periodId, from, to, withUnits) => engine.gridView(periodId, from, to, withUnits),
    (e) => app.fail(e),
  );
  // An edit is sent with the rows in view, and its reply repaints them (one round trip).
  app.linkGrid({ window: grid.window, accept: grid.accept });
  // A grid view has arrived: the cells it shows need no pending copy any more.
  createEffect(() => {
    const g = grid.view();
    if (g) app.prunePending(g.version);
  });
  return {
    grid,
    /** The order asked for last (the view may still show the one before): what the order bar shows. */
    order: (periodId: string) => (wantedOrder()?.periodId === periodId ? wantedOrder()!.spec : null),
    setOrder(periodId: string, spec: GridOrderSpec) {
      setWantedOrder({ periodId, spec });
      void engine.setGridOrder(periodId, spec).then(
        () => setOrderVersion((v) => v + 1),
        (e: unknown) => app.fail(e),
      );
    },
  };
}

export function EntryTab(props: { app: AppState; engine: Engine; entry: ReturnType<typeof createEntryTab>; view: LoadedGrid }) {
  const g = () => props.view;
  const app = () => props.app;
  return (
    <DataGrid
      view={g()}
      onRows={props.entry.grid.showRows}
      onSelectRows={props.entry.grid.needRows}
      hasRows={props.entry.grid.has}
      pending={app().pending()}
      onCommit={(changes, label, baseVersion, at) => void app().editCells(at.periodId, changes, label, baseVersion, false, at.workbookId)}
      periodExists={(workbookId, periodId) => app().session()?.workbookId === workbookId && !!app().session()?.periods.some((p) => p.id === periodId)}
      onMessage={(text, kind) => app().say(text, kind)}
      order={props.entry.order(g().periodId)}
      onOrder={(spec) => props.entry.setOrder(g().periodId, spec)}
      onExplain={(unitId, indicatorId) => props.engine.explain(g().periodId, unitId, indicatorId)}
      onGoalSeek={(unitId, indicatorId, goal, vary) => props.engine.goalSeek(g().periodId, unitId, indicatorId, goal, vary)}
      onDraft={(d) => app().setDraft(d)}
    />
  );
}
