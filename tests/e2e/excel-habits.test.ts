/**
 * Excel habits in the grid, over file://: the fill handle and the right-click menu fill 5 cells down
 * as one step (one Ctrl+Z takes all 5 back), Ctrl+D too, and 设为不适用 from the menu.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { cellText, freshApps, gridCell, hasBrowser, openEntry, revealCell, waitSaved } from './browser';

const app = freshApps(afterEach);

/** The units in the grid's order, top to bottom. */
const unitOrder = (page: Page) => page.locator('[role=grid] [role=row][data-unit]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit')!));

describe.skipIf(!hasBrowser)('Excel habits in the grid', () => {
  it('the fill handle dragged 5 rows down fills 5 cells as one step; Ctrl+Z restores all 5', async () => {
    const page = await app();
    await openEntry(page);
    const units = (await unitOrder(page)).slice(0, 6);
    const before = await Promise.all(units.map((u) => cellText(page, u, 'tech_sme', 'target')));
    expect(before[0]).toBe('111');
    await (await revealCell(page, units[0]!, 'tech_sme', 'target')).click();
    const handle = (await page.getByTestId('fill-handle').boundingBox())!;
    const last = (await gridCell(page, units[5]!, 'tech_sme', 'target').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(last.x + last.width / 2, last.y + last.height / 2, { steps: 6 });
    await page.mouse.up();
    await waitSaved(page);
    await expect.poll(() => Promise.all(units.map((u) => cellText(page, u, 'tech_sme', 'target')))).toEqual(Array(6).fill('111'));
    await page.keyboard.press('Control+z');
    await waitSaved(page);
    await expect.poll(() => Promise.all(units.map((u) => cellText(page, u, 'tech_sme', 'target')))).toEqual(before);
  });

  it('right-click → 向下填充 on 6 selected rows fills 5 cells as one step; Ctrl+D the same; 设为不适用 from the menu', async () => {
    const page = await app();
    await openEntry(page);
    const units = (await unitOrder(page)).slice(0, 6);
    const before = await Promise.all(units.map((u) => cellText(page, u, 'talent', 'actual')));
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
    await expect.poll(() => Promise.all(units.map((u) => cellText(page, u, 'talent', 'actual')))).toEqual(Array(6).fill('156'));
    await page.keyboard.press('Control+z');
    await waitSaved(page);
    await expect.poll(() => Promise.all(units.map((u) => cellText(page, u, 'talent', 'actual')))).toEqual(before);

    // Ctrl+D on the same selection (still selected after the undo).
    await gridCell(page, units[0]!, 'talent', 'actual').click();
    await gridCell(page, units[5]!, 'talent', 'actual').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+d');
    await waitSaved(page);
    await expect.poll(() => Promise.all(units.map((u) => cellText(page, u, 'talent', 'actual')))).toEqual(Array(6).fill('156'));

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
});
