/**
 * The city's year plan as a staffer keeps it (issue 29), over file://: a 2024 一季度 with three
 * townships' 入库 figures typed, seed 001's 附件1 pasted, the ledger against 25 % 序时进度, figures
 * and 进展 typed (a wrong one refused at its box), the 进展情况报告 exported as Word, the ledger as
 * Excel and read back with nothing refused.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { docxText } from '../support/docx';
import { downloadOf, freshApps, hasBrowser, openApp, openEntry, revealCell, waitSaved } from './browser';

const app = freshApps(afterEach);
const SEED = readFileSync(new URL('../fixtures/seed001-indicators.txt', import.meta.url), 'utf8');

const row = (page: Page, name: string) => page.locator(`table.plan-ledger tr[data-task="${name}"]`);
const cells = async (page: Page, name: string) => (await row(page, name).locator('td').allInnerTexts()).map((t) => t.trim());

async function new2024Q1(page: Page) {
  await page.locator('header summary', { hasText: '管理' }).click();
  await page.getByRole('button', { name: '新增考核期…' }).click();
  const dialog = page.getByRole('dialog', { name: '新增考核期' });
  await dialog.getByRole('textbox', { name: '年份' }).fill('2024');
  await dialog.getByRole('combobox', { name: '季度' }).selectOption({ label: '一季度' });
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect.poll(() => page.getByRole('combobox', { name: '考核期' }).locator('option:checked').textContent()).toBe('2024年一季度');
}

describe.skipIf(!hasBrowser)('the year plan, as a staffer keeps it', () => {
  it('附件1 pasted into 2024 一季度, followed against 序时进度, the report in Word, the ledger in Excel read back', async () => {
    const page = await app();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await new2024Q1(page);
    // Three townships' 科技型中小企业入库 to date: 150 + 30 + 20 = 200.
    await openEntry(page);
    for (const [unit, n] of [['gxq', '150'], ['cg', '30'], ['jh', '20']] as const) {
      await (await revealCell(page, unit, 'tech_sme', 'actual')).click();
      await page.keyboard.type(n);
      await page.keyboard.press('Enter');
    }
    await waitSaved(page);

    await page.getByRole('tab', { name: '年度计划' }).click();
    await page.getByTestId('plan-empty').waitFor();
    await page.getByRole('button', { name: '粘贴计划表' }).click();
    await page.evaluate((t) => navigator.clipboard.writeText(t), SEED);
    await page.getByRole('textbox', { name: '计划表内容' }).click();
    await page.keyboard.press('Control+V');
    await expect.poll(() => page.getByTestId('plan-preview-summary').textContent()).toBe('《2024年科技创新赋能专项行动指标任务》：12 项任务。');
    const previewRows = await page.getByRole('table', { name: '将要录入的年度任务' }).locator('tbody tr').allInnerTexts();
    expect(previewRows[8]!.split('\t').map((c) => c.trim())).toEqual(['9', '引领发展', '入库科技型中小企业数', '818家', '总量（按序时进度）', '科技型中小企业入库数']);
    expect(previewRows[1]!.split('\t').map((c) => c.trim())).toEqual(['2', '创新体系', '规上企业研发经费投入增长率', '8%', '增速（不按时间折算）', '']);
    await page.getByRole('button', { name: '确认录入' }).click();
    await page.getByRole('dialog', { name: '年度计划预览' }).waitFor({ state: 'detached' });

    // 入库 adds up the townships: 200 / 818 = 24.45 %, behind 25 % by 0.55 points — red, counted.
    await expect.poll(() => cells(page, '入库科技型中小企业数')).toContain('24.45%');
    const sme = await cells(page, '入库科技型中小企业数');
    expect(sme[4]).toBe('200家\n3 个乡镇“科技型中小企业入库数”之和（11 个未报）');
    expect(sme[6]).toBe('-0.55（落后序时进度 0.55 个百分点）');
    expect(await row(page, '入库科技型中小企业数').getAttribute('class')).toContain('behind');
    expect(await page.getByTestId('plan-summary').textContent()).toBe('《2024年科技创新赋能专项行动指标任务》共 12 项任务，2024年一季度已填报 1 项；序时进度 25%；1 项落后（红色）。');

    // A share of 300 % and "abc" are refused at the box, naming it; nothing is kept.
    const share = page.getByRole('textbox', { name: '本级财政科技支出占公共财政支出比例比重 截至本期' });
    await share.fill('300');
    await share.press('Enter');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '截至本期为 300，不能大于 100' }).count()).toBe(1);
    await share.fill('abc');
    await share.press('Enter');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '截至本期“abc”不是数字' }).count()).toBe(1);
    await share.press('Escape');
    // Figures and 进展 as typed: 净增高企 20 of 67 (29.85 %, ahead), 研发经费增长 9 % (above its 8 %).
    const hitech = page.getByRole('textbox', { name: '净增高新技术企业 截至本期' });
    await hitech.fill('20');
    await hitech.press('Enter');
    await page.getByRole('textbox', { name: '净增高新技术企业 进展' }).fill('一是召开高企培训会 2 场。\n二是组织 45 家企业开展申报。');
    await page.getByRole('textbox', { name: '规上企业研发经费投入增长率 截至本期' }).fill('9%');
    await page.getByRole('textbox', { name: '规上企业研发经费投入增长率 截至本期' }).press('Enter');
    await page.getByRole('textbox', { name: '净增高新技术企业 责任科室' }).fill('高新科');
    await page.getByRole('textbox', { name: '净增高新技术企业 责任科室' }).press('Enter');
    await expect.poll(() => cells(page, '净增高新技术企业')).toContain('+4.85（超序时进度 4.85 个百分点）');
    await expect.poll(() => cells(page, '规上企业研发经费投入增长率')).toContain('高于目标');
    await waitSaved(page);
    expect(await page.getByRole('textbox', { name: '本级财政科技支出占公共财政支出比例比重 截至本期' }).inputValue()).toBe('');

    // The report: its title, the headings carrying the figures, the 进展 under them, the signer.
    const headings = await page.locator('.report-heading').allTextContents();
    expect(headings).toEqual([
      '一、规上企业研发经费投入增长率，截至一季度末为9%（年度目标8%，高于目标）。',
      '二、净增高新技术企业，截至一季度末达20家，完成年度目标67家的29.85%，超序时进度4.85个百分点。（高新科）',
      '三、入库科技型中小企业数，截至一季度末达200家，完成年度目标818家的24.45%，落后序时进度0.55个百分点。',
    ]);
    const word = await downloadOf(page, () => page.getByRole('button', { name: '导出报告 Word' }).click());
    expect(word.name).toBe('大冶市科技局关于2024年科技创新行动主要目标任务一季度进展情况报告.docx');
    const paragraphs = docxText(await (await JSZip.loadAsync(word.bytes)).file('word/document.xml')!.async('string'));
    expect(paragraphs.slice(0, 1)).toEqual(['大冶市科技局关于2024年科技创新行动主要目标任务一季度进展情况报告']);
    expect(paragraphs).toEqual(expect.arrayContaining([...headings, '一是召开高企培训会 2 场。', '二是组织 45 家企业开展申报。', '大冶市科学技术局']));

    // The ledger in Excel, then read back from that file: nothing refused, nothing changed.
    const excel = await downloadOf(page, () => page.getByRole('button', { name: '导出台账 Excel' }).click());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(excel.bytes as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('年度任务台账')!;
    expect(ws.getCell('A1').value).toBe('2024年科技创新赋能专项行动指标任务完成情况');
    expect(ws.getRow(3).values).toEqual([undefined, '序号', '指标类型', '指标名称', '目标', '截至本期', '完成率/序时进度', '责任科室', '进展']);
    expect(ws.getRow(11).values).toEqual([undefined, 8, '引领发展', '高新技术产业增加值增速', '7%', '', '未填报', '', '']);
    expect(ws.getRow(10).values).toEqual([undefined, 7, '引领发展', '净增高新技术企业', '67家', '20家', '29.85%（超序时进度 4.85 个百分点）', '高新科', '一是召开高企培训会 2 场。\n二是组织 45 家企业开展申报。']);
    const before = await page.locator('table.plan-ledger tbody').innerText();
    await page.getByLabel('选择年度计划文件').setInputFiles({ name: excel.name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: excel.bytes });
    await expect.poll(() => page.getByTestId('plan-preview-summary').textContent()).toBe('《2024年科技创新赋能专项行动指标任务》：12 项任务，3 项任务带本期完成情况。');
    await page.getByRole('button', { name: '确认录入' }).click();
    await page.getByRole('dialog', { name: '年度计划预览' }).waitFor({ state: 'detached' });
    await waitSaved(page);
    expect(await page.locator('table.plan-ledger tbody').innerText()).toBe(before);

    // 目标分解 offers a linked task's target as the city total: 818家, and 35.32亿元 in the indicator's 万元.
    await page.getByRole('tab', { name: '目标分解' }).click();
    await page.getByRole('combobox', { name: '分解指标' }).selectOption({ label: '科技型中小企业入库数' });
    await page.getByRole('button', { name: '按年度计划：818家' }).click();
    expect(await page.getByRole('textbox', { name: '全市目标' }).inputValue()).toBe('818家');
    await expect.poll(() => page.getByTestId('decomposition-sum').textContent()).toBe('818');
    await page.getByRole('combobox', { name: '分解指标' }).selectOption({ label: '登记技术合同成交额' });
    await page.getByRole('button', { name: '按年度计划：35.32亿元' }).click();
    await expect.poll(() => page.getByTestId('decomposition-sum').textContent()).toBe('353200');
  });

  it('a figure being typed stays in its box while the ledger is redrawn by another window’s save, and Enter keeps it', async () => {
    const page = await app();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('tab', { name: '年度计划' }).click();
    await page.getByRole('button', { name: '粘贴计划表' }).click();
    await page.evaluate((t) => navigator.clipboard.writeText(t), SEED);
    await page.getByRole('textbox', { name: '计划表内容' }).click();
    await page.keyboard.press('Control+V');
    await page.getByRole('button', { name: '确认录入' }).click();
    await page.getByRole('dialog', { name: '年度计划预览' }).waitFor({ state: 'detached' });
    await waitSaved(page);
    const other = await openApp(page.context(), true);
    await other.getByRole('tab', { name: '年度计划' }).click();
    // Typed here, not yet kept; meanwhile the other window keeps a figure of another task.
    const growth = page.getByRole('textbox', { name: '规上企业研发经费投入增长率 截至本期' });
    await growth.click();
    await page.keyboard.type('9%');
    const there = other.getByRole('textbox', { name: '净增高新技术企业 截至本期' });
    await there.fill('20');
    await there.press('Enter');
    await waitSaved(other);
    await expect.poll(() => cells(page, '净增高新技术企业')).toContain('29.85%');
    expect(await growth.inputValue()).toBe('9%');
    await page.keyboard.press('Enter');
    await expect.poll(() => cells(page, '规上企业研发经费投入增长率')).toContain('高于目标');
  });
});
