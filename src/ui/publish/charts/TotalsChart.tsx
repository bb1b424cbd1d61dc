/** The ranked totals as bars (总览 and 图表). */
import { Show } from 'solid-js';
import { totalsChartConfig } from './chartConfig';
import { useChart } from './useChart';
import { SavePicture } from './SavePicture';
import type { PeriodView } from '../../../service/protocol';

/** Bar chart of the ranked totals, labelled with their ranks (总览 and 图表); a line instead when none. */
export function TotalsChart(props: { ranking: PeriodView['ranking'] }) {
  let canvas: HTMLCanvasElement | undefined;
  const config = () => totalsChartConfig(props.ranking);
  useChart(() => canvas, config);
  return (
    <Show when={config()} fallback={<p class="muted" data-testid="totals-chart-empty">本期尚无考核得分，暂无图表。</p>}>
      <div class="chart-box">
        <canvas ref={canvas} aria-label="考核得分柱状图" role="img" />
      </div>
      <SavePicture canvas={() => canvas} fileName="考核得分与排名.png" what="考核得分柱状图" />
    </Show>
  );
}
