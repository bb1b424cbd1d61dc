import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { cellText, frames, freshApps, gridCell, hasBrowser, openEntry, revealCell, tableRows, waitSaved, waitWritten } from './browser';

const app = freshApps(afterEach);
const compareRow = async (page: Page, name: string) => (await tableRows(page, '情景对比')).find((r) => r[0] === name);

describe.skipIf(!hasBrowser)('what-if through the UI, over file://', () => {
  it('a scenario on one target: the comparison shows who falls and who rises; the baseline stays', async () => {
    const page = await app();
    await page.getByRole('tab', { name: '情景对比' }).click();
    await page.getByRole('textbox', { name: '情景名称' }).fill('大箕铺镇任务15');
    await page.getByRole('button', { name: '新建情景' }).click();
    await waitSaved(page);
    await page.getByRole('combobox', { name: '情景指标' }).selectOption({ label: '科技型中小企业入库数' });
    const input = page.getByRole('textbox', { name: '大箕铺镇 情景任务数' });
    await input.fill('15');
    await input.press('Enter');
    await waitSaved(page);
    await expect.poll(async () => (await compareRow(page, '大箕铺镇'))?.slice(0, 7)).toEqual(['大箕铺镇', '78.47', '6', '77.41', '8', '-1.06', '↓2']);
    expect((await compareRow(page, '金山店镇'))?.slice(3, 7)).toEqual(['78.24', '6', '+0.12', '↑1']);
    expect((await compareRow(page, '大箕铺镇'))?.[7]).toBe('科技型中小企业入库数 9.6→8.7');
    // Another target, then Tab: the drop-down still shows the indicator the table shows.
    const next = page.getByRole('textbox', { name: '金山店镇 情景任务数' });
    await next.fill('12');
    await next.press('Tab');
    await waitWritten(page);
    await page.locator('main[aria-busy="false"]').waitFor();
    await frames(page);
    expect(await page.getByRole('combobox', { name: '情景指标' }).locator('option:checked').textContent()).toBe('科技型中小企业入库数');
    expect(await page.getByRole('combobox', { name: '情景指标' }).evaluate((el: HTMLSelectElement) => el.options[el.selectedIndex]!.text)).toBe('科技型中小企业入库数');
    expect(await page.getByRole('textbox', { name: '金山店镇 情景任务数' }).inputValue()).toBe('12');
    await openEntry(page);
    expect(await cellText(page, 'djp', 'tech_sme', 'target')).toBe('11');
    expect(await cellText(page, 'djp', null, 'rank')).toBe('6');
  });

  it('six scenarios: the comparison shows the base and the newest, others as ticked; names on one line; the table scrolls in its frame at 125 %', async () => {
    const page = await app({ width: 1093, height: 615, scale: 1.25 });
    await page.getByRole('tab', { name: '情景对比' }).click();
    for (let k = 1; k <= 6; k++) {
      await page.getByRole('textbox', { name: '情景名称' }).first().fill(`目标分解：科技型中小企业入库数 ${800 + k}，按上期实绩数占比`);
      await page.getByRole('button', { name: '新建情景' }).click();
      await waitSaved(page);
    }
    const heads = async () => (await page.getByRole('table', { name: '情景对比' }).locator('thead th').allTextContents()).filter((t) => t.endsWith('总得分'));
    await expect.poll(heads).toEqual(['基准总得分', '目标分解：科技型中小企业入库数 806，按上期实绩数占比 总得分']);
    await page.getByRole('checkbox', { name: '对比情景 目标分解：科技型中小企业入库数 801，按上期实绩数占比' }).check();
    await expect.poll(heads).toEqual(['基准总得分', '目标分解：科技型中小企业入库数 801，按上期实绩数占比 总得分', '目标分解：科技型中小企业入库数 806，按上期实绩数占比 总得分']);
    // Township names on one line; the table scrolls inside its frame, the page itself does not.
    const first = page.getByRole('table', { name: '情景对比' }).locator('tbody tr').first().locator('td').first();
    const lineHeight = await first.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 18);
    expect((await first.boundingBox())!.height).toBeLessThan(lineHeight * 2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  });

  it('decomposes 818 科技型中小企业 over the units, 合计 818, and applies it as a scenario', async () => {
    const page = await app();
    await page.getByRole('tab', { name: '目标分解' }).click();
    await page.getByRole('combobox', { name: '分解指标' }).selectOption({ label: '科技型中小企业入库数' });
    await page.getByRole('textbox', { name: '全市目标' }).fill('818');
    await expect.poll(() => page.getByTestId('decomposition-sum').textContent()).toBe('818');
    const rows = await tableRows(page, '目标分解表');
    expect(rows[0]).toEqual(['1', '大冶湖高新区', '367']);
    expect(rows.at(-1)).toEqual(['合计', '818']);
    const parts = rows.slice(0, -1).map((r) => Number(r[2]));
    expect(parts.reduce((a, b) => a + b, 0)).toBe(818);
    await page.getByRole('button', { name: '作为情景应用' }).click();
    await waitSaved(page);
    // It stays on 目标分解 with its indicator (the next one is often next), and offers the way to 情景对比.
    await page.getByTestId('decomposition-applied').waitFor();
    expect(await page.getByRole('combobox', { name: '分解指标' }).locator('option:checked').textContent()).toBe('科技型中小企业入库数');
    await page.getByRole('button', { name: '到“情景对比”查看影响' }).click();
    await expect.poll(async () => (await tableRows(page, '情景列表'))[0]?.slice(3, 5)).toEqual(['目标分解：科技型中小企业入库数 818，按上期实绩数占比', '14']);
    // Back on 目标分解: the same indicator, the same total.
    await page.getByRole('tab', { name: '目标分解' }).click();
    expect(await page.getByRole('combobox', { name: '分解指标' }).locator('option:checked').textContent()).toBe('科技型中小企业入库数');
    expect(await page.getByRole('textbox', { name: '全市目标' }).inputValue()).toBe('818');
    // 设为本期任务数: each target listed old → new, then one step; Ctrl+Z takes it back.
    await page.getByRole('button', { name: '设为本期任务数' }).first().click();
    const dialog = page.getByRole('dialog', { name: '设为本期任务数' });
    await dialog.waitFor();
    const listed = await tableRows(page, '将要修改的任务数');
    expect(listed.find((r) => r[0] === '高新区')?.slice(2, 5)).toEqual(['任务数', '111', '367']);
    // Focus starts on 取消 (the safe choice); Esc would cancel.
    expect(await dialog.getByRole('button', { name: '取消' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await dialog.getByRole('button', { name: '确认修改任务数' }).click();
    await waitSaved(page);
    await openEntry(page);
    await expect.poll(() => gridCell(page, 'gxq', 'tech_sme', 'target').textContent()).toBe('367');
    await page.keyboard.press('Control+Z');
    await waitSaved(page);
    await expect.poll(() => gridCell(page, 'gxq', 'tech_sme', 'target').textContent()).toBe('111');
  });

  it('the 目标分解表 of five indicators (seed 001\'s columns): shown with the split just made, printed alone, exported styled', async () => {
    const page = await app();
    await page.getByRole('tab', { name: '目标分解' }).click();
    await page.getByRole('combobox', { name: '分解指标' }).selectOption({ label: '科技型中小企业入库数' });
    await page.getByRole('textbox', { name: '全市目标' }).fill('818');
    await expect.poll(() => page.getByTestId('decomposition-sum').textContent()).toBe('818');
    const split = (await tableRows(page, '目标分解表')).slice(0, -1).map((r) => Number(r[2]));
    await page.getByRole('button', { name: '作为情景应用' }).click();
    await waitSaved(page);
    // The title follows the typing (no Enter, no leaving the box), and is kept after a reload.
    await page.getByRole('textbox', { name: '分解表表名' }).click();
    await page.keyboard.type('2024年科技创新赋能行动“开门红”目标分解表');
    await expect.poll(() => page.getByTestId('multi-decomposition-title').textContent()).toBe('2024年科技创新赋能行动“开门红”目标分解表');
    await page.reload();
    await page.getByRole('tab', { name: '目标分解' }).click();
    await expect.poll(() => page.getByTestId('multi-decomposition-title').textContent()).toBe('2024年科技创新赋能行动“开门红”目标分解表');
    expect(await page.getByRole('textbox', { name: '分解表表名' }).inputValue()).toBe('2024年科技创新赋能行动“开门红”目标分解表');
    const shown = await tableRows(page, '多指标分解表');
    expect(shown[0]!.slice(0, 3)).toEqual(['1', '大冶湖高新区', String(split[0])]);
    expect(shown.at(-1)![0]).toBe('合计');
    expect(shown.at(-1)![1]).toBe('818');
    expect(await page.getByRole('table', { name: '多指标分解表' }).locator('thead th').allTextContents()).toEqual([
      '序号', '乡镇', '科技型中小企业入库数(家)', '登记技术合同成交额(万元)', '规上企业研发投入(万元)', '规上企业研发人员(人)', '规上企业新产品销售收入(亿元)',
    ]);
    // 打印此表: only this table is printed (the one-indicator form and table are hidden).
    await page.evaluate(() => document.body.classList.add('printing-decomposition'));
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('table', { name: '多指标分解表' }).isVisible()).toBe(true);
    expect(await page.getByRole('table', { name: '目标分解表', exact: true }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => document.body.classList.remove('printing-decomposition'));
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).last().click()]);
    expect(d.suggestedFilename()).toBe('2024年科技创新赋能行动“开门红”目标分解表.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await d.path())!) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('目标分解表')!;
    expect(ws.getCell('A1').value).toBe('2024年科技创新赋能行动“开门红”目标分解表');
    expect(ws.getRow(2).values).toEqual([undefined, '序号', '乡镇', '科技型中小企业入库数(家)', '登记技术合同成交额(万元)', '规上企业研发投入(万元)', '规上企业研发人员(人)', '规上企业新产品销售收入(亿元)']);
    expect([3, 4, 5].map((r) => ws.getCell(r, 3).value)).toEqual(split.slice(0, 3));
    expect(ws.getCell(17, 1).value).toBe('合计');
    expect(ws.getCell(17, 3).value).toBe(818);
    // The other columns: the period's own 任务数, summed as shown.
    expect(ws.getCell(17, 6).value).toBe(shown.slice(0, -1).reduce((a, r) => a + Number(r[5]), 0));
    expect(ws.pageSetup.printTitlesRow).toBe('2:2');
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
  });

  it('目标分解 refuses a basis period without data, takes a pasted weight column, and keeps each indicator\'s form', async () => {
    const page = await app();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    // 2023年二季度: targets copied, actuals empty.
    await page.locator('header summary', { hasText: '管理' }).click();
    await page.getByRole('button', { name: '新增考核期…' }).click();
    await page.getByRole('dialog', { name: '新增考核期' }).getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: '考核期' }).locator('option:checked').textContent()).toBe('2023年二季度');
    await page.getByRole('tab', { name: '目标分解' }).click();
    await page.getByRole('combobox', { name: '分解指标' }).selectOption({ label: '科技型中小企业入库数' });
    await page.getByRole('textbox', { name: '全市目标' }).fill('300');
    // By default the basis is the period before, 2023年一季度, which has actuals: said in the table.
    await expect.poll(() => page.getByTestId('decomposition-basis').textContent()).toBe('分解依据：按上期实绩数占比（2023年一季度）');
    // This period as the basis has no actuals: refused, never split equally under the same label.
    await page.getByRole('combobox', { name: '依据的考核期' }).selectOption({ label: '2023年二季度' });
    await expect
      .poll(() => page.getByTestId('decomposition-problem').textContent())
      .toBe('依据的考核期 2023年二季度 没有“科技型中小企业入库数”的实绩数，无法按上期实绩数占比分解。请选择有数据的考核期，或改用“平均分配”“按输入的权重”。');
    expect(await page.getByRole('table', { name: '目标分解表' }).count()).toBe(0);

    // Typed weights: none yet, so nothing is split and it cannot be applied; a column of three
    // pasted into the first unit's box fills three units.
    await page.getByRole('combobox', { name: '分解依据' }).selectOption({ label: '按输入的权重' });
    await expect.poll(() => page.getByTestId('decomposition-note').textContent()).toContain('请先输入权重');
    expect(await page.getByRole('button', { name: '作为情景应用' }).isDisabled()).toBe(true);
    await page.evaluate(() => navigator.clipboard.writeText('1\r\n2\r\n3\r\n'));
    await page.getByRole('textbox', { name: '大冶湖高新区 权重' }).click();
    await page.keyboard.press('Control+V');
    // No names: where each value lands is shown first, and taken on 确认粘贴.
    await page.getByRole('dialog', { name: '按顺序粘贴' }).getByRole('button', { name: '确认粘贴' }).click();
    // The first three units in scheme order get 1 : 2 : 3 of 300; the rest 0.
    await expect.poll(async () => (await tableRows(page, '目标分解表')).slice(0, 4).map((r) => r[3])).toEqual(['50', '100', '150', '0']);
    expect((await tableRows(page, '目标分解表'))[1]![1]).toBe('临空区·还地桥镇');
    expect((await tableRows(page, '目标分解表')).at(-1)).toEqual(['合计', '300']);

    // Another indicator has its own form; coming back, and leaving the tab, lose nothing.
    await page.getByRole('combobox', { name: '分解指标' }).selectOption({ label: '规上企业研发投入' });
    expect(await page.getByRole('textbox', { name: '全市目标' }).inputValue()).toBe('');
    await page.getByRole('tab', { name: '总览（考核结果）' }).click();
    await page.getByRole('tab', { name: '目标分解' }).click();
    await page.getByRole('combobox', { name: '分解指标' }).selectOption({ label: '科技型中小企业入库数' });
    expect(await page.getByRole('textbox', { name: '全市目标' }).inputValue()).toBe('300');
    expect(await page.getByRole('combobox', { name: '分解依据' }).inputValue()).toBe('typed');
    await expect.poll(async () => (await tableRows(page, '目标分解表'))[1]?.[3]).toBe('100');
  });

  it('a weight of 1e13 is marked at its box and the other weights stay; corrected, the split is made; a reload keeps every typed weight (issue 26)', async () => {
    const page = await app();
    await page.getByRole('tab', { name: '目标分解' }).click();
    await page.getByRole('combobox', { name: '分解指标' }).selectOption({ label: '科技型中小企业入库数' });
    await page.getByRole('textbox', { name: '全市目标' }).fill('300');
    await page.getByRole('combobox', { name: '分解依据' }).selectOption({ label: '按输入的权重' });
    const weight = (name: string) => page.getByRole('textbox', { name: `${name} 权重` });
    await weight('大冶湖高新区').fill('2');
    await weight('大冶湖高新区').press('Enter');
    await weight('临空区·还地桥镇').fill('1e13');
    await weight('临空区·还地桥镇').press('Enter');
    // The bad one is marked with its reason; every box stays, with what was typed.
    await expect.poll(() => weight('临空区·还地桥镇').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.checked-box', { has: weight('临空区·还地桥镇') }).locator('[role=alert]').textContent()).toBe('权重为 10000000000000，超出合理范围（绝对值应小于 1 万亿）');
    expect(await page.getByRole('textbox', { name: /权重$/u }).count()).toBe(14);
    expect(await weight('大冶湖高新区').inputValue()).toBe('2');
    expect(await weight('临空区·还地桥镇').inputValue()).toBe('1e13');
    // A total in another unit is refused at its box too.
    await page.getByRole('textbox', { name: '全市目标' }).fill('10亿元');
    await expect.poll(() => page.locator('#decompose-total-reason').textContent()).toBe('全市目标“10亿元”的单位“亿元”与指标的单位“家”不同，无法换算');
    await page.getByRole('textbox', { name: '全市目标' }).fill('300');
    // Corrected: the split is made from the weights as they stand.
    await weight('临空区·还地桥镇').fill('1');
    await weight('临空区·还地桥镇').press('Enter');
    await expect.poll(async () => (await tableRows(page, '目标分解表')).slice(0, 2).map((r) => r[3])).toEqual(['200', '100']);
    // A reload: the form is as it was left.
    await page.reload();
    await page.getByRole('tab', { name: '目标分解' }).click();
    await page.getByRole('combobox', { name: '分解指标' }).selectOption({ label: '科技型中小企业入库数' });
    expect(await weight('大冶湖高新区').inputValue()).toBe('2');
    expect(await weight('临空区·还地桥镇').inputValue()).toBe('1');
    await expect.poll(async () => (await tableRows(page, '目标分解表')).at(-1)).toEqual(['合计', '300']);
  });

  it('explains a score and seeks a goal from the grid, and the answer can be taken', async () => {
    const page = await app();
    await openEntry(page);
    await (await revealCell(page, 'gxq', 'rd_investment', 'score')).click();
    await expect.poll(() => page.getByTestId('explanation').textContent()).toBe('实绩 132585.2 排第1 → 2.5 分；完成率 101.99% 排第12 → 2.5 − 11×0.05 = 1.95 分；合计 4.45 分。');
    await (await revealCell(page, 'gxq', null, 'total')).click();
    await expect.poll(() => page.getByTestId('explanation').textContent()).toBe('各项得分之和 72.3 分（方案满分 85 分）× 100 ÷ 85 = 85.06 分，排第 1 名。');
    await (await revealCell(page, 'lrb', 'tech_sme', 'actual')).click();
    // A target or actual cell has no explanation: the total's is not left on the bar.
    await expect.poll(() => page.getByTestId('active-cell').textContent()).toContain('刘仁八镇');
    expect(await page.getByTestId('explanation').count()).toBe(0);
    await page.getByRole('button', { name: '求解' }).click();
    await expect.poll(() => page.getByTestId('goal-seek-result').textContent()).toBe('刘仁八镇「科技型中小企业入库数」实绩数至少为 18家（现为 9）：总得分 77.59 → 78.06，排名 8 → 7。');
    // The answer and 采用 are on screen, not hidden under the grid.
    for (const el of [page.getByTestId('goal-seek-result'), page.getByRole('button', { name: '采用' })]) {
      expect(await el.evaluate((e) => {
        const r = e.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + Math.min(20, r.width / 2), r.top + r.height / 2);
        return !!hit && (hit === e || e.contains(hit));
      })).toBe(true);
    }
    await page.getByRole('button', { name: '采用' }).click();
    await waitSaved(page);
    await expect.poll(() => cellText(page, 'lrb', 'tech_sme', 'actual')).toBe('18');
    await expect.poll(() => cellText(page, 'lrb', null, 'rank')).toBe('7');
  });

  it('drafts the bulletin and draws the charts', async () => {
    const page = await app();
    await page.getByRole('tab', { name: '通报' }).click();
    await expect.poll(() => page.getByTestId('bulletin-body').inputValue()).toContain('全市规上企业研发投入实绩数为 257255.4 万元，完成任务数 104.64%');
    expect(await page.getByTestId('bulletin-body').inputValue()).toContain('五是技术合同成交额，');
    await page.getByRole('tab', { name: '图表' }).click();
    await page.getByRole('img', { name: '考核得分柱状图' }).waitFor();
    await page.getByRole('combobox', { name: '图表指标' }).selectOption({ index: 4 });
    // 技术合同成交额: 东岳街道 did not complete its own target for the quarter.
    await expect.poll(() => page.getByTestId('behind').textContent()).toMatch(/^未完成本期目标任务：东岳街道（\d+\.\d{2}%）$/);
    expect(await page.locator('main').textContent()).not.toContain('序时进度');

    // A new period without data: said in words, no empty charts, no "完成较高的为。".
    await page.locator('header summary', { hasText: '管理' }).click();
    await page.getByRole('button', { name: '新增考核期…' }).click();
    await page.getByRole('dialog', { name: '新增考核期' }).getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: '考核期' }).locator('option:checked').textContent()).toBe('2023年二季度');
    await page.getByRole('tab', { name: '图表' }).click();
    await expect.poll(() => page.getByTestId('totals-chart-empty').textContent()).toBe('本期尚无考核得分，暂无图表。');
    expect(await page.getByTestId('rates-chart-empty').textContent()).toBe('本期尚无该指标的实绩数据，暂无图表。');
    expect(await page.getByRole('img', { name: /柱状图$/u }).count()).toBe(0);
    // The ranks over the periods still draw the quarter that has them; the new one has none yet.
    await expect.poll(() => page.getByTestId('rank-history').textContent()).toBe('2023年一季度：第 1 名（85.06）；2023年二季度：无名次');
    await page.getByRole('tab', { name: '通报' }).click();
    await expect.poll(() => page.getByTestId('bulletin-body').inputValue()).toContain('本期尚无实绩数据。');
  });
});
