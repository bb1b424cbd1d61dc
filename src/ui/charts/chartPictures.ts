/**
 * The charts the person ticks for the Word 通报, drawn off screen as PNG at print size (960×480 at
 * twice the pixels): the 考核得分 bars and each indicator's 完成率 bars. Drawn here, in the page
 * (Chart.js needs a canvas); the worker only places them in the document.
 */
import type { PeriodView } from '../../app/protocol';
import type { BulletinPicture } from '../../app/protocol';
import { ratesChartConfig, totalsChartConfig, type Config } from './chartConfig';
import { Chart } from './useChart';

const WIDTH = 960;
const HEIGHT = 480;

async function draw(cfg: Config): Promise<Uint8Array> {
  const box = document.createElement('div');
  box.style.cssText = `position:fixed;left:-10000px;top:0;width:${WIDTH}px;height:${HEIGHT}px;background:#fff`;
  const canvas = document.createElement('canvas');
  box.appendChild(canvas);
  document.body.appendChild(box);
  const chart = new Chart(canvas, {
    ...cfg,
    options: { ...cfg.options, responsive: false, animation: false, devicePixelRatio: 2 },
    plugins: [...(cfg.plugins ?? []), { id: 'whiteBehind', beforeDraw: (c) => ((c.ctx.fillStyle = '#fff'), c.ctx.fillRect(0, 0, c.width, c.height)) }],
  } as Config);
  canvas.width = WIDTH * 2;
  canvas.height = HEIGHT * 2;
  chart.resize(WIDTH, HEIGHT);
  chart.draw();
  try {
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
  const totals = which.totals ? totalsChartConfig(view.ranking) : null;
  if (totals) out.push({ title: '各乡镇(场)考核得分', png: await draw(totals), width: WIDTH, height: HEIGHT });
  if (which.rates) {
    for (const t of view.completion) {
      const cfg = ratesChartConfig(t);
      if (cfg) out.push({ title: `${t.header.replace(/（[^（]*）$/u, '')}完成率`, png: await draw(cfg), width: WIDTH, height: HEIGHT });
    }
  }
  return out;
}
