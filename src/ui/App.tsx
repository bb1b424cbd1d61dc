import { createEffect, createResource, createSignal, For, Match, on, onCleanup, onMount, Show, Switch } from 'solid-js';
import { getEngine } from '../worker-client/engine';
import { createAppState } from './appState';
import { CompletionTableView } from './CompletionTableView';
import { DataGrid } from './grid/DataGrid';
import { ReturnsView } from './ReturnsView';
import { createGridWindow } from './grid/gridWindow';
import { RankingView } from './RankingView';
import { Pager } from './Pager';
import { RulesView } from './RulesView';
import { ScoreSheetView } from './ScoreSheetView';
import { SnapshotsView } from './SnapshotsView';
import { TopBar } from './TopBar';
import { Notices } from './Notices';
import { PeriodDialog, type PeriodChoice, type PeriodDialogCurrent } from './PeriodDialog';
import { ScenarioView } from './ScenarioView';
import { DecomposeView } from './DecomposeView';
import { BulletinView } from './BulletinView';
import { ChartsView } from './charts/ChartsView';
import { AppContext } from './context';
import { ImportDialog } from './ImportDialog';
import { createImportFlow } from './flows/importFlow';
import { createWorkbookFileFlow } from './flows/workbookFileFlow';
import { download } from './files';
import type { PeriodTime } from '../model';
import type { GridOrderSpec } from '../engine/views/gridOrder';
import { ConflictPanel } from './ConflictPanel';
import { userMessage } from './errors';

type Tab = 'ranking' | 'entry' | 'returns' | 'detail' | `annex${number}` | 'rules' | 'versions' | 'scenarios' | 'decompose' | 'bulletin' | 'charts';

/** Tabs that show a PeriodView, and which part of it they need. */
const VIEW_PART: Partial<Record<string, 'ranking' | 'detail' | 'completion'>> = { ranking: 'ranking', detail: 'detail', charts: 'completion' };

const POLL_MS = 2000;

export function App() {
  const engine = getEngine();
  const app = createAppState(engine);
  const [started] = createResource(() => app.start().then(() => true));
  const [tab, setTab] = createSignal<Tab>('ranking');
  const [persisted, setPersisted] = createSignal<boolean | null>(null);
  const [noteClosed, setNoteClosed] = createSignal(false);

  const key = () => {
    const s = app.session();
    const p = app.periodId();
    return s && p ? { periodId: p, version: s.version, workbookId: s.workbookId, tab: tab() } : null;
  };
  // Bumped after the person sorts or filters the grid: the worker holds the order, the grid reads it again.
  const [orderVersion, setOrderVersion] = createSignal(0);
  const [wantedOrder, setWantedOrder] = createSignal<{ periodId: string; spec: GridOrderSpec } | null>(null);
  const grid = createGridWindow(
    () => (key()?.tab === 'entry' ? { ...key()!, orderVersion: orderVersion() } : null),
    (periodId, from, to, withUnits) => engine.gridView(periodId, from, to, withUnits),
    (e) => app.fail(e),
  );
  // The page of a long table shown (a province has 40 000 units); back to the first on a new tab or period.
  const [pageOffset, setPageOffset] = createSignal(0);
  createEffect(on([tab, () => app.periodId()], () => setPageOffset(0), { defer: true }));
  const [view] = createResource(() => {
    const k = key();
    return k && (VIEW_PART[k.tab] || k.tab.startsWith('annex')) ? { ...k, offset: k.tab === 'charts' ? 0 : pageOffset() } : null;
  }, (k) => engine.periodView(k.periodId, VIEW_PART[k.tab] ?? 'completion', k.offset));
  const [annexNos] = createResource(() => (key() ? { p: key()!.periodId, v: key()!.version } : null), (k) => engine.annexNos(k.p));
  // With the version it was read at: a rule change is judged against what the user saw.
  const [meta] = createResource(() => (key()?.tab === 'rules' ? key() : null), async (k) => ({ meta: await engine.periodMeta(k.periodId), version: k.version }));

  // Undo/redo from anywhere but a text field (the grid's own editor handles its keys itself).
  const onKey = (e: KeyboardEvent) => {
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
    if (!(e.ctrlKey || e.metaKey)) return;
    const k = e.key.toLowerCase();
    if (k === 'z' && !e.shiftKey) {
      e.preventDefault();
      void app.undo().catch(() => undefined);
    } else if (k === 'y' || (k === 'z' && e.shiftKey)) {
      e.preventDefault();
      void app.redo().catch(() => undefined);
    }
  };
  const onFocus = () => void app.checkExternal();
  onMount(() => {
    window.addEventListener('keydown', onKey);
    window.addEventListener('focus', onFocus);
    const timer = window.setInterval(() => started() && void app.checkExternal(), POLL_MS);
    onCleanup(() => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('focus', onFocus);
      window.clearInterval(timer);
    });
    // From file:// this resolves false: storage is best-effort, and we say so.
    void navigator.storage?.persist?.().then(setPersisted, () => setPersisted(false));
  });

  // Warn before closing while a save is in flight or a write failed (the journal still keeps the edit).
  createEffect(() => {
    const handler = (e: BeforeUnloadEvent) => {
      if (app.saveState() !== 'saved') e.preventDefault();
    };
    window.addEventListener('beforeunload', handler);
    onCleanup(() => window.removeEventListener('beforeunload', handler));
  });
  // A grid view has arrived: the cells it shows need no pending copy any more.
  createEffect(() => {
    const g = grid.view();
    if (g) app.prunePending(g.version);
  });
  // Nothing unexpected goes unexplained: errors no handler reported get a Chinese sentence too.
  onMount(() => {
    const report = (e: unknown) => {
      if ((e as { reported?: boolean } | null)?.reported) return;
      const m = userMessage(e);
      app.say(m.message, 'error', m.detail);
    };
    const onError = (ev: ErrorEvent) => report(ev.error ?? ev.message);
    const onRejection = (ev: PromiseRejectionEvent) => {
      ev.preventDefault();
      report(ev.reason);
    };
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    const retry = () => app.saveState() === 'unsaved' && void app.retrySaves().catch(() => undefined);
    window.addEventListener('online', retry);
    window.addEventListener('focus', retry);
    onCleanup(() => {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
      window.removeEventListener('online', retry);
      window.removeEventListener('focus', retry);
    });
  });

  // ---- Excel in and out, and the workbook file -------------------------------------------------
  const fail = (e: unknown) => {
    if (!(e as { reported?: boolean } | null)?.reported) app.fail(e);
  };
  const imports = createImportFlow(app, engine, fail);
  const { importing, reading, now } = imports;
  const { saveToFile, openFile } = createWorkbookFileFlow(app, engine, fail, imports.queuePreviews);

  const exportPart = async (part: string) => {
    const pid = app.periodId();
    if (!pid) return;
    try {
      const out = await engine.exportTables(pid, part as 'all');
      download(out.bytes, out.fileName);
    } catch (e) {
      fail(e);
    }
  };

  /** 新增考核期 / 改期, with the selected period's year and quarter. */
  const [periodDialog, setPeriodDialog] = createSignal<{ mode: 'add' | 'move'; current: PeriodDialogCurrent } | null>(null);
  const confirmPeriod = async (mode: 'add' | 'move', id: string, c: PeriodChoice) => {
    const at: PeriodTime = { year: c.year, quarter: c.quarter, ...(c.month ? { month: c.month } : {}), ...(c.label ? { label: c.label } : {}) };
    if (mode === 'add') await app.addPeriod(c.copyFrom, at);
    else await app.setPeriodTime(id, at);
    setPeriodDialog(null);
  };
  const deletePeriod = async () => {
    const id = app.periodId();
    const label = app.session()?.periods.find((p) => p.id === id)?.label;
    if (!id || !label) return;
    if (!confirm(`删除考核期“${label}”及其全部数据？\n删除前会自动保存一个版本，可在“版本”中恢复。`)) return;
    await app.deletePeriod(id).catch(() => undefined);
  };
  const openPeriodDialog = async (mode: 'add' | 'move') => {
    const id = app.periodId();
    const s = app.session();
    if (!id || !s) return;
    const meta = await engine.periodMeta(id);
    setPeriodDialog({
      mode,
      current: { id, label: s.periods.find((p) => p.id === id)?.label ?? '', year: meta.year, quarter: meta.quarter, ...(meta.month ? { month: meta.month } : {}), ...(meta.label ? { name: meta.label } : {}) },
    });
  };
  let topbar: HTMLElement | undefined;
  let tabbar: HTMLElement | undefined;
  // The sticky tabs and table headers sit below the bars as tall as they really are.
  onMount(() => {
    const root = document.documentElement.style;
    const measure = () => {
      if (topbar) root.setProperty('--topbar-h', `${topbar.getBoundingClientRect().height}px`);
      if (tabbar) root.setProperty('--tabs-h', `${tabbar.getBoundingClientRect().height}px`);
    };
    const ro = new ResizeObserver(measure);
    if (topbar) ro.observe(topbar);
    if (tabbar) ro.observe(tabbar);
    measure();
    onCleanup(() => ro.disconnect());
  });
  const restoreSnapshot = async (id: string) => {
    try {
      await app.run(() => engine.restoreSnapshot(id));
      await app.openWorkbook(app.session()!.workbookId);
      app.say('已恢复到所选版本。');
    } catch (e) {
      fail(e);
    }
  };
  const saveSetAside = async () => {
    try {
      const out = await app.exportSetAside();
      download(out.bytes, out.fileName, 'application/json');
    } catch (e) {
      fail(e);
    }
  };

  const TabButton = (p: { id: Tab; label: string }) => (
    <button type="button" role="tab" aria-selected={tab() === p.id} classList={{ tab: true, active: tab() === p.id }} onClick={() => setTab(p.id)}>
      {p.label}
    </button>
  );

  return (
    <AppContext.Provider value={app}>
    <div class="app">
      <TopBar
        ref={(el) => (topbar = el)}
        annexNos={annexNos() ?? []}
        onImportFile={(input) => void imports.onImportFile(input)}
        onExport={exportPart}
        onSaveToFile={saveToFile}
        onOpenFile={(input) => void openFile(input)}
        onPeriodDialog={(mode) => void openPeriodDialog(mode)}
        onDeletePeriod={() => void deletePeriod()}
      />

      <nav class="tabs no-print" role="tablist" ref={tabbar}>
        <TabButton id="ranking" label="总览（考核结果）" />
        <TabButton id="entry" label="数据录入" />
        <TabButton id="returns" label="报送情况" />
        <TabButton id="detail" label="考核得分明细" />
        <For each={annexNos() ?? []}>{(no) => <TabButton id={`annex${no}`} label={`附件${no}`} />}</For>
        <TabButton id="scenarios" label="情景对比" />
        <TabButton id="decompose" label="目标分解" />
        <TabButton id="bulletin" label="通报稿" />
        <TabButton id="charts" label="图表" />
        <TabButton id="rules" label="规则" />
        <TabButton id="versions" label="版本" />
      </nav>

      {/* While a view is being refreshed the previous one stays, dimmed, and the page says it is busy. */}
      <main aria-busy={grid.loading() || view.loading || meta.loading} classList={{ busy: view.loading && tab() !== 'entry' }}>
        <Show when={started.error}>
          {(err) => (
            <div class="error" role="alert">
              <p>无法打开浏览器中保存的数据：{userMessage(err()).message}</p>
              <Show when={userMessage(err()).detail}>
                <details>
                  <summary>技术细节</summary>
                  <pre>{userMessage(err()).detail}</pre>
                </details>
              </Show>
            </div>
          )}
        </Show>
        <ConflictPanel />
        <Switch fallback={<p class="loading">{started.error ? '' : '正在打开…'}</p>}>
          <Match when={app.session() && app.session()!.periods.length === 0}>
            <section class="sheet">
              <p>此工作簿还没有考核期。</p>
              <button type="button" onClick={() => void app.addPeriod().catch(() => undefined)}>
                新增考核期
              </button>
            </section>
          </Match>
          <Match when={tab() === 'entry' && grid.view()}>
            {(g) => (
              <DataGrid
                view={g()}
                onRows={grid.showRows}
                onSelectRows={grid.needRows}
                hasRows={grid.has}
                pending={app.pending()}
                onCommit={(changes, label, baseVersion, at) => void app.editCells(at.periodId, changes, label, baseVersion, false, at.workbookId)}
                periodExists={(workbookId, periodId) => app.session()?.workbookId === workbookId && !!app.session()?.periods.some((p) => p.id === periodId)}
                onMessage={(text, kind) => app.say(text, kind)}
                order={wantedOrder()?.periodId === g().periodId ? wantedOrder()!.spec : null}
                onOrder={(spec) => {
                  // The order asked for last is what the next change builds on (the view may still show the one before).
                  setWantedOrder({ periodId: g().periodId, spec });
                  void engine.setGridOrder(g().periodId, spec).then(
                    () => setOrderVersion((v) => v + 1),
                    (e: unknown) => app.fail(e),
                  );
                }}
                onExplain={(unitId, indicatorId) => engine.explain(g().periodId, unitId, indicatorId)}
                onGoalSeek={(unitId, indicatorId, goal, vary) => engine.goalSeek(g().periodId, unitId, indicatorId, goal, vary)}
                onDraft={(d) => app.setDraft(d)}
              />
            )}
          </Match>
          <Match when={tab() === 'returns' && key()}>
            {(k) => <ReturnsView periodId={k().periodId} version={k().version} periodLabel={app.session()?.periods.find((p) => p.id === k().periodId)?.label ?? ''} />}
          </Match>
          <Match when={tab() === 'scenarios' && key()}>
            {(k) => <ScenarioView periodId={k().periodId} version={k().version} />}
          </Match>
          <Match when={tab() === 'decompose' && key()}>
            {(k) => <DecomposeView periodId={k().periodId} version={k().version} periods={app.session()?.periods ?? []} onApplied={() => setTab('scenarios')} />}
          </Match>
          <Match when={tab() === 'bulletin' && key()}>
            {(k) => <BulletinView periodId={k().periodId} version={k().version} />}
          </Match>
          <Match when={tab() === 'charts' && view.latest}>
            {(v) => <ChartsView view={v()} />}
          </Match>
          <Match when={tab() === 'rules' && meta.latest}>
            {(m) => <RulesView meta={m().meta} onChange={(next, label) => void app.setMeta(app.periodId()!, next, label, m().version).catch(() => undefined)} />}
          </Match>
          <Match when={tab() === 'versions' && app.session()}>
            <SnapshotsView
              onList={() => engine.listSnapshots().finally(() => app.refreshLists())}
              onCreate={(name) => app.run(() => engine.createSnapshot(name)).catch(() => undefined)}
              onRestore={restoreSnapshot}
              onRemove={(id) => app.run(() => engine.deleteSnapshot(id)).catch(() => undefined)}
            />
          </Match>
          <Match when={view.latest}>
            {(v) => (
              <>
                <Show when={v().errors.length > 0}>
                  <section class="data-errors" role="alert">
                    <h3>数据有误，以下 {v().errorCount} 个单元格未计分{v().errorCount > v().errors.length ? `（列出前 ${v().errors.length} 个）` : ''}：</h3>
                    <ul>
                      <For each={v().errors}>{(m) => <li>{m}</li>}</For>
                    </ul>
                  </section>
                </Show>
                <Pager offset={v().offset} pageSize={v().pageSize} rowCount={v().rowCount} what={tab() === 'detail' ? '个单位的明细' : '个单位'} onPage={setPageOffset} />
                <Switch>
                  <Match when={tab() === 'ranking'}>
                    <RankingView view={v()} />
                  </Match>
                  <Match when={tab() === 'detail'}>
                    <ScoreSheetView view={v()} />
                  </Match>
                  <Match when={tab().startsWith('annex') && v().completion.find((c) => `annex${c.annexNo}` === tab())}>
                    {(t) => <CompletionTableView table={t()} />}
                  </Match>
                </Switch>
              </>
            )}
          </Match>
        </Switch>
      </main>
      <Notices showStorageNote={persisted() === false && !noteClosed()} onCloseStorageNote={() => setNoteClosed(true)} onExportSetAside={saveSetAside} />

      <Show when={periodDialog()}>
        {(d) => (
          <PeriodDialog
            mode={d().mode}
            periods={app.session()?.periods ?? []}
            current={d().current}
            onCancel={() => setPeriodDialog(null)}
            onConfirm={(c) => confirmPeriod(d().mode, d().current.id, c)}
          />
        )}
      </Show>
      <Show when={reading()}>
        {(r) => (
          <div class="modal-backdrop" role="presentation">
            <div class="modal narrow" role="dialog" aria-modal="true" aria-label="正在读取文件" data-testid="import-progress">
              <h2>正在读取“{r().fileName}”</h2>
              <p aria-live="polite">
                {r().message}（已用 {Math.max(0, Math.round((now() - r().started) / 1000))} 秒）
              </p>
              <p class="hint">读取在后台进行，期间可以继续查看；取消不会改动工作簿。</p>
              <div class="actions">
                <button type="button" onClick={() => r().cancel()}>
                  取消
                </button>
              </div>
            </div>
          </div>
        )}
      </Show>

      <Show when={importing()}>
        {(imp) => (
          <ImportDialog
            preview={imp().preview}
            units={imp().units}
            indicators={imp().indicators}
            onRemap={(c) => void imports.remapImport(c)}
            onConfirm={(c) => void imports.confirmImport(c)}
            onCancel={imports.cancelImport}
          />
        )}
      </Show>
    </div>
    </AppContext.Provider>
  );
}
