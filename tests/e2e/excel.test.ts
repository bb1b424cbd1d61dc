import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { cellText, downloadOf, freshApps, hasBrowser, openEntry, openWorkbookFile, tableRows, waitSaved } from './browser';
import { annexesXlsx, resultXls, scoreDetailXlsx } from '../support/seed-files';
import { printedAnnexes } from '../unit/seed-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-files-'));
const app = freshApps(afterEach);
function file(name: string, data: Buffer | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}
async function pick(page: Page, label: '导入 Excel' | '打开文件', path: string) {
  await page.getByLabel(label, { exact: true }).setInputFiles(path);
}
const dialog = (page: Page) => page.getByRole('dialog', { name: '导入预览' });

describe.skipIf(!hasBrowser)('Excel in and out through the UI, over file://', () => {
  it('imports a township file after a preview, as one undoable step', async () => {
    const page = await app();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await annexesXlsx({ messy: true })) as unknown as ExcelJS.Buffer);
    wb.getWorksheet('附件4')!.eachRow((row) => {
      if (row.getCell(2).value === '大箕铺镇') row.getCell(4).value = 15;
    });
    await pick(page, '导入 Excel', file('乡镇报表.xlsx', Buffer.from(await wb.xlsx.writeBuffer())));
    await dialog(page).waitFor();
    const sheets = await tableRows(page, '识别的工作表');
    expect(sheets.map((r) => r[1])).toEqual(['完成情况表', '完成情况表', '完成情况表', '完成情况表', '完成情况表']);
    const changes = await tableRows(page, '将要修改的数据');
    expect(changes.find((r) => r[0] === '大箕铺镇' && r[2] === '任务数')?.slice(0, 5)).toEqual(['大箕铺镇', '科技型中小企业入库数', '任务数', '11', '15']);
    // Nothing has changed yet.
    await page.getByRole('button', { name: '取消' }).click();
    await openEntry(page);
    expect(await cellText(page, 'djp', 'tech_sme', 'target')).toBe('11');
    // Now for real.
    await pick(page, '导入 Excel', join(dir, '乡镇报表.xlsx'));
    await page.getByRole('button', { name: '确认导入' }).click();
    await waitSaved(page);
    await expect.poll(() => cellText(page, 'djp', 'tech_sme', 'target')).toBe('15');
    await expect.poll(() => cellText(page, 'djp', null, 'rank')).toBe('8');
    await page.keyboard.press('Control+Z');
    await waitSaved(page);
    await expect.poll(() => cellText(page, 'djp', 'tech_sme', 'target')).toBe('11');
  });

  it('a bad file is explained by sheet, row and column, and changes nothing', async () => {
    const page = await app();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('研发人员');
    ws.addRow(['序号', '乡镇', '规上企业研发人员（人）']);
    ws.addRow(['', '', '实绩数', '任务数', '完成率']);
    ws.addRow([1, '高新区', { formula: 'A1/0', result: { error: '#DIV/0!' } }, 4700]);
    await pick(page, '导入 Excel', file('坏.xlsx', Buffer.from(await wb.xlsx.writeBuffer())));
    await dialog(page).waitFor();
    expect(await dialog(page).getByRole('alert').textContent()).toContain('文件“坏.xlsx”工作表“研发人员”第 3 行 C 列：高新区「规上企业研发人员」的实绩数是错误值 #DIV/0!，未导入。');
    await page.getByRole('button', { name: '取消' }).click();
    // Not a spreadsheet at all.
    await pick(page, '导入 Excel', file('照片.xlsx', Buffer.from('not a spreadsheet')));
    await expect.poll(() => page.getByTestId('message').textContent()).toContain('文件“照片.xlsx”无法读取');
    await openEntry(page);
    expect(await cellText(page, 'gxq', 'rd_staff', 'actual')).toBe('4917');
  });

  it('an unknown name can be mapped to a unit before confirming; an old .xls imports', async () => {
    const page = await app();
    const aoa = [['序号', '乡镇', '规上企业研发人员（人）', '', ''], ['', '', '实绩数', '任务数', '完成率'], [1, '金牛', 30, 24, '125.00%'], [2, '牛金镇（新）', 31, 25, '124.00%']];
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(aoa), 'Sheet1');
    await pick(page, '导入 Excel', file('人员.xls', XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer));
    await dialog(page).waitFor();
    // "金牛" is 金牛镇 without its suffix; "牛金镇（新）" matches nothing.
    expect(await tableRows(page, '未识别的名称').then((r) => r.map((x) => x[0]))).toEqual(['单位“牛金镇（新）”']);
    await page.getByRole('combobox', { name: '对应“牛金镇（新）”' }).selectOption({ label: '东风农场' });
    await expect.poll(() => tableRows(page, '将要修改的数据').then((r) => r.filter((x) => x[0] === '东风农场').length)).toBe(2);
    await page.getByRole('button', { name: '确认导入' }).click();
    await waitSaved(page);
    await openEntry(page);
    await expect.poll(() => cellText(page, 'dfnc', 'rd_staff', 'actual')).toBe('31');
    expect(await cellText(page, 'jn', 'rd_staff', 'actual')).toBe('30');
    // 附件6 as an old .xls: published totals.
    await pick(page, '导入 Excel', file('考核结果.xls', resultXls()));
    await dialog(page).waitFor();
    expect(await tableRows(page, '识别的工作表')).toEqual([['附件6', '考核结果', '14']]);
    await page.getByRole('button', { name: '取消' }).click();
  });

  it('导出 Excel downloads the bulletin tables as printed', async () => {
    const page = await app();
    const d = await downloadOf(page, () => page.getByRole('button', { name: '导出 Excel' }).click());
    expect(d.name).toBe('大冶市2023年一季度考核通报附件.xlsx');
    const wb = XLSX.read(d.bytes, { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['附件1', '附件2', '附件3', '附件4', '附件5', '附件6', '考核得分明细']);
    for (const a of printedAnnexes()) {
      // Row 1 says "附件 N", as printed; the units start on row 6.
      expect(wb.Sheets[`附件${a.no}`]!['A1']?.v).toBe(`附件 ${a.no}`);
      const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[`附件${a.no}`]!, { header: 1, raw: false, range: 5 });
      expect(rows.slice(0, 14), `附件${a.no}`).toEqual(a.rows.map((r) => [r.no, r.name, r.actual, r.target, r.rate]));
    }
    const ranking = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['附件6']!, { header: 1, raw: false, range: 4 });
    expect(ranking[0]).toEqual(['1', '高新区', '85.06']);
    // One table on its own.
    const one = await downloadOf(page, async () => {
      await page.locator('header summary', { hasText: '更多' }).click();
      await page.getByRole('menuitem', { name: '单独导出附件6 考核结果' }).click();
    });
    expect(XLSX.read(one.bytes, { type: 'buffer' }).SheetNames).toEqual(['附件6']);
  });

  it('保存为文件, then 打开文件 in a fresh browser profile gives the identical workbook', async () => {
    const page = await app();
    await openEntry(page);
    await pick(page, '导入 Excel', file('明细.xlsx', await scoreDetailXlsx()));
    await dialog(page).waitFor();
    await page.getByRole('button', { name: '取消' }).click();
    expect(await page.getByTestId('file-state').textContent()).toBe('未保存到文件');
    const saved = await downloadOf(page, () => page.getByRole('button', { name: '保存为文件' }).click());
    expect(saved.name).toBe('大冶市科技创新行动考核（示例）.xlsx');
    await expect.poll(() => page.getByTestId('file-state').textContent()).toBe('已存为文件');
    const path = file(saved.name, saved.bytes);

    const other = await app();
    await openWorkbookFile(other, path, '替换');
    await expect.poll(() => other.getByTestId('message').textContent()).toContain('已打开文件');
    const rows = await tableRows(other, '考核结果');
    expect(rows[0]!.slice(0, 3)).toEqual(['1', '高新区', '85.06']);
    expect(rows[9]!.slice(0, 3)).toEqual(['10', '殷祖镇', '75.41']);
    const again = await downloadOf(other, () => other.getByRole('button', { name: '保存为文件' }).click());
    const model = (b: Buffer) => {
      const ws = XLSX.read(b, { type: 'buffer' }).Sheets['_model']!;
      const json = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 }).map((r) => r[0]).join('');
      const c = JSON.parse(json);
      return { workbook: c.workbook, snapshots: c.snapshots.filter((s: { auto: boolean }) => !s.auto) };
    };
    expect(model(again.bytes)).toEqual(model(saved.bytes));
  });

  it('a workbook file whose 数据 sheet was edited in Excel: the edit is previewed, and applied only on 确认导入', async () => {
    const page = await app();
    const saved = await downloadOf(page, () => page.getByRole('button', { name: '保存为文件' }).click());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(saved.bytes as unknown as ExcelJS.Buffer);
    book.getWorksheet('2023年一季度数据')!.eachRow((row) => {
      if (row.getCell(1).value === '大箕铺镇' && row.getCell(2).value === '科技型中小企业入库数') row.getCell(4).value = 15;
    });
    const path = file('在Excel中改过.xlsx', new Uint8Array(await book.xlsx.writeBuffer()));
    await openWorkbookFile(page, path, '替换');
    await dialog(page).waitFor();
    const changes = await tableRows(page, '将要修改的数据');
    expect(changes.map((r) => r.slice(0, 5))).toEqual([['大箕铺镇', '科技型中小企业入库数', '任务数', '11', '15']]);
    // Nothing is applied before 确认导入: the ranking behind the preview is the file's as saved.
    expect((await tableRows(page, '考核结果')).find((r) => r[1] === '大箕铺镇')!.slice(0, 3)).toEqual(['6', '大箕铺镇', '78.47']);
    await page.getByRole('button', { name: '确认导入' }).click();
    await waitSaved(page);
    await page.getByRole('tab', { name: '数据录入' }).click();
    await expect.poll(() => cellText(page, 'djp', 'tech_sme', 'target')).toBe('15');
    await expect.poll(() => cellText(page, 'djp', null, 'total')).toBe('77.41');
  });
});
