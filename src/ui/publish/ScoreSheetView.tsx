import { For, Index, Show } from 'solid-js';
import { formatTotal } from '../../model/format';
import { rankChangeText } from '../../engine/text/describe';
import { createProgressiveList } from '../shared/progressive';
import type { PeriodView } from '../../service/protocol';

/** 考核得分明细: one block per unit, 序号/乡镇/总得分 merged down the block. */
export function ScoreSheetView(props: { view: PeriodView }) {
  const blocks = createProgressiveList(() => props.view.scoreSheet, 4, 8);
  return (
    <section class="sheet detail-sheet">
      <h2 class="title">
        {props.view.detailTitle}
      </h2>
      <Show when={props.view.previousLabel}>
        <p class="subtitle no-print">总得分下方为本期名次及较{props.view.previousLabel}的变化（↑ 上升，↓ 下降，— 不变）。</p>
      </Show>
      <table class="grid score-sheet" aria-label="考核得分明细">
        <thead>
          <tr>
            <th>序号</th>
            <th>乡镇</th>
            <th>指标名称</th>
            <th>目标任务数</th>
            <th>完成任务数</th>
            <th>目标分值</th>
            <th>考核得分</th>
            <th>总得分</th>
            <th>备注</th>
          </tr>
        </thead>
        <For each={blocks()}>
          {(b) => (
            <tbody class="unit-block" data-unit={b.unitId}>
              <Index each={b.lines}>
                {(l, i) => (
                  <tr classList={{ missing: l().missing, 'has-error': l().error !== null }}>
                    {i === 0 && (
                      <>
                        <td class="num" rowSpan={b.lines.length}>{b.no}</td>
                        <td class="text" rowSpan={b.lines.length}>{b.name}</td>
                      </>
                    )}
                    <td class="text">{l().label}</td>
                    <td class="num">{l().targetText}</td>
                    <td class="num">{l().actualText}</td>
                    <td class="num">{l().pointsText}</td>
                    <td class="num computed" title={l().error ?? undefined}>{l().scoreText}</td>
                    {i === 0 && (
                      <td class="num total" classList={{ incomplete: !b.complete }} rowSpan={b.lines.length}>
                        {b.totalText}
                        <Show when={props.view.previousLabel && b.rank != null}>
                          <span class="rank-change no-print" data-testid="detail-rank-change" title={`较${props.view.previousLabel}`}>
                            第{b.rank}名 {rankChangeText(b.rankChange)}
                            {b.totalChange != null ? `（${b.totalChange > 0 ? '+' : ''}${formatTotal(b.totalChange)}）` : ''}
                          </span>
                        </Show>
                      </td>
                    )}
                    <td class="text remark">{l().remark}</td>
                  </tr>
                )}
              </Index>
            </tbody>
          )}
        </For>
      </table>
    </section>
  );
}
