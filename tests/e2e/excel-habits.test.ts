/**
 * Excel habits in the grid, over file://: the fill handle and the right-click menu fill 5 cells down
 * as one step (one Ctrl+Z takes all 5 back), Ctrl+D too, and 设为不适用 from the menu.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { cellText, downloadOf, frames, freshApps, gridCell, hasBrowser, openEntry, revealCell, waitSaved } from './browser';

const app = freshApps(afterEach);

/** The units in the grid's order, top to bottom. */
const unitOrder = (page: Page) => page.locator('[role=grid] [role=row][data-unit]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit')!));

/**
 * One column's cells of some rows, read one after another: each read may scroll the grid sideways
 * to its column (columns out of view are not in the DOM), so reads side by side scrolled against
 * each other and a cell found by one was gone when it acted on it (seen under load).
 */
async function cellTexts(page: Page, units: string[], indicatorId: string, kind: string): Promise<string[]> {
  const out: string[] = [];
  for (const u of units) out.push(await cellText(page, u, indicatorId, kind));
  return out;
}

/** The grid's first six townships and what one column of theirs holds, the first selected. */
async function sixRows(indicatorId: string, kind: 'target' | 'actual') {
  const page = await app();
  await openEntry(page);
  const units = (await unitOrder(page)).slice(0, 6);
  const before = await cellTexts(page, units, indicatorId, kind);
  return { page, units, before };
}

describe.skipIf(!hasBrowser)('Excel habits in the grid', () => {
  it('the fill handle dragged 5 rows down fills 5 cells as one step; Ctrl+Z restores all 5', async () => {
    const { page, units, before } = await sixRows('tech_sme', 'target');
    expect(before[0]).toBe('111');
    await (await revealCell(page, units[0]!, 'tech_sme', 'target')).click();
    const handle = (await page.getByTestId('fill-handle').boundingBox())!;
    const last = (await gridCell(page, units[5]!, 'tech_sme', 'target').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(last.x + last.width / 2, last.y + last.height / 2, { steps: 6 });
    await page.mouse.up();
    await waitSaved(page);
    await expect.poll(() => cellTexts(page, units, 'tech_sme', 'target')).toEqual(Array(6).fill('111'));
    await page.keyboard.press('Control+z');
    await waitSaved(page);
    await expect.poll(() => cellTexts(page, units, 'tech_sme', 'target')).toEqual(before);
    // Its column scrolled under the frozen ones, the handle is not drawn over them.
    expect(await page.getByTestId('fill-handle').count()).toBe(1);
    await page.locator('.grid-scroll').evaluate((el) => (el.scrollLeft = 3000));
    await expect.poll(() => page.getByTestId('fill-handle').count()).toBe(0);
  });

  it('right-click → 向下填充 on 6 selected rows fills 5 cells as one step; Ctrl+D the same; 设为不适用 from the menu', async () => {
    const { page, units, before } = await sixRows('talent', 'actual');
    expect(before[0]).toBe('156');
    await (await revealCell(page, units[0]!, 'talent', 'actual')).click();
    await gridCell(page, units[5]!, 'talent', 'actual').click({ modifiers: ['Shift'] });
    await gridCell(page, units[2]!, 'talent', 'actual').click({ button: 'right' });
    const menu = page.getByRole('menu', { name: '单元格菜单' });
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
      '复制Ctrl+C',
      '粘贴Ctrl+V',
      '清除内容Delete',
      '向下填充Ctrl+D',
      '填写备注…',
      '设为未出（暂取任务数）',
      '设为不适用（/）',
      '求解…',
    ]);
    await menu.getByRole('menuitem', { name: /^向下填充/u }).click();
    await waitSaved(page);
    await expect.poll(() => cellTexts(page, units, 'talent', 'actual')).toEqual(Array(6).fill('156'));
    await page.keyboard.press('Control+z');
    await waitSaved(page);
    await expect.poll(() => cellTexts(page, units, 'talent', 'actual')).toEqual(before);

    // Ctrl+D on the same selection (still selected after the undo).
    await gridCell(page, units[0]!, 'talent', 'actual').click();
    await gridCell(page, units[5]!, 'talent', 'actual').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+d');
    await waitSaved(page);
    await expect.poll(() => cellTexts(page, units, 'talent', 'actual')).toEqual(Array(6).fill('156'));

    // 设为不适用 on one cell from the menu: its target and actual become "/".
    await gridCell(page, units[1]!, 'talent', 'actual').click();
    await gridCell(page, units[1]!, 'talent', 'actual').click({ button: 'right' });
    await menu.getByRole('menuitem', { name: /^设为不适用/u }).click();
    await waitSaved(page);
    await expect.poll(() => cellText(page, units[1]!, 'talent', 'actual')).toBe('/');
    // A computed column: the menu's entry items are greyed out.
    await gridCell(page, units[1]!, 'talent', 'rate').click({ button: 'right' });
    expect(await menu.getByRole('menuitem', { name: /^设为不适用/u }).isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
  });

  it('a chart is saved as a PNG for the 通报: the 考核得分 bars, white behind them', async () => {
    const page = await app();
    await page.getByRole('tab', { name: '图表', exact: true }).click();
    await page.getByRole('img', { name: '考核得分柱状图' }).waitFor();
    await frames(page, 4); // charts are drawn one per frame
    const png = await downloadOf(page, () => page.getByRole('button', { name: '把考核得分柱状图保存为图片' }).click());
    expect(png.name).toBe('考核得分与排名.png');
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    const size = { width: png.bytes.readUInt32BE(16), height: png.bytes.readUInt32BE(20) };
    const canvas = await page.getByRole('img', { name: '考核得分柱状图' }).evaluate((c) => ({ width: (c as HTMLCanvasElement).width, height: (c as HTMLCanvasElement).height }));
    expect(size).toEqual(canvas);
    expect(size.width).toBeGreaterThan(300);
  });

  it('Ctrl+F goes to a township and an indicator at once (陈贵镇 研发投入 实绩数), and typing lands there', async () => {
    const page = await app();
    await openEntry(page);
    await (await revealCell(page, 'gxq', 'hitech_output', 'target')).click();
    await page.keyboard.press('Control+f');
    await page.getByRole('textbox', { name: '查找乡镇' }).fill('陈贵镇 研发投入 实绩数');
    await expect.poll(() => page.getByTestId('active-cell').textContent()).toBe('陈贵镇 · 规上企业研发投入 · 实绩数');
    // An indicator alone keeps the township: 研发人员's 任务数 of 陈贵镇.
    await page.getByRole('textbox', { name: '查找乡镇' }).fill('研发人员');
    await expect.poll(() => page.getByTestId('active-cell').textContent()).toBe('陈贵镇 · 规上企业研发人员 · 任务数');
    await page.getByRole('textbox', { name: '查找乡镇' }).fill('陈贵镇 研发投入 实绩数');
    await page.keyboard.press('Escape');
    await page.keyboard.type('4321');
    await page.keyboard.press('Enter');
    await waitSaved(page);
    await expect.poll(() => cellText(page, 'cg', 'rd_investment', 'actual')).toBe('4321');
  });

  it('a filter that matches no township says so, instead of a lone "—"', async () => {
    const page = await app();
    await openEntry(page);
    await page.getByRole('textbox', { name: '筛选单位' }).fill('不存在的镇');
    await expect.poll(() => page.getByTestId('grid-empty').textContent(), { timeout: 10_000 }).toBe('没有符合筛选条件的单位（共 14 个单位）。请修改或清除上方的筛选。');
    expect(await page.locator('.formula-bar .where').first().textContent()).toBe('未选中单元格');
    await page.getByRole('textbox', { name: '筛选单位' }).fill('');
    await page.getByTestId('grid-empty').waitFor({ state: 'detached' });
  });
});
