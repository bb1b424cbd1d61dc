import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_URL, frames, hasBrowser, launchProfile, openApp, recordRequests, tableRows } from './browser';

describe.skipIf(!hasBrowser)('the built file opened from file:// shows the 2023 Q1 assessment', () => {
  let context: BrowserContext;
  let requests: string[];

  beforeAll(async () => {
    context = await launchProfile();
    requests = recordRequests(context);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('ranks the ten fully printed units as 附件6 does and flags the other four 数据不全', async () => {
    const page = await openApp(context);
    const rows = await tableRows(page, '考核结果');
    const ranked = rows.slice(0, 10).map((r) => r.slice(0, 3));
    expect(ranked).toEqual([
      ['1', '高新区', '85.06'],
      ['2', '陈贵镇', '84.77'],
      ['3', '灵乡镇', '84.30'],
      ['4', '金湖街道', '83.29'],
      ['5', '临空区·还地桥镇', '83.20'],
      ['6', '大箕铺镇', '78.47'],
      ['7', '金山店镇', '78.12'],
      ['8', '刘仁八镇', '77.59'],
      ['9', '保安镇', '76.24'],
      ['10', '殷祖镇', '75.41'],
    ]);
    const rest = rows.slice(10);
    expect(rest.map((r) => r[1]).sort()).toEqual(['东岳街道', '东风农场', '茗山乡', '金牛镇'].sort());
    for (const r of rest) {
      expect(r[0]).toBe('—');
      expect(r[2]).toBe('数据不全');
    }
    // The totals the bulletin published are shown beside, so the gap is visible.
    expect(rest.find((r) => r[1] === '茗山乡')?.[3]).toBe('68.06');
    expect(rows.length).toBe(14);
  });

  it('shows 附件1 with its 合计 row as printed', async () => {
    const page = await openApp(context);
    await page.getByRole('tab', { name: '附件1' }).click();
    const rows = await tableRows(page, '各乡镇 2023 年规上企业研发投入完成情况表');
    expect(rows[0]).toEqual(['1', '大冶湖高新区', '132585.2', '130000', '101.99%']);
    expect(rows[9]).toEqual(['10', '刘仁八镇', '770', '600', '128.33%']);
    expect(rows.at(-1)).toEqual(['合计', '257255.4', '245850', '104.64%']);
  });

  it('shows 附件3 with two-decimal actuals and rates from the precise values', async () => {
    const page = await openApp(context);
    await page.getByRole('tab', { name: '附件3' }).click();
    const rows = await tableRows(page, '各乡镇 2023 年规上企业新产品销售收入完成情况表');
    expect(rows[2]).toEqual(['3', '金湖街道', '26.20', '26', '100.75%']);
    expect(rows[13]).toEqual(['14', '东风农场', '0.20', '0.2', '100.27%']);
    expect(rows.at(-1)).toEqual(['合计', '360.36', '311.9', '115.54%']);
  });

  it('states the bulletin facts under 附件5: 13 completed, 东岳街道 did not, top three', async () => {
    const page = await openApp(context);
    await page.getByRole('tab', { name: '附件5' }).click();
    const facts = (await page.getByTestId('facts').textContent())!.replace(/\s+/g, '');
    expect(facts).toBe('全市实绩数94087，完成任务数117.61%；13个单位完成目标任务（未完成：东岳街道）；完成较高的为高新区、灵乡镇、陈贵镇。');
  });

  it("shows the score sheet with 高新区's block first", async () => {
    const page = await openApp(context);
    await page.getByRole('tab', { name: '考核得分明细' }).click();
    const rows = await tableRows(page, '考核得分明细');
    expect(rows[0]!.slice(0, 8)).toEqual(['1', '大冶湖高新区', '高新技术产业产值(亿元)', '112.5', '112.5', '5', '5', '85.06']);
    expect(rows[6]!.slice(0, 5)).toEqual(['规上企业研发投入(万元)', '130000', '132585.2', '5', '4.45']);
    expect(rows[2]!.slice(0, 5)).toEqual(['登记技术合同成交额(亿元)', '4.15', '4.563', '10', '9']);
  });

  it('made no network request other than the file itself', () => {
    const foreign = requests.filter((u) => u !== DIST_URL && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(requests).toContain(DIST_URL);
  });
});

describe.skipIf(!hasBrowser)('a browser that lacks what the app needs', () => {
  it('gets one Chinese page naming what is missing and which browser to use, and nothing is stored', async () => {
    const ctx = await launchProfile();
    try {
      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      // An old 360 build: no structuredClone, no MessageChannel.
      await page.addInitScript(() => {
        delete (globalThis as { structuredClone?: unknown }).structuredClone;
        delete (globalThis as { MessageChannel?: unknown }).MessageChannel;
      });
      await page.goto(DIST_URL);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.locator('h1').textContent()).toBe('本浏览器版本过旧，无法使用考核工作簿');
      expect(await page.getByTestId('unsupported-missing').textContent()).toBe('structuredClone、MessageChannel');
      expect(await alert.textContent()).toContain('Chrome 或 Microsoft Edge 98 及以上版本');
      // The page has loaded and drawn: a starting app would have opened its database by now.
      await page.waitForLoadState('load');
      await frames(page, 10);
      // The app did not start: no tabs, no "已保存", no database made, no error thrown.
      expect(await page.getByRole('tab').count()).toBe(0);
      expect(await page.getByText('已保存').count()).toBe(0);
      expect(await page.evaluate(() => indexedDB.databases().then((d) => d.length))).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
