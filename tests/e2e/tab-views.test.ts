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
});
