/**
 * Planning the year (issue 21) through the UI, over file://: entry boxes that keep every keystroke,
 * weights pasted by name, growth targets, the 目标分解表 as the plan prints it.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { freshApps, hasBrowser, tableRows, waitSaved } from './browser';

const app = freshApps(afterEach);

/** Seed 001's 科技型中小企业入库 column, in the plan's own order (its names, as printed). */
const SEED001_SME: [string, number][] = [
  ['大冶湖高新区', 137], ['临空区•还地桥镇', 28], ['灵乡镇', 23], ['陈贵镇', 23], ['金湖街道', 17], ['保安镇', 15], ['大箕铺镇', 13],
  ['金山店镇', 10], ['金牛镇', 6], ['东岳街道', 7], ['刘仁八镇', 7], ['殷祖镇', 6], ['茗山乡', 6], ['东风农场', 2],
];
/** The same townships as the workbook names them (the sample's full names). */
const seedOf = (name: string) => SEED001_SME.find(([n]) => n.replace('•', '·') === name.replace('•', '·') || (n === '大冶湖高新区' && name.includes('高新区')))?.[1];

async function typedWeights(page: Page) {
  await page.getByRole('tab', { name: '目标分解' }).click();
  await page.getByRole('combobox', { name: '分解指标' }).selectOption({ label: '科技型中小企业入库数' });
  await page.getByRole('textbox', { name: '全市目标' }).fill('300');
  await page.getByRole('combobox', { name: '分解依据' }).selectOption({ label: '按输入的权重' });
  await page.getByRole('table', { name: '目标分解表' }).waitFor();
  return (await tableRows(page, '目标分解表')).slice(0, -1).map((r) => r[1]!);
}

describe.skipIf(!hasBrowser)('planning the year, over file://', () => {
  it('14 weights typed by clicking each box in turn are all kept, and so are 14 typed with Tab', async () => {
    const page = await app();
    const names = await typedWeights(page);
    expect(names).toHaveLength(14);
    // Click a box, type, click the next: every keystroke stays where it was typed.
    for (const name of names) {
      await page.getByRole('textbox', { name: `${name} 权重` }).click();
      await page.keyboard.type(String(seedOf(name)));
    }
    await page.keyboard.press('Tab');
    for (const name of names) expect(await page.getByRole('textbox', { name: `${name} 权重` }).inputValue(), name).toBe(String(seedOf(name)));
    // The weights are seed 001's parts of 300: each township gets exactly its weight.
    await expect.poll(async () => (await tableRows(page, '目标分解表')).slice(0, -1).map((r) => r[3])).toEqual(names.map((n) => String(seedOf(n))));
    expect((await tableRows(page, '目标分解表')).at(-1)).toEqual(['合计', '300']);

    // The scenario targets of 情景对比 the same way, with Tab from box to box, then Enter.
    await page.getByRole('tab', { name: '情景对比' }).click();
    await page.getByRole('textbox', { name: '情景名称' }).fill('开门红');
    await page.getByRole('button', { name: '新建情景' }).click();
    await waitSaved(page);
    await page.getByRole('combobox', { name: '情景指标' }).selectOption({ label: '科技型中小企业入库数' });
    const rows = page.getByRole('table', { name: '情景任务数' }).locator('tbody tr');
    const units = await rows.locator('td:first-child').allTextContents();
    await page.getByRole('textbox', { name: `${units[0]} 情景任务数` }).click();
    for (const [k, name] of units.entries()) {
      await page.keyboard.type(String(seedOf(name)));
      await page.keyboard.press(k === units.length - 1 ? 'Enter' : 'Tab');
    }
    await waitSaved(page);
    await expect.poll(async () => Promise.all(units.map((n) => page.getByRole('textbox', { name: `${n} 情景任务数` }).inputValue()))).toEqual(units.map((n) => String(seedOf(n))));
  });

  it('seed 001’s column pasted with its names in the plan’s order lands 14 of 14 on the right townships; a lone column only after its preview', async () => {
    const page = await app();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const names = await typedWeights(page);
    // As copied from the plan: 序号, 乡镇 and the column, with its header and 合计 (the plan lists 陈贵镇 before 金湖街道).
    const block = ['序号\t乡镇\t科技型中小企业入库(家)', ...SEED001_SME.map(([n, v], k) => `${k + 1}\t${n}\t${v}`), '合计\t\t300'].join('\r\n');
    await page.evaluate((t) => navigator.clipboard.writeText(t), block);
    await page.getByRole('textbox', { name: `${names[5]} 权重` }).click();
    await page.keyboard.press('Control+V');
    await page.getByTestId('message').filter({ hasText: '已按乡镇名称粘贴 14 个权重。' }).waitFor();
    expect(await page.getByTestId('message').textContent()).not.toContain('没有给出');
    await expect.poll(async () => (await tableRows(page, '目标分解表')).slice(0, -1).map((r) => [r[1], r[3]])).toEqual(names.map((n) => [n, String(seedOf(n))]));
    // The box pasted into (it keeps the cursor) shows what it now holds, as the others do (it showed '').
    const focused = page.getByRole('textbox', { name: `${names[5]} 权重` });
    expect(await focused.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await focused.inputValue()).toBe(String(seedOf(names[5]!)));

    // Without names: nothing changes until the preview, listing every township with its value, is confirmed.
    await page.evaluate(() => navigator.clipboard.writeText('1\r\n2\r\n3\r\n'));
    await page.getByRole('textbox', { name: `${names[0]} 权重` }).click();
    await page.keyboard.press('Control+V');
    const preview = page.getByRole('dialog', { name: '按顺序粘贴' });
    await preview.waitFor();
    expect(await tableRows(page, '按顺序粘贴预览')).toEqual([[names[0], '1'], [names[1], '2'], [names[2], '3']]);
    expect(await page.getByRole('textbox', { name: `${names[0]} 权重` }).inputValue()).toBe('137');
    await preview.getByRole('button', { name: '确认粘贴' }).click();
    await expect.poll(async () => Promise.all(names.slice(0, 4).map((n) => page.getByRole('textbox', { name: `${n} 权重` }).inputValue()))).toEqual(['1', '2', '3', String(seedOf(names[3]!))]);
  });

  it('研发人员 by growth: 2023年一季度 实绩数 × 1.05 rounded down gives seed 001’s column, 14 of 14, 合计 8 750', async () => {
    const page = await app();
    await page.getByRole('tab', { name: '目标分解' }).click();
    await page.getByRole('combobox', { name: '分解指标' }).selectOption({ label: '规上企业研发人员' });
    await page.getByRole('combobox', { name: '分解依据' }).selectOption({ label: '按同期增长（上年同期 ×（1 + 增长率））' });
    await page.getByRole('combobox', { name: '依据的考核期' }).selectOption({ label: '2023年一季度' });
    await page.getByRole('textbox', { name: '增长率' }).fill('5');
    await page.getByRole('textbox', { name: '增长率' }).press('Enter');
    await expect.poll(() => page.getByTestId('decomposition-basis').textContent()).toBe('分解依据：按2023年一季度同期实绩数增长 5%，向下取整到整数，合计为各单位之和。');
    const rows = await tableRows(page, '目标分解表');
    // Seed 001's 规上企业研发人员(人), in the sample's order of townships.
    expect(rows.slice(0, -1).map((r) => [r[1], r[2]])).toEqual([
      ['大冶湖高新区', '5162'], ['临空区·还地桥镇', '746'], ['灵乡镇', '533'], ['金湖街道', '792'], ['陈贵镇', '530'], ['保安镇', '274'], ['金山店镇', '400'],
      ['大箕铺镇', '187'], ['殷祖镇', '32'], ['刘仁八镇', '25'], ['金牛镇', '28'], ['东岳街道', '18'], ['东风农场', '12'], ['茗山乡', '11'],
    ]);
    expect(rows.at(-1)).toEqual(['合计', '8750']);
    await page.getByRole('button', { name: '作为情景应用' }).click();
    await waitSaved(page);
    await page.getByTestId('decomposition-applied').waitFor();
  });

  it('seed 001’s five-column 开门红 table rebuilt from the sample: pasted weights, growth, 技术合同 in 亿元, the plan’s row order and date — exported and read back, 70 of 70', async () => {
    const page = await app();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const seed = readFileSync(new URL('../fixtures/seed001-decomposition.txt', import.meta.url), 'utf8').split('\n').filter((l) => /^\d+ \|/.test(l)).map((l) => l.split('|').map((c) => c.trim()));
    const planNames = seed.map((c) => c[1]!);
    const column = (k: number) => seed.map((c) => `${c[1]}\t${c[2 + k]}`).join('\r\n');
    const started = Date.now();
    let steps = 0;
    const step = async <T,>(p: Promise<T>) => (steps++, p);
    await step(page.getByRole('tab', { name: '目标分解' }).click());
    // Four columns split from the plan's totals by its own figures as weights, pasted with the names.
    for (const [label, total, k, sum] of [['科技型中小企业入库数', '300', 0, '300'], ['登记技术合同成交额', '100000', 1, '100000'], ['规上企业研发投入', '255820', 2, '255820.0'], ['规上企业新产品销售收入', '380.5', 4, '380.50']] as const) {
      await step(page.getByRole('combobox', { name: '分解指标' }).selectOption({ label }));
      await step(page.getByRole('textbox', { name: '全市目标' }).fill(total));
      await step(page.getByRole('combobox', { name: '分解依据' }).selectOption({ label: '按输入的权重' }));
      await page.evaluate((t) => navigator.clipboard.writeText(t), column(k));
      await step(page.locator('input[data-column="weight"]').first().click());
      await step(page.keyboard.press('Control+V'));
      await page.getByTestId('message').filter({ hasText: '已按乡镇名称粘贴 14 个权重。' }).waitFor();
      await expect.poll(() => page.getByTestId('decomposition-sum').textContent()).toBe(sum);
      await step(page.getByRole('button', { name: '作为情景应用' }).click());
      await waitSaved(page);
    }
    // 研发人员 by growth on 2023年一季度.
    await step(page.getByRole('combobox', { name: '分解指标' }).selectOption({ label: '规上企业研发人员' }));
    await step(page.getByRole('combobox', { name: '分解依据' }).selectOption({ label: '按同期增长（上年同期 ×（1 + 增长率））' }));
    await step(page.getByRole('textbox', { name: '增长率' }).fill('5'));
    await step(page.getByRole('textbox', { name: '增长率' }).press('Enter'));
    await expect.poll(() => page.getByTestId('decomposition-sum').textContent()).toBe('8750');
    await step(page.getByRole('button', { name: '作为情景应用' }).click());
    await waitSaved(page);
    // The table as the plan prints it.
    await step(page.getByRole('combobox', { name: '登记技术合同成交额 显示单位' }).selectOption('亿元'));
    await page.evaluate((t) => navigator.clipboard.writeText(t), ['乡镇', ...planNames].join('\r\n'));
    await step(page.getByRole('textbox', { name: '行顺序' }).click());
    await step(page.keyboard.press('Control+V'));
    await step(page.getByRole('textbox', { name: '分解表表名' }).fill('2024年科技创新赋能行动“开门红”目标分解表'));
    await step(page.getByRole('textbox', { name: '分解表日期' }).fill('2024年1月'));
    await step(page.getByRole('textbox', { name: '分解表日期' }).press('Enter'));
    await expect.poll(() => page.getByTestId('multi-decomposition-date').textContent()).toBe('2024年1月');
    const shown = await tableRows(page, '多指标分解表');
    expect(shown.slice(0, -1).map((r) => r[1])).toEqual(planNames.map((n) => n.replace('•', '·')));
    // As seed 001 prints them: 120000 and 198, not 120000.0 and 198.00; 技术合同 in 亿元 padded (5.50).
    expect(shown[0]!.slice(2)).toEqual(['137', '5.50', '120000', '5162', '198']);
    expect(shown.at(-1)!.slice(1)).toEqual(['300', '10', '255820', '8750', '380.5']);
    const [d] = await Promise.all([page.waitForEvent('download'), step(page.getByRole('button', { name: '导出 Excel' }).last().click())]);
    const seconds = (Date.now() - started) / 1000;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await d.path())!) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('目标分解表')!;
    expect(ws.getCell('A1').value).toBe('2024年科技创新赋能行动“开门红”目标分解表');
    expect(ws.getCell('A2').value).toBe('2024年1月');
    expect(ws.getRow(3).values).toEqual([undefined, '序号', '乡镇', '科技型中小企业入库数(家)', '登记技术合同成交额(亿元)', '规上企业研发投入(万元)', '规上企业研发人员(人)', '规上企业新产品销售收入(亿元)']);
    // Every figure of seed 001's table, in its order: 14 rows × 5 columns.
    const read = seed.map((_, k) => [3, 4, 5, 6, 7].map((c) => ws.getCell(4 + k, c).value));
    expect(read).toEqual(seed.map((c) => c.slice(2, 7).map(Number)));
    expect([4, 5, 7].map((c) => ws.getCell(4, c).numFmt ?? 'General')).toEqual(['0.00', 'General', 'General']);
    expect([18].map((r) => [3, 4, 5, 6, 7].map((c) => ws.getCell(r, c).value))).toEqual([[300, 10, 255820, 8750, 380.5]]);
    console.log(`seed 001’s table rebuilt: ${steps} steps, ${seconds.toFixed(1)} s`);
  });

  it('a cumulative period read against 序时进度: the 附件 and the ranking mark who is behind, the bulletin says it', async () => {
    const page = await app();
    await page.getByRole('tab', { name: '规则' }).click();
    await page.getByRole('checkbox', { name: '截至本期累计' }).check();
    await waitSaved(page);
    // The bureau's own 序时进度 (as if the year's targets were due): 100 %.
    await page.getByRole('textbox', { name: '序时进度' }).fill('100');
    await page.getByRole('textbox', { name: '序时进度' }).press('Enter');
    await waitSaved(page);
    await page.getByRole('tab', { name: '附件5', exact: true }).click();
    await expect.poll(() => page.getByTestId('time-progress').textContent()).toBe('截至本期累计，对照年度任务；序时进度 100%。');
    const rows = await tableRows(page, '各乡镇 2023 年技术合同成交额完成情况表');
    // 东岳街道: 960 of 1 500 = 64.00 %, 36 points behind.
    expect(rows.find((r) => r[1] === '东岳街道')?.slice(2)).toEqual(['960', '1500', '64.00%', '-36.00']);
    expect(await page.getByTestId('facts').textContent()).toContain('落后于序时进度：东岳街道');
    await page.getByRole('tab', { name: '总览（考核结果）' }).click();
    const ranking = await tableRows(page, '考核结果');
    expect(ranking.find((r) => r[1] === '东岳街道')).toContain('技术合同成交额');
    await page.getByRole('tab', { name: '通报' }).click();
    await expect.poll(() => page.getByTestId('bulletin-body').inputValue()).toContain('序时进度为 100%');
  });
});
