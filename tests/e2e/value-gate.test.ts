/**
 * Issue 18 in the browser, in the issue's own steps: a paste that needs its preview is applied on
 * 确认粘贴 (case 1); an open editor never writes into another period or workbook (case 2); last
 * quarter's 附件 export is no township return (case 3); bad values in a workbook file's 数据 sheet are
 * refused by name (case 5); a 5e-324 target is refused and 导出 Excel still works (case 8); an
 * injected inline handler does not run under the page's policy.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { cellText, frames, freshApps, hasBrowser, launchProfile, openApp, openEntry, openWorkbookFile, revealCell, tableRows, waitSaved, waitWritten } from './browser';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-gate-'));
const app = freshApps(afterEach);
const contexts: BrowserContext[] = [];
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
});

function file(name: string, data: Buffer | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}
async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}
const message = (page: Page) => page.getByTestId('message').textContent();
/** 管理 → 新增考核期… → 确定: 2023年二季度 from 2023年一季度. */
async function addQ2(page: Page) {
  await page.locator('header summary', { hasText: '管理' }).click();
  await page.getByRole('button', { name: '新增考核期…' }).click();
  await page.getByRole('dialog', { name: '新增考核期' }).getByRole('button', { name: '确定' }).click();
  await expect.poll(() => page.getByRole('combobox', { name: '考核期' }).locator('option:checked').textContent()).toBe('2023年二季度');
}

describe.skipIf(!hasBrowser)('one gate for every value, in the browser', () => {
  it('case 1: a 14 × 6 block from the grid pasted on 高新区 人才 任务数 shows its preview, and 确认粘贴 applies exactly that, as one step; 14 × 2 cells are previewed too', async () => {
    const ctx = await launchProfile();
    contexts.push(ctx);
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await openApp(ctx);
    await openEntry(page);
    // 规上企业研发投入 (任务数, 实绩数, 完成率, 得分) and 研发人员 (任务数, 实绩数), all 14 rows.
    await (await revealCell(page, 'gxq', 'rd_investment', 'target')).click();
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight');
    for (let i = 0; i < 13; i++) await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Control+C');
    const copied = (await page.evaluate(() => navigator.clipboard.readText())).trim().split(/\r?\n/).map((l) => l.split('\t'));
    expect(copied).toHaveLength(14);
    await (await revealCell(page, 'gxq', 'talent', 'target')).click();
    await page.keyboard.press('Control+V');
    const preview = page.getByTestId('paste-preview');
    await preview.waitFor();
    // Lands on 人才 (任务数, 实绩数) and 工作计划 (任务数, 实绩数): counted in cells that change.
    expect(await preview.locator('h2').textContent()).toMatch(/^粘贴将改动 5\d 个单元格$/u);
    await preview.getByRole('button', { name: '确认粘贴' }).click();
    await preview.waitFor({ state: 'detached' });
    await waitSaved(page);
    expect((await page.getByTestId('message').allTextContents()).join()).not.toContain('操作没有完成');
    expect(await cellText(page, 'gxq', 'talent', 'target')).toBe(copied[0]![0]);
    expect(await cellText(page, 'gxq', 'talent', 'actual')).toBe(copied[0]![1]);
    expect(await cellText(page, 'msx', 'work_plan', 'actual')).toBe(copied[13]![5]);
    // One step: Ctrl+Z takes all of it back.
    await page.keyboard.press('Control+Z');
    await expect.poll(() => cellText(page, 'gxq', 'talent', 'target')).toBe('40');
    expect(await cellText(page, 'gxq', 'talent', 'actual')).toBe('156');
    // 14 rows × (任务数, 实绩数) from Excel: 28 cells, over the threshold of 20, so previewed first.
    await page.evaluate(() => navigator.clipboard.writeText(Array.from({ length: 14 }, (_, i) => `${50 + i}\t${60 + i}`).join('\r\n')));
    await (await revealCell(page, 'gxq', 'talent', 'target')).click();
    await page.keyboard.press('Control+V');
    await preview.waitFor();
    expect(await preview.locator('h2').textContent()).toBe('粘贴将改动 28 个单元格');
    await preview.getByRole('button', { name: '取消' }).click();
    expect(await cellText(page, 'gxq', 'talent', 'target')).toBe('40');
  });

  it('case 2: window B types 123 into 二季度 without Enter; A deletes 二季度; B lands on 一季度 with the editor open: it closes, saying so, and 一季度 keeps 156', async () => {
    const ctx = await launchProfile();
    contexts.push(ctx);
    const a = await openApp(ctx);
    await addQ2(a);
    await waitSaved(a);
    const b = await openApp(ctx, true);
    await b.getByRole('combobox', { name: '考核期' }).selectOption({ label: '2023年二季度' });
    await openEntry(b);
    await (await revealCell(b, 'gxq', 'talent', 'actual')).click();
    await b.keyboard.type('123');
    expect(await b.locator('.cell-editor').inputValue()).toBe('123');
    a.once('dialog', (d) => void d.accept());
    await a.bringToFront();
    await a.locator('header summary', { hasText: '管理' }).click();
    await a.getByRole('button', { name: '删除本考核期…' }).click();
    await expect.poll(() => a.getByRole('combobox', { name: '考核期' }).locator('option').allTextContents()).toEqual(['2023年一季度']);
    await b.bringToFront();
    await expect.poll(() => b.getByRole('combobox', { name: '考核期' }).locator('option:checked').textContent(), { timeout: 15_000 }).toBe('2023年一季度');
    await expect.poll(() => message(b)).toContain('您正在输入的“123”（高新区 规上企业新招引科技人才 实绩数）没有保存：该考核期已在另一窗口中删除');
    expect(await b.locator('.cell-editor').count()).toBe(0);
    await b.keyboard.press('Enter');
    // Nothing was committed: an edit is journaled at once, and the journal holds nothing.
    await waitWritten(b);
    expect(await cellText(b, 'gxq', 'talent', 'actual')).toBe('156');
    await a.reload();
    await openEntry(a);
    expect(await cellText(a, 'gxq', 'talent', 'actual')).toBe('156');
  });

  it('case 2, across workbooks: A deletes the workbook B is typing 4321 into; B lands on its 副本: the editor closes and the copy keeps 156', async () => {
    const ctx = await launchProfile();
    contexts.push(ctx);
    const a = await openApp(ctx);
    const b = await openApp(ctx, true);
    await openEntry(b);
    await (await revealCell(b, 'gxq', 'talent', 'actual')).click();
    await b.keyboard.type('4321');
    // A: 复制… (named 副本; it opens the copy), back to the original, 删除….
    await a.bringToFront();
    const answers = ['副本', true];
    a.on('dialog', (d) => {
      const r = answers.shift();
      void (typeof r === 'string' ? d.accept(r) : d.accept());
    });
    await a.getByText('工作簿操作').click();
    await a.getByRole('button', { name: '复制…' }).click();
    const picker = a.getByRole('combobox', { name: '工作簿' });
    await expect.poll(async () => (await picker.locator('option:checked').textContent())?.trim()).toBe('副本');
    await picker.selectOption({ label: '大冶市科技创新行动考核（示例）' });
    await expect.poll(async () => (await picker.locator('option:checked').textContent())?.trim()).toBe('大冶市科技创新行动考核（示例）');
    await a.getByText('工作簿操作').click();
    await a.getByRole('button', { name: '删除…' }).click();
    await expect.poll(() => picker.locator('option').allTextContents()).toEqual(['副本']);
    await b.bringToFront();
    await expect.poll(async () => (await b.getByRole('combobox', { name: '工作簿' }).locator('option:checked').textContent())?.trim(), { timeout: 15_000 }).toBe('副本');
    await expect.poll(() => message(b)).toContain('您正在输入的“4321”');
    await expect.poll(() => b.locator('.cell-editor').count()).toBe(0);
    await b.keyboard.press('Enter');
    await waitWritten(b);
    await openEntry(a);
    expect(await cellText(a, 'gxq', 'talent', 'actual')).toBe('156');
    expect(await cellText(b, 'gxq', 'talent', 'actual')).toBe('156');
  });

  it('case 3: last quarter’s 附件 export brought in as 二季度 returns is refused as what it is; nothing written, nobody 已报送', async () => {
    const page = await app();
    const annexes = await downloadOf(page, () => page.getByRole('button', { name: '导出 Excel' }).click());
    await addQ2(page);
    await page.getByRole('tab', { name: '报送情况' }).click();
    await page.getByLabel('导入乡镇报送文件').setInputFiles(file(annexes.name, annexes.bytes));
    const dialog = page.getByRole('dialog', { name: '报送导入预览' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`文件“${annexes.name}”是从考核工作簿导出的 2023年一季度 通报附件表格，不是乡镇的报送表，未导入。`);
    expect(await page.getByTestId('returns-reported').count().then((n) => (n ? page.getByTestId('returns-reported').textContent() : ''))).not.toMatch(/已报送 [1-9]/u);
    const confirm = dialog.getByRole('button', { name: '确认导入' });
    if (await confirm.isEnabled()) await confirm.click();
    else await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('returns-summary').textContent()).toMatch(/^已报送 0 \/ 14 个单位/u);
    await openEntry(page);
    expect(await cellText(page, 'gxq', 'talent', 'actual')).toBe('');
  });

  it('case 5: a workbook file’s 数据 sheet with −5, 0, −3, abc and 1e300: each refused by sheet, row and column; 确认导入 stores none; 刘仁八镇 stays 77.59', async () => {
    const page = await app();
    const saved = await downloadOf(page, () => page.getByRole('button', { name: '保存为文件' }).click());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(saved.bytes as unknown as ExcelJS.Buffer);
    const bad: Record<string, [number, number | string]> = { 陈贵镇: [4, -5], 金湖街道: [4, 0], 保安镇: [5, -3], 灵乡镇: [5, 'abc'], 刘仁八镇: [5, 1e300] };
    book.getWorksheet('2023年一季度数据')!.eachRow((row) => {
      const b = bad[String(row.getCell(1).value)];
      if (b && row.getCell(2).value === '规上企业新招引科技人才') row.getCell(b[0]).value = b[1];
    });
    await openWorkbookFile(page, file('改过的工作簿.xlsx', new Uint8Array(await book.xlsx.writeBuffer())), '替换');
    const dialog = page.getByRole('dialog', { name: '导入预览' });
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    for (const words of [
      /第 \d+ 行 D 列：陈贵镇「规上企业新招引科技人才」的任务数为 -5，必须大于 0，未导入/u,
      /第 \d+ 行 D 列：金湖街道「规上企业新招引科技人才」的任务数为 0，必须大于 0，未导入/u,
      /第 \d+ 行 E 列：保安镇「规上企业新招引科技人才」的实绩数为 -3，不能为负数，未导入/u,
      /第 \d+ 行 E 列：灵乡镇「规上企业新招引科技人才」的实绩数“abc”不是数字/u,
      /第 \d+ 行 E 列：刘仁八镇「规上企业新招引科技人才」的实绩数为 1e\+300，超出合理范围/u,
    ]) expect(text).toMatch(words);
    expect(await page.getByRole('table', { name: '将要修改的数据' }).count()).toBe(0);
    const confirm = dialog.getByRole('button', { name: '确认导入' });
    if (await confirm.isEnabled()) await confirm.click();
    else await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitSaved(page);
    const lrb = (await tableRows(page, '考核结果')).find((r) => r[1] === '刘仁八镇')!;
    expect(lrb[2]).toBe('77.59');
    await openEntry(page);
    expect(await cellText(page, 'lrb', 'talent', 'actual')).not.toMatch(/e\+/u);
    expect(await cellText(page, 'cg', 'talent', 'target')).toBe('4.25');
  });

  it('case 8: an imported 任务数 of 5e-324 is refused in the preview; 导出 Excel still works and holds the stored target', async () => {
    const page = await app();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('考核得分明细');
    ws.addRow(['序号', '乡镇', '指标名称', '目标任务数', '完成任务数', '目标分值', '考核得分', '总得分', '备注']);
    ws.addRow([1, '临空区·还地桥镇', '规上企业研发人员', 5e-324, 860, 5, null, null, null]);
    await page.getByLabel('导入 Excel', { exact: true }).setInputFiles(file('研发人员.xlsx', new Uint8Array(await wb.xlsx.writeBuffer())));
    const dialog = page.getByRole('dialog', { name: '导入预览' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('第 2 行 D 列：临空区·还地桥镇「规上企业研发人员」的任务数为 5e-324，太小：按该指标的 0 位小数会显示为 0（至少应为 0.5），未导入。');
    const confirm = dialog.getByRole('button', { name: '确认导入' });
    if (await confirm.isEnabled()) await confirm.click();
    else await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
    const out = await downloadOf(page, () => page.getByRole('button', { name: '导出 Excel' }).click());
    const rows = XLSX.utils.sheet_to_json<string[]>(XLSX.read(out.bytes, { type: 'buffer' }).Sheets['附件2']!, { header: 1, raw: false, range: 5 });
    expect(rows.find((r) => r[1] === '临空区·还地桥镇')?.[3]).not.toMatch(/e-/u);
    expect((await page.getByTestId('message').allTextContents()).join()).not.toContain('意外的错误');
  });

  it('an inline handler injected into the page does not run; the app starts from file:// under that policy', async () => {
    const page = await app();
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(policy).toMatch(/script-src 'sha256-[^']+'( 'sha256-[^']+')*;/u);
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/u);
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.__injected = 1"><div onclick="window.__injected = 2" id="probe">x</div>'));
    await page.locator('#probe').click();
    // The image has failed to load (its onerror would have run by then).
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>('img[src="data:,"]')?.complete === true);
    await frames(page);
    expect(await page.evaluate(() => (window as { __injected?: number }).__injected)).toBeUndefined();
    expect((await tableRows(page, '考核结果'))[0]!.slice(0, 3)).toEqual(['1', '高新区', '85.06']);
  });
});
