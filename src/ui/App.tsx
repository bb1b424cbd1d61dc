import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import type { PeriodView } from '../engine/view';
import { getEngine } from '../worker-client/engine';
import { CompletionTableView } from './CompletionTableView';
import { RankingView } from './RankingView';
import { ScoreSheetView } from './ScoreSheetView';

type Tab = { kind: 'ranking' } | { kind: 'detail' } | { kind: 'annex'; no: number };

export function App() {
  const engine = getEngine();
  const [info] = createResource(() => engine.openSample());
  const [periodId, setPeriodId] = createSignal<string>();
  const selectedPeriod = () => periodId() ?? info()?.periods[0]?.id;
  const [view] = createResource(selectedPeriod, (id) => engine.periodView(id));
  const [tab, setTab] = createSignal<Tab>({ kind: 'ranking' });

  const isTab = (t: Tab) => {
    const cur = tab();
    return cur.kind === t.kind && (cur.kind !== 'annex' || (t.kind === 'annex' && cur.no === t.no));
  };

  return (
    <div class="app">
      <header class="topbar no-print">
        <h1>考核工作簿</h1>
        <Show when={info()}>
          {(wb) => (
            <>
              <span class="workbook-name">{wb().name}</span>
              <label>
                考核期
                <select value={selectedPeriod()} onChange={(e) => setPeriodId(e.currentTarget.value)}>
                  <For each={wb().periods}>{(p) => <option value={p.id}>{p.label}</option>}</For>
                </select>
              </label>
            </>
          )}
        </Show>
        <span class="spacer" />
        <button type="button" onClick={() => window.print()}>打印</button>
      </header>

      <nav class="tabs no-print" role="tablist">
        <TabButton active={isTab({ kind: 'ranking' })} onClick={() => setTab({ kind: 'ranking' })}>总览（考核结果）</TabButton>
        <TabButton active={isTab({ kind: 'detail' })} onClick={() => setTab({ kind: 'detail' })}>考核得分明细</TabButton>
        <For each={view()?.completion ?? []}>
          {(t) => (
            <TabButton active={isTab({ kind: 'annex', no: t.annexNo })} onClick={() => setTab({ kind: 'annex', no: t.annexNo })}>
              附件{t.annexNo}
            </TabButton>
          )}
        </For>
      </nav>

      <main>
        <Show when={info.error || view.error}>
          <p class="error" role="alert">加载失败：{String((info.error ?? view.error)?.message ?? info.error ?? view.error)}</p>
        </Show>
        <Show when={view()} fallback={<p class="loading">正在计算…</p>}>
          {(v) => <Screen view={v()} tab={tab()} />}
        </Show>
      </main>
    </div>
  );
}

function Screen(props: { view: PeriodView; tab: Tab }) {
  return (
    <>
      <Show when={props.view.errors.length > 0}>
        <section class="data-errors" role="alert">
          <h3>数据有误，以下单元格未计分：</h3>
          <ul>
            <For each={props.view.errors}>{(m) => <li>{m}</li>}</For>
          </ul>
        </section>
      </Show>
      <Switch>
        <Match when={props.tab.kind === 'ranking'}>
          <RankingView view={props.view} />
        </Match>
        <Match when={props.tab.kind === 'detail'}>
          <ScoreSheetView view={props.view} />
        </Match>
        <Match when={props.tab.kind === 'annex' && props.tab}>
          {(t) => {
            const table = () => props.view.completion.find((c) => c.annexNo === (t() as { no: number }).no);
            return <Show when={table()}>{(tb) => <CompletionTableView table={tb()} />}</Show>;
          }}
        </Match>
      </Switch>
    </>
  );
}

function TabButton(props: { active: boolean; onClick: () => void; children: string | string[] | unknown }) {
  return (
    <button type="button" role="tab" aria-selected={props.active} classList={{ tab: true, active: props.active }} onClick={() => props.onClick()}>
      {props.children as string}
    </button>
  );
}
