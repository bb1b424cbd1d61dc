import { createEffect, createMemo, createResource, createSignal, For, Match, on, onCleanup, onMount, Show, Switch } from 'solid-js';
import * as client from '../worker-client/client';
import { createAppState } from './state/appState';
import { CompletionTableView } from './publish/CompletionTableView';
import { ReturnsView } from './returns/ReturnsView';
import { createEntryTab, EntryTab } from './entry/EntryTab';
import { RankingView } from './publish/RankingView';
import { Pager } from './shared/Pager';
import { RulesView } from './rules/RulesView';
import { ScoreSheetView } from './publish/ScoreSheetView';
import { SnapshotsView } from './workbook/SnapshotsView';
import { TopBar } from './TopBar';
import { Notices } from './Notices';
import { createStorageNote } from './shared/storageNote';
import { PeriodDialog } from './workbook/PeriodDialog';
import { createPeriodFlow } from './workbook/periodFlow';
import { usePageEvents } from './state/pageEvents';
import { ScenarioView } from './planning/ScenarioView';
import { DecomposeView } from './planning/DecomposeView';
import { YearPlanView } from './yearplan/YearPlanView';
import { BulletinView } from './publish/BulletinView';
import { ChartsView } from './publish/charts/ChartsView';
import { AppContext } from './state/context';
import { ImportDialog } from './workbook/ImportDialog';
import { ProgressDialog } from './workbook/ProgressDialog';
import { OpenFileDialog } from './workbook/OpenFileDialog';
import { lastTab, rememberTab } from './state/lastPlace';
import { createImportFlow } from './workbook/importFlow';
import { createWorkbookFileFlow } from './workbook/workbookFileFlow';
import { download } from './shared/files';
import { ConflictPanel } from './ConflictPanel';
import { userMessage } from './shared/errors';

type Tab = 'ranking' | 'entry' | 'returns' | 'detail' | `annex${number}` | 'rules' | 'versions' | 'scenarios' | 'decompose' | 'bulletin' | 'charts' | 'yearplan';
const TABS: Tab[] = ['ranking', 'entry', 'returns', 'detail', 'annex1', 'annex2', 'annex3', 'annex4', 'annex5', 'rules', 'versions', 'scenarios', 'decompose', 'bulletin', 'charts', 'yearplan'];

/** Tabs that show a PeriodView, and which part of it they need. */
const VIEW_PART: Partial<Record<string, 'ranking' | 'detail' | 'completion'>> = { ranking: 'ranking', detail: 'detail', charts: 'completion' };

export function App() {
  const engine = client.engine();
  const app = createAppState(engine);
  const [started] = createResource(() => app.start().then(() => true));
  // The app reopens on the tab last viewed (a remembered preference, checked against the tabs there are).
  const [tab, setTab] = createSignal<Tab>(lastTab(TABS) ?? 'ranking');
  createEffect(() => rememberTab(tab()));
  const persisted = usePageEvents(app, started, () => files.saveToFile());
  const storageNote = createStorageNote(persisted);

  // What the open view depends on; the same values give the same object (a write landing is no reason to read again).
  const key = createMemo(
    () => {
      const s = app.session();
      const p = app.periodId();
      return s && p ? { periodId: p, version: s.version, workbookId: s.workbookId, tab: tab() } : null;
    },
    null,
    { equals: (a, b) => a === b || (!!a && !!b && a.periodId === b.periodId && a.version === b.version && a.workbookId === b.workbookId && a.tab === b.tab) },
  );
  const entry = createEntryTab(app, engine, () => (key()?.tab === 'entry' ? key() : null));
  const grid = entry.grid;
  // The page of a long table shown (a province has 40 000 units); back to the first on a new tab or period.
  const [pageOffset, setPageOffset] = createSignal(0);
  createEffect(on([tab, () => app.periodId()], () => setPageOffset(0), { defer: true }));
  // Keyed by the part and page asked, not the tab: 附件1, 附件2 and 图表 show the same view, and
  // moving between them asks nothing again (a province's charts were drawn twice, ~0.3 s).
  // A tab without a view (通报, 规则 …) keeps the last key while it is still current: back on 图表
  // or 附件 from there, nothing is asked again.
  const viewKey = createMemo(
    (prev: { periodId: string; version: number; workbookId: string; part: 'ranking' | 'detail' | 'completion'; offset: number } | null) => {
      const k = key();
      if (!k) return null;
      if (!(VIEW_PART[k.tab] || k.tab.startsWith('annex'))) return prev && prev.periodId === k.periodId && prev.version === k.version && prev.workbookId === k.workbookId ? prev : null;
      return { periodId: k.periodId, version: k.version, workbookId: k.workbookId, part: VIEW_PART[k.tab] ?? 'completion', offset: k.tab === 'charts' ? 0 : pageOffset() };
    },
    null,
    { equals: (a, b) => a === b || (!!a && !!b && a.periodId === b.periodId && a.version === b.version && a.workbookId === b.workbookId && a.part === b.part && a.offset === b.offset) },
  );
  const [view] = createResource(viewKey, (k) => engine.periodView(k.periodId, k.part, k.offset));
  // The 附件 tabs change only with the scheme, not with every edit.
  const annexKey = createMemo(() => (key() ? { p: key()!.periodId, v: app.session()!.schemeVersion } : null), null, { equals: (a, b) => a?.p === b?.p && a?.v === b?.v });
  const [annexNos] = createResource(annexKey, (k) => engine.annexNos(k.p), { initialValue: [] });
  // A 附件 tab this period does not have (reopened on it, or the period changed): the overview instead.
  createEffect(() => {
    const t = tab();
    if (!t.startsWith('annex') || annexNos.loading || !annexKey() || annexNos.state !== 'ready') return;
    if (!(annexNos() as readonly number[]).includes(Number(t.slice(5)))) setTab('ranking');
  });
  // With the version it was read at: a rule change is judged against what the user saw.
  const [meta] = createResource(() => (key()?.tab === 'rules' ? key() : null), async (k) => ({ meta: await engine.periodMeta(k.periodId), version: k.version }));

  // ---- Excel in and out, and the workbook file -------------------------------------------------
  const fail = (e: unknown) => {
    if (!(e as { reported?: boolean } | null)?.reported) app.fail(e);
  };
  const imports = createImportFlow(app, engine, fail);
  const { importing } = imports;
  const files = createWorkbookFileFlow(app, engine, fail, imports.queuePreviews);
  const { saveToFile, openFile } = files;

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

  const periods = createPeriodFlow(app, engine);
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
        onPeriodDialog={(mode) => void periods.open(mode)}
        onDeletePeriod={() => void periods.remove()}
      />

      <nav class="tabs no-print" role="tablist" ref={tabbar}>
        <TabButton id="ranking" label="总览（考核结果）" />
        <TabButton id="entry" label="数据录入" />
        <TabButton id="returns" label="报送情况" />
        <TabButton id="detail" label="考核得分明细" />
        <For each={annexNos() ?? []}>{(no) => <TabButton id={`annex${no}`} label={`附件${no}`} />}</For>
        <TabButton id="scenarios" label="情景对比" />
        <TabButton id="decompose" label="目标分解" />
        <TabButton id="bulletin" label="通报" />
        <TabButton id="charts" label="图表" />
        <TabButton id="yearplan" label="年度计划" />
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
        <Show when={app.storageRefused()}>
          {(why) => (
            <div class="notice warn storage-refused" role="alert" data-testid="storage-refused">
              <p>{why()}</p>
              <p>
                浏览器中的这些数据原样保留，本程序不读取、不修改。现在使用一个单独的临时工作区：可在“工作簿操作 › 打开文件”中打开工作簿文件继续工作，改完请“保存为文件”（Ctrl+S）——临时工作区中的内容不作为正式数据保留。
              </p>
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
          <Match when={tab() === 'entry' && grid.view()}>{(g) => <EntryTab app={app} engine={engine} entry={entry} view={g()} />}</Match>
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
          <Match when={tab() === 'yearplan' && key()}>{(k) => <YearPlanView periodId={k().periodId} version={k().version} />}</Match>
          <Match when={tab() === 'charts' && view.latest}>
            {(v) => <ChartsView view={v()} />}
          </Match>
          <Match when={tab() === 'rules' && meta.latest}>
            {(m) => <RulesView meta={m().meta} onChange={(next, label) => app.setMetaAtBox(app.periodId()!, next, label, m().version, m().meta)} onActionName={(name) => app.setActionName(app.periodId()!, name)} onFail={app.fail} />}
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
      <Notices showStorageNote={storageNote.shown()} onCloseStorageNote={() => storageNote.close()} onExportSetAside={saveSetAside} />

      <Show when={periods.dialog()}>
        {(d) => (
          <PeriodDialog
            mode={d().mode}
            periods={app.session()?.periods ?? []}
            current={d().current}
            onCancel={periods.close}
            onConfirm={(c) => periods.confirm(d().mode, d().current.id, c)}
          />
        )}
      </Show>
      <Show when={imports.reading.current()}>{(p) => <ProgressDialog progress={p()} now={imports.reading.now()} />}</Show>
      <Show when={files.busy.current()}>{(p) => <ProgressDialog progress={p()} now={files.busy.now()} />}</Show>
      <Show when={files.asking()}>{(a) => <OpenFileDialog fileName={a().fileName} info={a().info} currentId={app.session()?.workbookId ?? null} onChoose={(c) => a().answer(c)} />}</Show>

      <Show when={importing()}>
        {(imp) => (
          <ImportDialog
            preview={imp().preview}
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
