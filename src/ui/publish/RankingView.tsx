import { For, Show } from 'solid-js';
import { TotalsChart } from './charts/TotalsChart';
import { rankChangeText } from '../../engine/text/describe';
import { createProgressiveList } from '../shared/progressive';
import { formatTotal } from '../../model/format';
import type { PeriodView } from '../../service/protocol';


/** 附件6 考核结果: 排名 | 乡镇 | 考核得分, with incomplete units flagged and the published totals beside. */
export function RankingView(props: { view: PeriodView }) {
  const hasPublished = () => props.view.ranking.some((r) => r.published !== null);
  const incomplete = () => props.view.ranking.filter((r) => !r.complete).length;
  // 40 rows first (a screen and a half): the page's first layout with 100 was a 52 ms frame at province scale.
  const rows = createProgressiveList(() => props.view.ranking, 50, 40);
  /** A cumulative period: each township's 附件 indicators behind 序时进度. */
  const cumulative = () => props.view.ranking.some((r) => r.behind !== null);
  return (
    <section class="sheet">
      <h2 class="title">
        {props.view.rankingTitle}
        <br />
        <small>(乡镇)</small>
      </h2>
      <p class="subtitle">
        满分 {props.view.schemePoints} 分，折算为百分制。
        <Show when={incomplete() > 0}>
          <span class="flag">{incomplete()} 个单位数据不全或有误，未参与排名。</span>
        </Show>
        <Show when={props.view.ranking.some((r) => r.errorCount > 0)}>
          <span class="flag" data-testid="ranking-data-error">
            有单位数据有误（见下表“数据有误”），按排名计分的指标和总排名在更正前不作准。
          </span>
        </Show>
      </p>
      <table class="grid ranking" aria-label="考核结果">
        <thead>
          <tr>
            <th>排名</th>
            <th>乡镇</th>
            <th>考核得分</th>
            <Show when={hasPublished()}>
              <th>已通报得分</th>
            </Show>
            <Show when={props.view.previousLabel}>
              <th title="与上一考核期相比名次的升降">较{props.view.previousLabel}</th>
            </Show>
            <Show when={cumulative()}>
              <th title="截至本期累计：完成率低于序时进度的指标">落后序时进度的指标</th>
            </Show>
            <th class="no-print">状态</th>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(r) => (
              <tr classList={{ incomplete: !r.complete }} data-unit={r.unitId}>
                <td class="num">{r.rank ?? '—'}</td>
                <td class="text">{r.name}</td>
                <td class="num">{r.totalText}</td>
                <Show when={hasPublished()}>
                  <td class="num published" classList={{ differs: r.complete && r.published !== null && r.publishedText !== r.totalText }}>
                    {r.publishedText}
                  </td>
                </Show>
                <Show when={props.view.previousLabel}>
                  <td class="num change" classList={{ up: (r.rankChange ?? 0) > 0, down: (r.rankChange ?? 0) < 0 }} title={r.totalChange == null ? '' : `总得分${r.totalChange >= 0 ? '+' : ''}${formatTotal(r.totalChange)}`}>
                    {rankChangeText(r.rankChange)}
                  </td>
                </Show>
                <Show when={cumulative()}>
                  <td class="text" classList={{ behind: !!r.behind?.length }} data-testid="behind-time">
                    {r.behind?.length ? r.behind.join('、') : '—'}
                  </td>
                </Show>
                <td class="text status no-print">
                  {r.complete ? '' : r.errorCount ? `数据有误：${r.firstError}${r.errorCount > 1 ? ` 等 ${r.errorCount} 处` : ''}` : `数据不全：缺 ${r.missingCount} 项`}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <div class="no-print">
        <TotalsChart ranking={props.view.ranking} />
      </div>
    </section>
  );
}
