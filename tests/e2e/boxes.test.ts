/**
 * The boxes outside the grid, as a person types into them (issue 27): each box of the 规则 page
 * and the goal-seek box, fed hostile values. Refused: the reason is under the box, naming the field,
 * and Esc gives back what is stored. Taken: after leaving the box it shows what is stored, exactly
 * (57 for a share, never 56.99999999999999). The expected outcome is the box policy's own verdict.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { BOXES, rankGoalBox, readBox, type Box } from '../../src/model';
import { freshApps, hasBrowser, openEntry, gridCell, waitSaved } from './browser';

const app = freshApps(afterEach);
const VALUES = ['-5', '1e300', 'abc', '0x10', '１２', '字'.repeat(2000), '迟\u0007报'];

interface Probe {
  box: Box;
  locate: (page: Page) => Locator;
  /** A value the box takes, shown as `shown` afterwards. */
  good: [string, string];
}

/** What the page shows for `typed` in `box`, per the box policy: the reason, or the text shown once stored. */
function verdict(box: Box, typed: string): { reason: string } | { shown: string } {
  const r = box.kind === 'number' ? readBox(box, typed) : readBox(box, typed);
  if (!r.ok) return { reason: r.reason };
  if (box.kind === 'text') return { shown: String(r.value) };
  return { shown: r.value === null ? '' : box.show(r.value as number) };
}

async function feed(page: Page, p: Probe, typed: string, tally: { refused: number; stored: number; silent: string[]; garbled: string[] }) {
  const input = p.locate(page);
  const before = await input.inputValue();
  await input.fill(typed);
  await input.press('Enter');
  const want = verdict(p.box, typed);
  const reasonAt = page.locator('.checked-box', { has: p.locate(page) }).locator('[role=alert]');
  if ('reason' in want) {
    await expect.poll(() => reasonAt.textContent().catch(() => null), { timeout: 5000 }).toBe(want.reason);
    expect(want.reason).toContain(p.box.label);
    tally.refused++;
    // Esc: the box shows what is stored again, and nothing was written.
    await p.locate(page).press('Escape');
    expect(await p.locate(page).inputValue()).toBe(before);
    return;
  }
  await waitSaved(page);
  await p.locate(page).press('Tab');
  const shown = await p.locate(page).inputValue();
  if (await reasonAt.count()) tally.silent.push(`${p.box.label} “${typed.slice(0, 10)}”: ${await reasonAt.textContent()}`);
  if (shown !== want.shown) tally.garbled.push(`${p.box.label} “${typed.slice(0, 10)}” shows “${shown.slice(0, 20)}”, expected “${want.shown.slice(0, 20)}”`);
  tally.stored++;
}

describe.skipIf(!hasBrowser)('every box outside the grid, as typed into', () => {
  it('规则 and 求解: refused at the box naming the field, or shown exactly as stored', async () => {
    const page = await app();
    await page.getByRole('tab', { name: '规则' }).click();
    await page.getByRole('checkbox', { name: '截至本期累计' }).check();
    await waitSaved(page);
    const named = (label: string, nth = 0) => (pg: Page) => pg.getByRole('textbox', { name: label, exact: true }).nth(nth);
    // The first rank-dual row holds the share and the step.
    const probes: Probe[] = [
      { box: BOXES.action, locate: named('行动名称'), good: ['科技创新赋能行动', '科技创新赋能行动'] },
      { box: BOXES.area, locate: named('地区'), good: [' 大冶市 ', '大冶市'] },
      { box: BOXES.issuer, locate: named('发文单位'), good: ['大冶市科技局', '大冶市科技局'] },
      { box: BOXES.timeShare, locate: named('序时进度'), good: ['３６.６７', '36.67'] },
      { box: BOXES.indicatorName, locate: named('指标名称'), good: ['高新技术产业产值', '高新技术产业产值'] },
      { box: BOXES.measure, locate: named('计量单位'), good: ['亿元', '亿元'] },
      { box: BOXES.points, locate: named('分值'), good: ['5', '5'] },
      { box: BOXES.actualShare, locate: named('实绩数排名所占比例'), good: ['57', '57'] },
      { box: BOXES.step, locate: named('每降一名扣分'), good: ['0.05', '0.05'] },
      { box: BOXES.decimals, locate: named('小数位'), good: ['5', '5'] },
      { box: BOXES.unitName, locate: named('单位简称'), good: ['高新区', '高新区'] },
      { box: BOXES.fullName, locate: named('单位全称'), good: ['大冶湖高新区', '大冶湖高新区'] },
    ];
    const tally = { refused: 0, stored: 0, silent: [] as string[], garbled: [] as string[] };
    for (const p of probes) {
      for (const v of VALUES) await feed(page, p, v, tally);
      await feed(page, p, p.good[0], tally);
      expect(await p.locate(page).inputValue(), p.box.label).toBe(p.good[1]);
    }
    // 求解 from the grid: 排名达到第 "0" or "abc", 总得分 "", refused at its box; 第 1 名 answered.
    await openEntry(page);
    await gridCell(page, 'lrb', 'tech_sme', 'actual').click();
    await page.getByRole('combobox', { name: '求解目标' }).selectOption('rank');
    const goal = page.getByRole('textbox', { name: '求解目标值' });
    for (const v of ['0', 'abc', '1.5', '99']) {
      await goal.fill(v);
      await goal.press('Enter');
      // The page knows a place is a whole number from 1; the worker knows how many are ranked.
      const atPage = readBox(rankGoalBox(Number.MAX_SAFE_INTEGER), v);
      const inWorker = readBox(rankGoalBox(14), v);
      const want = atPage.ok ? `${inWorker.ok ? '' : inWorker.reason}，未求解。` : atPage.reason;
      await expect.poll(() => page.locator('#goal-reason').textContent()).toBe(want);
      tally.refused++;
    }
    await page.getByRole('combobox', { name: '求解目标' }).selectOption('total');
    await goal.fill('');
    await page.getByRole('button', { name: '求解', exact: true }).click();
    await expect.poll(() => page.locator('#goal-reason').textContent()).toBe('请填写总得分');
    await page.getByRole('combobox', { name: '求解目标' }).selectOption('rank');
    await goal.fill('7');
    await goal.press('Enter');
    await expect.poll(() => page.getByTestId('goal-seek-result').textContent()).toMatch(/^刘仁八镇「科技型中小企业入库数」实绩数至少为/u);
    console.log(`boxes (browser): ${probes.length + 1} boxes, ${tally.refused} refused at the box, ${tally.stored} stored as shown, ${tally.silent.length} silent, ${tally.garbled.length} garbled`);
    expect([tally.silent, tally.garbled]).toEqual([[], []]);
  });
});
