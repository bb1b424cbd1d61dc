/** 报送情况 in the browser: templates out, three returned files in at once, the missing townships listed. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { cellText, downloadOf, freshApps, hasBrowser, openEntry, tableRows, waitSaved } from './browser';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-returns-'));
const app = freshApps(afterEach);


/** The township's sheet of the downloaded template, filled in as the township would, saved as its own file. */
async function fillIn(template: Buffer, sheet: string, actuals: Record<string, number | string>, targets: Record<string, number> = {}, fileName = `${sheet}.xlsx`): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
  for (const ws of [...wb.worksheets]) if (ws.name !== sheet) wb.removeWorksheet(ws.id);
  const ws = wb.getWorksheet(sheet)!;
  ws.eachRow((row, r) => {
    const name = String(row.getCell(3).value ?? '');
    if (r > 3 && name in actuals) row.getCell(6).value = actuals[name]!;
    if (r > 3 && name in targets) row.getCell(5).value = targets[name]!;
  });
  const path = join(dir, fileName);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  return path;
}

/** 2023年二季度 from 2023年一季度 (targets copied, actuals empty), on its 报送情况 tab. */
async function secondQuarterReturns(page: Page): Promise<void> {
  await page.locator('header summary', { hasText: '管理' }).click();
  await page.getByRole('button', { name: '新增考核期…' }).click();
  await page.getByRole('dialog', { name: '新增考核期' }).getByRole('button', { name: '确定' }).click();
  await expect.poll(() => page.getByRole('combobox', { name: '考核期' }).locator('option:checked').textContent()).toBe('2023年二季度');
  await page.getByRole('tab', { name: '报送情况' }).click();
}

describe.skipIf(!hasBrowser)('township returns, over file://', () => {
  it('exports the template, imports three returned files at once, lists the missing townships and a changed target; 报送情况 follows; Ctrl+Z undoes', async () => {
    const page = await app();
    await secondQuarterReturns(page);
    await expect.poll(() => page.getByTestId('returns-summary').textContent()).toMatch(/^已报送 0 \/ 14 个单位；未报送：高新区、/u);

    // 下载全部: a zip, one file per township, each with its own sheet only.
    const z = await downloadOf(page, () => page.getByRole('button', { name: '下载全部乡镇的报送模板（每个乡镇一个文件，.zip）' }).click());
    expect(z.name).toBe('大冶市2023年二季度报送模板（14个乡镇）.zip');
    // Names flagged as UTF-8 (bit 11), so Windows shows 陈贵镇, not mojibake.
    expect(z.bytes.readUInt16LE(6) & 0x800).toBe(0x800);
    const zip = await JSZip.loadAsync(z.bytes);
    const names = Object.keys(zip.files).sort();
    expect(names).toHaveLength(14);
    expect(names).toContain('大箕铺镇-2023年二季度.xlsx');
    expect(names).toContain('临空区·还地桥镇-2023年二季度.xlsx');
    const perTownship = new Map<string, Buffer>();
    for (const n of names) {
      const bytes = await zip.file(n)!.async('nodebuffer');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
      const township = n.replace('-2023年二季度.xlsx', '');
      expect(book.worksheets.map((w) => w.name), n).toEqual([township]);
      expect(book.worksheets[0]!.getCell(2, 1).value, n).toBe(`填报单位：${township}`);
      perTownship.set(township, bytes);
    }
    // The 14-sheet workbook is still there.
    const t = await downloadOf(page, () => page.getByRole('button', { name: '下载为一个工作簿（每个乡镇一个工作表）' }).click());
    expect(t.name).toBe('大冶市2023年二季度报送模板.xlsx');
    const check = new ExcelJS.Workbook();
    await check.xlsx.load(t.bytes as unknown as ExcelJS.Buffer);
    expect(check.worksheets).toHaveLength(14);
    const djp = check.getWorksheet('大箕铺镇')!;
    expect([4, 5].map((r) => [2, 3, 4, 5, 6].map((c) => djp.getCell(r, c).value))).toEqual([
      ['大箕铺镇', '高新技术产业产值', '亿元', djp.getCell(4, 5).value, null],
      ['大箕铺镇', '科技型中小企业入库数', '家', 11, null],
    ]);
    expect(djp.getCell(5, 6).protection?.locked).toBe(false);
    expect(djp.getCell(5, 5).protection?.locked).not.toBe(false);
    // One township's own template, by its row.
    const one = await downloadOf(page, () => page.getByRole('button', { name: '下载陈贵镇的报送模板' }).click());
    expect(one.name).toBe('大冶市2023年二季度报送模板-陈贵镇.xlsx');

    const files = [
      await fillIn(perTownship.get('高新区')!, '高新区', { 科技型中小企业入库数: 20, 规上企业新招引科技人才: 45 }),
      // 灵乡镇 lowered its own target: refused and listed; its figure is taken.
      await fillIn(t.bytes, '灵乡镇', { 科技型中小企业入库数: 9 }, { 科技型中小企业入库数: 1 }),
      await fillIn(one.bytes, '陈贵镇', { 科技型中小企业入库数: 14 }),
    ];
    await page.getByLabel('导入乡镇报送文件').setInputFiles(files);
    const dialog = page.getByRole('dialog', { name: '报送导入预览' });
    await dialog.waitFor();
    expect(await page.getByTestId('returns-reported').textContent()).toBe('已报送 3 个单位：高新区、灵乡镇、陈贵镇');
    expect(await page.getByTestId('returns-missing').textContent()).toBe(
      '未报送 11 个单位：临空区·还地桥镇、金湖街道、保安镇、金山店镇、大箕铺镇、殷祖镇、刘仁八镇、金牛镇、东岳街道、东风农场、茗山乡',
    );
    expect(await page.getByTestId('returns-conflicts').textContent()).toContain('【任务数被改动】文件“灵乡镇.xlsx”工作表“灵乡镇”第 5 行 E 列：目标任务数为 1');
    // Each figure located where it was read: 完成任务数 is column F (the changed target above was E).
    expect((await tableRows(page, '报送的数值')).map((r) => r[5])).toEqual([
      '文件“高新区.xlsx”工作表“高新区”第 5 行 F 列',
      expect.stringMatching(/^文件“高新区.xlsx”工作表“高新区”第 \d+ 行 F 列$/u),
      '文件“灵乡镇.xlsx”工作表“灵乡镇”第 5 行 F 列',
      '文件“陈贵镇.xlsx”工作表“陈贵镇”第 5 行 F 列',
    ]);
    expect((await tableRows(page, '报送的数值')).map((r) => r.slice(0, 5))).toEqual([
      ['高新区', '科技型中小企业入库数', '实绩数', '', '20'],
      ['高新区', '规上企业新招引科技人才', '实绩数', '', '45'],
      ['灵乡镇', '科技型中小企业入库数', '实绩数', '', '9'],
      ['陈贵镇', '科技型中小企业入库数', '实绩数', '', '14'],
    ]);
    await dialog.getByRole('button', { name: '确认导入' }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitSaved(page);
    await expect.poll(() => page.getByTestId('returns-summary').textContent()).toMatch(/^已报送 3 \/ 14 个单位；未报送：临空区·还地桥镇、金湖街道/u);
    const rows = await tableRows(page, '报送情况');
    expect(rows.filter((r) => r[2] === '已报送').map((r) => [r[1], r[3], r[5]])).toEqual([
      ['高新区', '高新区.xlsx', '2 / 16'],
      ['灵乡镇', '灵乡镇.xlsx', expect.stringMatching(/^1 \/ \d+$/u)],
      ['陈贵镇', '陈贵镇.xlsx', expect.stringMatching(/^1 \/ \d+$/u)],
    ]);
    await openEntry(page);
    expect(await cellText(page, 'gxq', 'tech_sme', 'actual')).toBe('20');
    expect(await cellText(page, 'lx', 'tech_sme', 'target')).not.toBe('1');
    // One step: Ctrl+Z takes the three returns back, and 报送情况 with them.
    await page.keyboard.press('Control+Z');
    await expect.poll(() => cellText(page, 'gxq', 'tech_sme', 'actual')).toBe('');
    await page.getByRole('tab', { name: '报送情况' }).click();
    await expect.poll(() => page.getByTestId('returns-summary').textContent()).toMatch(/^已报送 0 \/ 14 个单位/u);
  });
  it('two files from one township (原件 and 更正): the 更正 counts, the figures they differ on are shown, and the other can be chosen', async () => {
    const page = await app();
    await secondQuarterReturns(page);
    const t = await downloadOf(page, () => page.getByRole('button', { name: '下载高新区的报送模板' }).click());
    // The 更正 is listed first and is the older file: its name decides, not the order or the time.
    const files = [
      await fillIn(t.bytes, '高新区', { 科技型中小企业入库数: 20, 规上企业新招引科技人才: 46 }, {}, '高新区（更正）.xlsx'),
      await fillIn(t.bytes, '高新区', { 科技型中小企业入库数: 20, 规上企业新招引科技人才: 45 }, {}, '高新区.xlsx'),
    ];
    await page.getByLabel('导入乡镇报送文件').setInputFiles(files);
    const dialog = page.getByRole('dialog', { name: '报送导入预览' });
    await dialog.waitFor();
    const choice = dialog.getByRole('combobox', { name: '高新区采用的文件' });
    expect(await choice.inputValue()).toBe('高新区（更正）.xlsx');
    expect(await page.getByTestId('returns-duplicates').textContent()).toContain('规上企业新招引科技人才：“高新区（更正）.xlsx”46，“高新区.xlsx”45');
    expect(await dialog.getByTestId('returns-conflicts').count()).toBe(0);
    const talent = async () => (await tableRows(page, '报送的数值')).find((r) => r[1] === '规上企业新招引科技人才' && r[2] === '实绩数')?.[4];
    expect(await talent()).toBe('46');
    await choice.selectOption('高新区.xlsx');
    await expect.poll(talent).toBe('45');
    await choice.selectOption('高新区（更正）.xlsx');
    await expect.poll(talent).toBe('46');
    await dialog.getByRole('button', { name: '确认导入' }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitSaved(page);
    await openEntry(page);
    expect(await cellText(page, 'gxq', 'talent', 'actual')).toBe('46');
    expect(await cellText(page, 'gxq', 'tech_sme', 'actual')).toBe('20');
  });
});
