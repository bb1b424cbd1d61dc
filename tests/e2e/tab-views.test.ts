/**
 * The 附件 tabs and 图表 show the same view of the period: moving between them — and through a tab
 * without a view such as 通报 — asks the worker for it once (issue 30: at 40 000 units each ask was
 * ~0.3 s in the worker and the charts were drawn twice).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hasBrowser, openApp, recordWorkerCalls, takeWorkerCalls, trackedLaunches, typeInto, waitSaved } from './browser';

const launch = trackedLaunches(afterEach);

describe.skipIf(!hasBrowser)('tabs that share a view', () => {
  it('附件1 → 附件2 → 图表 → 通报 → 图表 asks for the view once; an edit in between asks again', async () => {
    const { ctx } = await launch();
    await recordWorkerCalls(ctx);
    const page = await openApp(ctx);
    const views = async () => (await takeWorkerCalls(page)).filter((c) => c === 'periodView').length;
    const visit = async (name: string, ready: string) => {
      await page.getByRole('tab', { name, exact: true }).click();
      await page.locator(ready).first().waitFor();
      await page.locator('main[aria-busy="false"]').waitFor();
    };
    await views();
    await visit('附件1', 'table.completion tbody tr');
    await visit('附件2', 'table.completion tbody tr');
    await visit('图表', 'canvas[aria-label="完成率柱状图"]');
    await visit('通报', 'main');
    await visit('图表', 'canvas[aria-label="完成率柱状图"]');
    expect(await views()).toBe(1);
    // The sample's 附件1 (研发投入): all 14 townships completed it (seed 000).
    expect(await page.getByText('所有单位均完成本期目标任务。').count()).toBe(1);
    // An edit makes the view out of date: back on 图表 it is asked again, once.
    await page.getByRole('tab', { name: '数据录入', exact: true }).click();
    await typeInto(page, 'gxq', 'talent', 'actual', '157');
    await waitSaved(page);
    await visit('图表', 'canvas[aria-label="完成率柱状图"]');
    expect(await views()).toBe(1);
  });

  it('图表 draws every chart with its data: the totals’ 10 bars, 附件1’s 14, then 附件5’s 13 and 1 (made in two turns, frame then data; updated in place)', async () => {
    const { ctx } = await launch();
    const page = await openApp(ctx);
    await page.getByRole('tab', { name: '图表', exact: true }).click();
    /** Runs of the bar colour across the canvas, a fifth of its height above the bottom. */
    const bars = (label: string, colours: [number, number, number][]) =>
      page.locator(`canvas[aria-label="${label}"]`).evaluate((c, colours) => {
        const canvas = c as HTMLCanvasElement;
        const y = Math.round(canvas.height * 0.8);
        const px = canvas.getContext('2d')!.getImageData(0, y, canvas.width, 1).data;
        let runs = 0;
        let inside = false;
        for (let x = 0; x < canvas.width; x++) {
          const hit = colours.some(([r, g, b]) => Math.abs(px[x * 4]! - r) < 8 && Math.abs(px[x * 4 + 1]! - g) < 8 && Math.abs(px[x * 4 + 2]! - b) < 8);
          if (hit && !inside) runs++;
          inside = hit;
        }
        return runs;
      }, colours);
    // The sample's top 10 totals (#1f4e79); 附件1's 14 townships, reached green (#2e7d32) or not red (#c00000).
    await expect.poll(() => bars('考核得分柱状图', [[0x1f, 0x4e, 0x79]])).toBe(10);
    await expect.poll(() => bars('完成率柱状图', [[0x2e, 0x7d, 0x32], [0xc0, 0, 0]])).toBe(14);
    const green = () => bars('完成率柱状图', [[0x2e, 0x7d, 0x32]]);
    const red = () => bars('完成率柱状图', [[0xc0, 0, 0]]);
    expect([await green(), await red()]).toEqual([14, 0]);
    // Another indicator on the same chart (updated in place): 附件5 技术合同成交额, 13 reached and one not.
    await page.locator('select[aria-label="图表指标"]').selectOption('5');
    await expect.poll(async () => [await green(), await red()]).toEqual([13, 1]);
  });
});
