/**
 * Chart.js, loaded when a chart is first drawn (图表, or pictures for the Word 通报): the page starts
 * without running it. The single file keeps it inline, wrapped so it runs only when imported.
 */
import type { Chart as ChartClass } from 'chart.js';

let loading: Promise<typeof ChartClass> | null = null;

export function loadChart(): Promise<typeof ChartClass> {
  loading ??= import('./chartParts').then((m) => m.Chart);
  return loading;
}
