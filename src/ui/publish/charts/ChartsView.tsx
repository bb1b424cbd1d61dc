/**
 * 图表: totals with ranks, and completion rates of an indicator against the period's target (what
 * is drawn: chartConfig.ts). Chart.js, bundled into the single file.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import * as client from '../../../worker-client/client';
import { rankChangeText } from '../../../engine/text/describe';
import { useChart } from './useChart';
import { TotalsChart } from './TotalsChart';
import { SavePicture } from './SavePicture';
import { rankHistoryConfig, ratesChartConfig } from './chartConfig';
import { formatTotal } from '../../../model/format';
import type { PeriodView } from '../../../service/protocol';

/** 名次变化: one unit's rank over every period of the workbook, in time order. */
function RankHistoryChart(props: { view: PeriodView }) {
  let canvas: HTMLCanvasElement | undefined;
  const engine = client.engine();
  const [unitId, setUnitId] = createSignal<string | null>(null);
  const units = () => props.view.ranking.map((r) => ({ id: r.unitId, name: r.name }));
  const chosen = () => unitId() ?? units()[0]?.id ?? null;
  const name = () => units().find((u) => u.id === chosen())?.name ?? '';
  // Read again with each new view (an edit in any period can move a rank).
  const [points] = createResource(() => (chosen() ? { u: chosen()!, v: props.view } : null), (k) => engine.rankHistory(k.u));
  const config = () => (points() ? rankHistoryConfig(points()!, name()) : null);
  useChart(() => canvas, config);
  return (
    <>
      <h2 class="title">
        名次变化：
        <select aria-label="名次变化单位" onChange={(e) => setUnitId(e.currentTarget.value)}>
          <For each={units()}>{(u) => <option value={u.id} selected={u.id === chosen()}>{u.name}</option>}</For>
        </select>
      </h2>
      <Show when={config()} fallback={<p class="muted" data-testid="rank-history-empty">该单位在各考核期都没有名次（数据不全），暂无图表。</p>}>
        <div class="chart-box">
          <canvas ref={canvas} aria-label="名次变化折线图" role="img" />
        </div>
        <SavePicture canvas={() => canvas} fileName="名次变化.png" what="名次变化折线图" />
      </Show>
      <Show when={points()}>
        {(pts) => (
          <p data-testid="rank-history">
            {pts()
              .map((p, i) => {
                const prev = i > 0 ? pts()[i - 1]!.rank : null;
                const move = p.rank !== null && prev !== null ? ` ${rankChangeText(prev - p.rank)}` : '';
                return `${p.label}：${p.rank === null ? '无名次' : `第 ${p.rank} 名（${p.total === null ? '' : formatTotal(p.total)}）${move}`}`;
              })
              .join('；')}
          </p>
        )}
      </Show>
    </>
  );
}

export function ChartsView(props: { view: PeriodView }) {
  let rates: HTMLCanvasElement | undefined;
  const [annex, setAnnex] = createSignal<number | null>(null);
  const table = () => props.view.completion.find((c) => c.annexNo === (annex() ?? props.view.completion[0]?.annexNo)) ?? null;
  const config = () => {
    const t = table();
    return t ? ratesChartConfig(t) : null;
  };
  // Who did not complete, from the whole period (the view's rows are its first page only).
  const behind = () => table()?.notCompleted ?? [];
  const notCompleted = () => table()?.facts.notCompletedCount ?? 0;
  useChart(() => rates, config);

  return (
    <section class="sheet">
      <h2 class="title">考核得分与排名</h2>
      <TotalsChart ranking={props.view.ranking} />
      <h2 class="title">
        完成率（对照本期目标任务 100%）：
        <select aria-label="图表指标" value={table()?.annexNo ?? ''} onChange={(e) => setAnnex(Number(e.currentTarget.value))}>
          <For each={props.view.completion}>{(c) => <option value={c.annexNo} selected={c.annexNo === table()?.annexNo}>{c.header}</option>}</For>
        </select>
      </h2>
      <Show when={config()} fallback={<p class="muted" data-testid="rates-chart-empty">本期尚无该指标的实绩数据，暂无图表。</p>}>
        <div class="chart-box">
          <canvas ref={rates} aria-label="完成率柱状图" role="img" />
        </div>
        <SavePicture canvas={() => rates} fileName={`完成率-${table()?.header ?? ''}.png`.replace(/[\\/:*?"<>|]/gu, '_')} what="完成率柱状图" />
        <Show when={behind().length > 0} fallback={<p>所有单位均完成本期目标任务。</p>}>
          <p class="flag" data-testid="behind">
            未完成本期目标任务：{behind().map((r) => `${r.name}（${r.rateText}）`).join('、')}
            {notCompleted() > behind().length ? `……等 ${notCompleted()} 个单位` : ''}
          </p>
        </Show>
      </Show>
      <RankHistoryChart view={props.view} />
    </section>
  );
}
