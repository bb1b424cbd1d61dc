import { For, Show } from 'solid-js';
import { createProgressiveList } from '../shared/progressive';
import type { CompletionTable } from '../../service/protocol';

/** 附件1–5 as printed: two-row header, rows by actual descending, 合计 row, 完成率 in 0.00%. */
export function CompletionTableView(props: { table: CompletionTable }) {
  const rows = createProgressiveList(() => props.table.rows, 50, 40);
  return (
    <section class="sheet">
      <p class="annex-no">附件 {props.table.annexNo}</p>
      <h2 class="title">{props.table.title}</h2>
      <p class="asof">{props.table.asOf}</p>
      <Show when={props.table.timeProgress}>
        {(tp) => (
          <p class="subtitle" data-testid="time-progress">
            截至本期累计，对照年度任务；序时进度 {tp()}。
          </p>
        )}
      </Show>
      <table class="grid completion" aria-label={props.table.title}>
        <thead>
          <tr>
            <th rowSpan={2}>序号</th>
            <th rowSpan={2}>乡镇</th>
            <th colSpan={3}>{props.table.header}</th>
            <Show when={props.table.timeProgress}>
              <th rowSpan={2}>较序时进度（百分点）</th>
            </Show>
          </tr>
          <tr>
            <th>实绩数</th>
            <th>任务数</th>
            <th>完成率</th>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(r) => (
              <tr>
                <td class="num">{r.no}</td>
                <td class="text">{r.name}</td>
                <td class="num" classList={{ 'no-figure': r.status !== null }} title={r.pending ? '数据未出，暂取任务数' : undefined}>{r.actualText}</td>
                <td class="num">{r.targetText}</td>
                <td class="num" classList={{ behind: r.behind ?? !r.reached }}>{r.rateText}</td>
                <Show when={r.vsTime !== null}>
                  <td class="num" classList={{ behind: !!r.behind }}>{r.vsTime}</td>
                </Show>
              </tr>
            )}
          </For>
          <tr class="sum">
            <td colSpan={2} class="text">合计</td>
            <td class="num">{props.table.sum.actualText}</td>
            <td class="num">{props.table.sum.targetText}</td>
            <td class="num">{props.table.sum.rateText}</td>
            <Show when={props.table.sum.vsTime !== null}>
              <td class="num">{props.table.sum.vsTime}</td>
            </Show>
          </tr>
        </tbody>
      </table>
      <p class="facts no-print" data-testid="facts">
        全市实绩数 {props.table.sum.actualText}，完成任务数 {props.table.sum.rateText}；
        {props.table.facts.completedCount} 个单位完成目标任务
        <Show when={props.table.facts.notCompletedNames.length > 0}>
          （未完成：{props.table.facts.notCompletedNames.join('、')}
          {props.table.facts.notCompletedCount > props.table.facts.notCompletedNames.length ? ` 等 ${props.table.facts.notCompletedCount} 个单位` : ''}）
        </Show>
        <Show when={props.table.timeProgress}>
          ；{props.table.facts.behindCount ? `落后于序时进度：${props.table.facts.behindNames.join('、')}${props.table.facts.behindCount > props.table.facts.behindNames.length ? ` 等 ${props.table.facts.behindCount} 个单位` : ''}` : '全部达到序时进度'}
        </Show>
        ；完成较高的为 {props.table.facts.topNames.join('、')}。
      </p>
      <Show when={props.table.excludedCount > 0}>
        <p class="note">其中 {props.table.excludedCount} 个单位未报送、不适用或数据有误，列在表末，不计入合计。</p>
      </Show>
    </section>
  );
}
