/**
 * The workbook file as staff use it: Ctrl+S saves it (an open cell editor included), 打开文件 asks in
 * the app's own dialog what to do — its 取消 changes nothing — and the app reopens where the user left.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterEach, describe, expect, it } from 'vitest';
import { cellText, downloadOf, freshApps, gridCell, hasBrowser, openEntry, openWorkbookFile, revealCell, tableRows, waitSaved } from './browser';

const app = freshApps(afterEach);

/** A cell of the file's 2023年一季度数据 sheet: the row of this unit and indicator, the column named. */
function dataCell(bytes: Buffer, unit: string, indicator: string, column: '任务数' | '实绩数'): unknown {
  const rows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(bytes, { type: 'buffer' }).Sheets['2023年一季度数据']!, { header: 1 });
  const head = rows.findIndex((r) => r.includes(column));
  const row = rows.find((r) => r[0] === unit && r[1] === indicator)!;
  return row[rows[head]!.indexOf(column)];
}

describe.skipIf(!hasBrowser)('the workbook file, as staff use it', () => {
  it('Ctrl+S saves the workbook file, with the figure still being typed in a cell', async () => {
    const page = await app();
    await openEntry(page);
    await (await revealCell(page, 'djp', 'tech_sme', 'actual')).click();
    await page.keyboard.type('23');
    const saved = await downloadOf(page, () => page.keyboard.press('Control+s'));
    expect(saved.name).toBe('大冶市科技创新行动考核（示例）.xlsx');
    expect(dataCell(saved.bytes, '大箕铺镇', '科技型中小企业入库数', '实绩数')).toBe(23);
    await expect.poll(() => page.getByTestId('file-state').textContent()).toBe('已存为文件');
    expect(await cellText(page, 'djp', 'tech_sme', 'actual')).toBe('23');
  });

  it('打开文件 shows the file (name, saved time, periods, units); 取消 leaves everything as it was; 作为副本打开 keeps both', async () => {
    const page = await app();
    const saved = await downloadOf(page, () => page.getByRole('button', { name: '保存为文件' }).click());
    const path = join(mkdtempSync(join(tmpdir(), 'kaohe-open-')), '一季度定稿.xlsx');
    writeFileSync(path, saved.bytes);
    // The browser's workbook moves on after the file was saved.
    await openEntry(page);
    await (await revealCell(page, 'djp', 'tech_sme', 'actual')).click();
    await page.keyboard.type('30');
    await page.keyboard.press('Enter');
    await waitSaved(page);
    const picker = page.getByRole('combobox', { name: '工作簿' });
    const before = { workbooks: await picker.locator('option').allTextContents(), ranking: await tableRows(page, '考核结果') };
    await page.getByRole('tab', { name: '版本', exact: true }).click();
    const versions = await page.locator('main').textContent();

    const text = await openWorkbookFile(page, path, '取消');
    expect(text).toContain('一季度定稿.xlsx');
    expect(text).toContain('2023年一季度');
    expect(text).toContain('14 个单位，16 项指标');
    expect(text).toMatch(/保存时间\d{4}\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2}:\d{2}/u);
    expect(text).toContain('浏览器中已有这个工作簿');
    await expect.poll(() => page.getByTestId('message').textContent()).toContain('没有打开文件“一季度定稿.xlsx”');
    expect(await page.locator('main').textContent()).toBe(versions);
    expect(await picker.locator('option').allTextContents()).toEqual(before.workbooks);
    expect(await tableRows(page, '考核结果')).toEqual(before.ranking);
    await openEntry(page);
    expect(await cellText(page, 'djp', 'tech_sme', 'actual')).toBe('30');

    // Esc (the focus starts on 取消) changes nothing either.
    await page.getByLabel('打开文件', { exact: true }).setInputFiles(path);
    const ask = page.getByRole('dialog', { name: '打开工作簿文件' });
    await ask.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('取消');
    await page.keyboard.press('Escape');
    await ask.waitFor({ state: 'detached' });
    expect(await picker.locator('option').allTextContents()).toEqual(before.workbooks);

    await openWorkbookFile(page, path, '作为副本打开');
    await expect.poll(() => page.getByTestId('message').textContent()).toContain('已打开文件');
    await expect.poll(() => picker.locator('option').count()).toBe(2);
    const names = await picker.locator('option').allTextContents();
    expect(names).toContain('大冶市科技创新行动考核（示例）');
    expect(names).toContain('大冶市科技创新行动考核（示例）（文件副本）');
    expect(await cellText(page, 'djp', 'tech_sme', 'actual')).toBe('19');
  });

  it('reopens on the workbook, period and tab last viewed', async () => {
    const page = await app();
    // A second period (opened on its own: without a memory the app would open on the latest), then back to the first, on 附件3.
    await page.locator('header summary', { hasText: '管理' }).click();
    await page.getByRole('button', { name: '新增考核期…' }).click();
    const dialog = page.getByRole('dialog', { name: '新增考核期' });
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('combobox', { name: '考核期' }).locator('option').count()).toBe(2);
    await page.getByRole('combobox', { name: '考核期' }).selectOption({ label: '2023年一季度' });
    await page.getByRole('tab', { name: '附件3', exact: true }).click();
    await page.locator('main[aria-busy="false"] table.completion').waitFor();
    await page.reload();
    await page.locator('main[aria-busy="false"] table.completion').waitFor({ timeout: 20_000 });
    expect(await page.getByRole('tab', { name: '附件3', exact: true }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('combobox', { name: '考核期' }).locator('option:checked').textContent()).toBe('2023年一季度');
    expect(await gridCell(page, 'gxq', 'talent', 'actual').count()).toBe(0);
  });
});
