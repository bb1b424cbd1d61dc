import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answer, cellText, freshApps, hasBrowser, openEntry, openWorkbookFile, tableRows, typeInto, waitSaved } from './browser';
import { sampleWorkbook } from '../../src/sample/daye-2023q1';
import { periodFrom } from '../../src/engine/workbook/periods';
import { scorePeriod } from '../../src/engine/scoring/score';
import { FILE_FORMAT, cellKey } from '../../src/model';
import { writeWorkbookFile } from '../../src/xlsx/workbookFile';

const app = freshApps(afterEach);
const rankingOf = async (page: Page, name: string) => {
  await page.getByRole('tab', { name: '总览（考核结果）' }).click();
  await page.getByRole('table', { name: '考核结果' }).waitFor();
  return (await tableRows(page, '考核结果')).find((r) => r[1] === name);
};

describe.skipIf(!hasBrowser)('workbooks, periods, rules and versions through the UI', () => {
  it('says plainly that storage is best-effort from file://', async () => {
    const page = await app();
    await expect.poll(() => page.getByRole('note').textContent()).toContain('尽力保存');
    expect(await page.getByRole('note').textContent()).toContain('保存为文件放到共享盘');
    // Closed once, it stays closed on the next open (it came back every time, over the totals).
    await page.getByRole('button', { name: '关闭存储提示' }).click();
    expect(await page.getByRole('note').count()).toBe(0);
    await page.reload();
    await page.getByRole('table', { name: '考核结果' }).waitFor();
    await page.getByTestId('file-state').waitFor();
    expect(await page.getByRole('note').count()).toBe(0);
    // The top bar still says the workbook is not in a file.
    expect(await page.getByTestId('file-state').textContent()).toBe('未保存到文件');
  });

  it('the rule editor shows the scheme total; changing points rescores, Ctrl+Z restores', async () => {
    const page = await app();
    await page.getByRole('tab', { name: '规则' }).click();
    await expect.poll(() => page.getByTestId('scheme-points').textContent()).toContain('方案总分值 85 分');
    const points = page.getByRole('textbox', { name: '分值' }).nth(5); // 科学研究与技术服务企业进规数, 10 分
    await points.fill('0');
    await points.press('Enter');
    await waitSaved(page);
    await expect.poll(() => page.getByTestId('scheme-points').textContent()).toContain('方案总分值 75 分');
    expect(await rankingOf(page, '高新区')).toEqual(['1', '高新区', '96.40', '85.06', '']);
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+Z');
    await waitSaved(page);
    await expect.poll(async () => (await rankingOf(page, '高新区'))?.[2]).toBe('85.06');
    // A new rule kind for an indicator: 新招引科技人才 from proportional to threshold.
    await page.getByRole('tab', { name: '规则' }).click();
    await page.getByRole('combobox', { name: '计分方法' }).nth(9).selectOption('threshold');
    await waitSaved(page);
    // 陈贵镇 4 of 4.25 now scores 0 instead of 4.7059: (72.0559 − 4.7059) × 100 / 85 = 79.235 → 79.24
    await expect.poll(async () => (await rankingOf(page, '陈贵镇'))?.[2]).toBe('79.24');
  });

  it('creates 2024年一季度 in one step from 2023年一季度: same units, indicators and targets, actuals empty', async () => {
    const page = await app();
    const periods = page.getByRole('combobox', { name: '考核期' });
    // A rare action: in the period's 管理 menu (the top bar stays one line).
    await page.locator('header summary', { hasText: '管理' }).click();
    await page.getByRole('button', { name: '新增考核期…' }).click();
    const dialog = page.getByRole('dialog', { name: '新增考核期' });
    // Offered: the quarter after the selected one, copied from it.
    expect(await dialog.getByRole('textbox', { name: '年份' }).inputValue()).toBe('2023');
    expect(await dialog.getByRole('combobox', { name: '季度' }).inputValue()).toBe('2');
    await dialog.getByRole('textbox', { name: '年份' }).fill('2024');
    await dialog.getByRole('combobox', { name: '季度' }).selectOption({ label: '一季度' });
    expect(await dialog.getByRole('combobox', { name: '复制自' }).locator('option:checked').textContent()).toBe('2023年一季度');
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => periods.locator('option').allTextContents()).toEqual(['2023年一季度', '2024年一季度']);
    expect(await periods.locator('option:checked').textContent()).toBe('2024年一季度');
    await openEntry(page);
    expect(await cellText(page, 'gxq', 'rd_investment', 'target')).toBe('130000');
    expect(await cellText(page, 'gxq', 'rd_investment', 'actual')).toBe('');
    expect(await cellText(page, 'lx', 'rd_service_revenue', 'target')).toBe('/');

    // The same quarter again is refused in the dialog, in Chinese, and nothing is added.
    await page.locator('header summary', { hasText: '管理' }).click();
    await page.getByRole('button', { name: '新增考核期…' }).click();
    await dialog.getByRole('textbox', { name: '年份' }).fill('2024');
    await dialog.getByRole('combobox', { name: '季度' }).selectOption({ label: '一季度' });
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('本工作簿已有 2024年一季度，未改动。如需同一时间的第二个考核期，请另起名称。');
    await dialog.getByRole('button', { name: '取消' }).click();

    // 改期: made for the wrong quarter, moved to 2023年四季度; Ctrl+Z moves it back.
    await page.locator('header summary', { hasText: '管理' }).click();
    await page.getByRole('button', { name: '改期…' }).click();
    const move = page.getByRole('dialog', { name: '改期：2024年一季度' });
    await move.getByRole('textbox', { name: '年份' }).fill('2023');
    await move.getByRole('combobox', { name: '季度' }).selectOption({ label: '四季度' });
    await move.getByRole('button', { name: '确定' }).click();
    await move.waitFor({ state: 'detached' });
    await waitSaved(page);
    await expect.poll(() => periods.locator('option').allTextContents()).toEqual(['2023年一季度', '2023年四季度']);
    await page.getByRole('button', { name: '撤销' }).click();
    await waitSaved(page);
    await expect.poll(() => periods.locator('option').allTextContents()).toEqual(['2023年一季度', '2024年一季度']);

    await periods.selectOption({ label: '2023年一季度' });
    await expect.poll(() => cellText(page, 'gxq', 'rd_investment', 'actual')).toBe('132585.2');
    // After a reload, in time order still.
    await page.reload();
    await expect.poll(() => page.getByRole('combobox', { name: '考核期' }).locator('option').allTextContents()).toEqual(['2023年一季度', '2024年一季度']);

    // Delete 2024年一季度: asked first, kept as a version, restorable from 版本.
    await page.getByRole('combobox', { name: '考核期' }).selectOption({ label: '2024年一季度' });
    // Two deletions below are confirmed (one listener: a second would answer the same dialog again).
    answer(page, true, true);
    await page.locator('header summary', { hasText: '管理' }).click();
    await page.getByRole('button', { name: '删除本考核期…' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: '考核期' }).locator('option').allTextContents()).toEqual(['2023年一季度']);
    expect(await page.getByTestId('deleted-period').textContent()).toContain('已删除考核期 2024年一季度。删除前的工作簿已自动保存为版本');
    // 撤销删除: the period comes back with its targets; then deleted again.
    await page.getByRole('button', { name: '撤销删除' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: '考核期' }).locator('option').allTextContents()).toEqual(['2023年一季度', '2024年一季度']);
    expect(await page.getByRole('combobox', { name: '考核期' }).locator('option:checked').textContent()).toBe('2024年一季度');
    await openEntry(page);
    expect(await cellText(page, 'gxq', 'rd_investment', 'target')).toBe('130000');
    await page.locator('header summary', { hasText: '管理' }).click();
    await page.getByRole('button', { name: '删除本考核期…' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: '考核期' }).locator('option').allTextContents()).toEqual(['2023年一季度']);
    // The only period left cannot be deleted.
    await page.locator('header summary', { hasText: '管理' }).click();
    expect(await page.getByRole('button', { name: '删除本考核期…' }).isDisabled()).toBe(true);
    await page.locator('header summary', { hasText: '管理' }).click();
    await page.getByRole('tab', { name: '版本' }).click();
    await expect.poll(async () => (await tableRows(page, '版本列表')).map((r) => r[0])).toContain('删除2024年一季度之前自动保存（自动）');
  });

  it('a monthly period and a period with a name of its own, from the same dialog', async () => {
    const page = await app();
    const periods = page.getByRole('combobox', { name: '考核期' });
    const dialog = page.getByRole('dialog', { name: '新增考核期' });
    await page.locator('header summary', { hasText: '管理' }).click();
    await page.getByRole('button', { name: '新增考核期…' }).click();
    await dialog.getByRole('textbox', { name: '年份' }).fill('2024');
    await dialog.getByRole('combobox', { name: '考核期类型' }).selectOption({ label: '月份' });
    await dialog.getByRole('combobox', { name: '月份' }).selectOption({ label: '1月' });
    expect(await dialog.getByTestId('period-shown-as').textContent()).toBe('将显示为：2024年1月');
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => periods.locator('option').allTextContents()).toEqual(['2023年一季度', '2024年1月']);
    await openEntry(page);
    expect(await cellText(page, 'gxq', 'rd_investment', 'target')).toBe('130000');
    // A name of its own: listed by it (after 2024年1月: it ends with 一季度), and the bulletin's titles use it.
    await page.locator('header summary', { hasText: '管理' }).click();
    await page.getByRole('button', { name: '新增考核期…' }).click();
    await dialog.getByRole('combobox', { name: '考核期类型' }).selectOption({ label: '季度' });
    await dialog.getByRole('textbox', { name: '年份' }).fill('2024');
    await dialog.getByRole('combobox', { name: '季度' }).selectOption({ label: '一季度' });
    await dialog.getByRole('textbox', { name: '考核期名称' }).fill('2024年“开门红”');
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => periods.locator('option').allTextContents()).toEqual(['2023年一季度', '2024年1月', '2024年“开门红”']);
    await page.getByRole('tab', { name: '总览（考核结果）' }).click();
    await expect.poll(() => page.locator('main h2.title').first().textContent()).toBe('大冶市2024年科技创新行动一季度“开门红”考核结果(乡镇)');
  });

  it('总览 shows each unit\'s move against the period before (↑1, ↓1, —)', async () => {
    // A workbook file with 2023年一季度 and a 二季度 where 刘仁八镇's 科小 actual rose to 18 (8th → 7th).
    const wb = sampleWorkbook();
    const q1 = wb.periods[0]!;
    const q2 = periodFrom(q1, 'daye-2023-q2', 2023, 2);
    for (const [key, cell] of Object.entries(q1.cells)) q2.cells[key] = structuredClone(cell);
    q2.cells[cellKey('lrb', 'tech_sme')] = { ...q2.cells[cellKey('lrb', 'tech_sme')]!, actual: 18 };
    wb.periods.push(q2);
    const before = scorePeriod(q1);
    const after = scorePeriod(q2);
    const path = join(mkdtempSync(join(tmpdir(), 'kaohe-two-')), '两期.xlsx');
    writeFileSync(path, await writeWorkbookFile({ format: FILE_FORMAT, formatVersion: 2, savedAt: new Date().toISOString(), workbook: wb, snapshots: [] }));

    const page = await app();
    await openWorkbookFile(page, path, '替换');
    await expect.poll(() => page.getByTestId('message').textContent()).toContain('已打开文件');
    await page.getByRole('combobox', { name: '考核期' }).selectOption({ label: '2023年二季度' });
    const table = page.getByRole('table', { name: '考核结果' });
    await expect.poll(() => table.locator('thead th').allTextContents()).toContain('较2023年一季度');
    const rows = await tableRows(page, '考核结果');
    const col = (await table.locator('thead th').allTextContents()).indexOf('较2023年一季度');
    const change = (name: string) => rows.find((r) => r[1] === name)![col];
    expect(change('刘仁八镇')).toBe('↑1');
    // Everyone's mark is the engine's: up, down, the same, or none for a unit without a rank.
    for (const u of after.units) {
      const was = before.unitResult(u.unitId)?.rank ?? null;
      const name = q2.units.find((x) => x.id === u.unitId)!.name;
      const expected = u.rank === null || was === null ? '' : was > u.rank ? `↑${was - u.rank}` : was < u.rank ? `↓${u.rank - was}` : '—';
      expect(change(name), name).toBe(expected);
    }
    expect(rows.filter((r) => r[col] === '↓1')).toHaveLength(1);
    // 考核得分明细: the same move under 刘仁八镇's total.
    await page.getByRole('tab', { name: '考核得分明细' }).click();
    const lrbTotal = after.unitResult('lrb')!.totalRounded!;
    await expect
      .poll(() => page.locator('tbody[data-unit="lrb"] [data-testid="detail-rank-change"]').textContent())
      .toBe(`第7名 ↑1（+${(Math.round((lrbTotal - before.unitResult('lrb')!.totalRounded!) * 100) / 100).toFixed(2)}）`);
    // 图表 › 名次变化: 刘仁八镇 8th then 7th, drawn.
    await page.getByRole('tab', { name: '图表' }).click();
    await page.getByRole('combobox', { name: '名次变化单位' }).selectOption({ label: '刘仁八镇' });
    await expect.poll(() => page.getByTestId('rank-history').textContent()).toBe(`2023年一季度：第 8 名（77.59）；2023年二季度：第 7 名（${lrbTotal.toFixed(2)}） ↑1`);
    expect(await page.getByRole('img', { name: '名次变化折线图' }).isVisible()).toBe(true);
    // The first period has nothing to compare with: no column.
    await page.getByRole('combobox', { name: '考核期' }).selectOption({ label: '2023年一季度' });
    await expect.poll(() => table.locator('thead th').allTextContents()).not.toContain('较2023年一季度');
  });

  it('saves a named version and restores it', async () => {
    const page = await app();
    await page.getByRole('tab', { name: '版本' }).click();
    await page.getByRole('textbox', { name: '版本名称' }).fill('一季度定稿');
    await page.getByRole('button', { name: '保存版本' }).click();
    await expect.poll(() => tableRows(page, '版本列表').then((r) => r.map((x) => x[0]))).toEqual(['一季度定稿']);
    await openEntry(page);
    await typeInto(page, 'gxq', 'talent', 'actual', '1');
    await waitSaved(page);
    await expect.poll(() => cellText(page, 'gxq', 'talent', 'actual')).toBe('1');
    await page.getByRole('tab', { name: '版本' }).click();
    answer(page, true);
    await page.getByRole('row', { name: /一季度定稿/ }).getByRole('button', { name: '恢复' }).click();
    await expect.poll(() => page.getByTestId('message').textContent()).toContain('已恢复');
    await openEntry(page);
    await expect.poll(() => cellText(page, 'gxq', 'talent', 'actual')).toBe('156');
    await page.getByRole('tab', { name: '版本' }).click();
    await expect.poll(() => tableRows(page, '版本列表').then((r) => r.map((x) => x[0]))).toEqual(['恢复“一季度定稿”之前自动保存（自动）', '一季度定稿']);
  });

  it('renames, duplicates and deletes workbooks', async () => {
    const page = await app();
    const picker = page.getByRole('combobox', { name: '工作簿' });
    answer(page, '2023 年考核', '2023 年考核 试算', true);
    await page.getByText('工作簿操作').click();
    await page.getByRole('button', { name: '重命名…' }).click();
    await expect.poll(() => picker.locator('option').allTextContents()).toEqual(['2023 年考核']);
    await page.getByText('工作簿操作').click();
    await page.getByRole('button', { name: '复制…' }).click();
    await expect.poll(() => picker.locator('option').allTextContents().then((o) => o.sort())).toEqual(['2023 年考核', '2023 年考核 试算']);
    await expect.poll(async () => (await picker.locator('option:checked').textContent())?.trim()).toBe('2023 年考核 试算');
    expect((await rankingOf(page, '高新区'))?.[2]).toBe('85.06');
    await page.getByText('工作簿操作').click();
    await page.getByRole('button', { name: '删除…' }).click();
    await expect.poll(() => picker.locator('option').allTextContents()).toEqual(['2023 年考核']);
  });
});
