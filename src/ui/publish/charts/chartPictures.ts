/**
 * The charts the person ticks for the Word 通报, drawn off screen as PNG at print size: the 考核得分
 * bars and each indicator's 完成率 bars (forPicture: every label, type large enough for 156 mm).
 * Drawn here, in the page (Chart.js needs a canvas); the worker only places them in the document.
 *
 * The canvas is given its size before the chart is made: a chart made on a default 300×150 canvas
 * and resized afterwards drew into its top-left corner and left the rest blank (the thumbnails of
 * issue 26).
 */
import type { PeriodView } from '../../../service/protocol';
import type { BulletinPicture } from '../../../service/protocol';
import { forPicture, PICTURE, ratesChartConfig, totalsChartConfig, type Config } from './chartConfig';
import { loadChart } from './chartLibrary';

async function draw(cfg: Config): Promise<Uint8Array> {
  const Chart = await loadChart();
  const box = document.createElement('div');
  box.style.cssText = `position:fixed;left:-10000px;top:0;width:${PICTURE.width}px;height:${PICTURE.height}px;background:#fff`;
  const canvas = document.createElement('canvas');
  canvas.width = PICTURE.width;
  canvas.height = PICTURE.height;
  box.appendChild(canvas);
  document.body.appendChild(box);
  const picture = forPicture(cfg);
  const chart = new Chart(canvas, {
    ...picture,
    plugins: [...(picture.plugins ?? []), { id: 'whiteBehind', beforeDraw: (c) => ((c.ctx.fillStyle = '#fff'), c.ctx.fillRect(0, 0, c.width, c.height)) }],
  } as Config);
  try {
    chart.draw();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('图表无法生成图片');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    chart.destroy();
    box.remove();
  }
}

export async function chartPictures(view: PeriodView, which: { totals: boolean; rates: boolean }): Promise<BulletinPicture[]> {
  const out: BulletinPicture[] = [];
  const size = { width: PICTURE.width, height: PICTURE.height };
  const totals = which.totals ? totalsChartConfig(view.ranking) : null;
  if (totals) out.push({ title: '各乡镇(场)考核得分', png: await draw(totals), ...size });
  if (which.rates) {
    for (const t of view.completion) {
      const cfg = ratesChartConfig(t);
      if (cfg) out.push({ title: `${t.header.replace(/（[^（]*）$/u, '')}完成率`, png: await draw(cfg), ...size });
    }
  }
  return out;
}
