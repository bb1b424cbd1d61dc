import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellText, frames, gridCell, hasBrowser, launchProfile, openApp, openEntry, waitSaved } from './browser';
import { seedBigWorkbook } from './big-workbook';

describe.skipIf(!hasBrowser)('5 000 units in the grid', () => {
  let ctx: BrowserContext;
  beforeAll(async () => {
    ctx = await launchProfile();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('renders only the rows in view, scrolls to the last unit, and edits there', async () => {
    let page = await openApp(ctx);
    await seedBigWorkbook(page, 5000);
    await page.reload();
    page = await openApp(ctx);
    await expect(page.getByRole('combobox', { name: '工作簿' }).inputValue()).resolves.toBe('bench-big');
    await openEntry(page);
    const rendered = await page.locator('[role=grid] [role=row][data-unit]').count();
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(120);
    // The first indicator column sits right after the frozen 单位/总得分/排名 columns, and the editor opens over the cell.
    const rank = (await gridCell(page, 'u1', null, 'rank').boundingBox())!;
    const first = (await gridCell(page, 'u1', 'hitech_output', 'target').boundingBox())!;
    expect(Math.round(first.x)).toBe(Math.round(rank.x + rank.width));
    await gridCell(page, 'u1', 'hitech_output', 'target').click();
    await page.keyboard.type('1');
    const editor = (await page.locator('.cell-editor').boundingBox())!;
    expect([Math.round(editor.x), Math.round(editor.y)]).toEqual([Math.round(first.x), Math.round(first.y)]);
    await page.keyboard.press('Escape');
    // Ctrl+End goes to the last unit, as in Excel.
    await gridCell(page, 'u1', 'hitech_output', 'target').click();
    await page.keyboard.press('Control+End');
    await gridCell(page, 'u5000', null, 'unit').waitFor();
    // Only the columns in view are in the DOM too: the last indicator's, not the first's.
    expect(await gridCell(page, 'u5000', 'work_materials', 'score').count()).toBe(1);
    expect(await gridCell(page, 'u5000', 'hitech_output', 'actual').count()).toBe(0);
    await page.keyboard.press('Home');
    await gridCell(page, 'u5000', 'hitech_output', 'actual').waitFor();
    expect(await page.locator('[role=grid] [role=row][data-unit]').count()).toBeLessThan(120);
    await gridCell(page, 'u5000', 'hitech_output', 'actual').click();
    // From here on, count the rows and cells the grid makes: an edit changes texts, it makes none.
    await page.evaluate(() => {
      const w = window as unknown as { __made: number };
      w.__made = 0;
      new MutationObserver((ms) => ms.forEach((m) => m.addedNodes.forEach((n) => n instanceof HTMLElement && n.matches('[role=row],[role=gridcell]') && w.__made++))).observe(
        document.querySelector('.entry-body')!,
        { childList: true, subtree: true },
      );
    });
    await page.keyboard.type('99999');
    await page.keyboard.press('Enter');
    await waitSaved(page);
    await expect.poll(() => cellText(page, 'u5000', 'hitech_output', 'actual'), { timeout: 20_000 }).toBe('99999');
    await expect.poll(() => cellText(page, 'u5000', 'hitech_output', 'score'), { timeout: 20_000 }).toBe('5');
    // Idle for 60 frames: nothing is read and drawn again and again (a loop would redraw every frame).
    await frames(page, 60);
    expect(await page.evaluate(() => (window as unknown as { __made: number }).__made)).toBe(0);
  });

  it('leaving 数据录入 for another tab and coming back keeps the selected cell and where the grid was scrolled', async () => {
    const page = await openApp(ctx);
    await openEntry(page);
    await gridCell(page, 'u1', 'hitech_output', 'target').click();
    await page.keyboard.press('Control+End');
    await gridCell(page, 'u5000', null, 'unit').waitFor();
    for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Home');
    for (let k = 0; k < 6; k++) await page.keyboard.press('ArrowRight');
    const active = page.locator('[role=grid] [role=row][data-unit] .cell.active');
    const where = () => active.evaluate((el) => `${el.closest('[role=row]')!.getAttribute('data-unit')}|${el.getAttribute('data-ind')}|${el.getAttribute('data-kind')}`);
    await expect.poll(where).toMatch(/^u4997\|/);
    const before = await where();
    const scrolled = await page.locator('.grid-scroll').evaluate((el) => [el.scrollTop, el.scrollLeft]);
    expect(scrolled[0]).toBeGreaterThan(100_000);
    await page.getByRole('tab', { name: '总览（考核结果）' }).click();
    await page.getByRole('table', { name: '考核结果' }).locator('tbody tr').first().waitFor();
    await openEntry(page);
    // The same cell, selected and on screen, where Excel would have left it.
    await expect.poll(where, { timeout: 20_000 }).toBe(before);
    const box = (await active.boundingBox())!;
    const port = (await page.locator('.grid-scroll').boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(port.y);
    expect(box.y + box.height).toBeLessThanOrEqual(port.y + port.height);
    expect(await page.locator('.grid-scroll').evaluate((el) => [el.scrollTop, el.scrollLeft])).toEqual(scrolled);
    // Work goes on from there: a click on the cell, then the keyboard.
    await active.click();
    await page.keyboard.press('ArrowDown');
    await expect.poll(where).toMatch(/^u4998\|/);
  });
});
