/** Publishing as staff do: the 通报 edited, kept and exported as Word with its 附件 tables. */
import JSZip from 'jszip';
import * as XLSX from '@e965/xlsx';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadOf, freshApps, hasBrowser, typeInto, waitSaved } from './browser';
import { docxTables, docxText } from '../support/docx';

const app = freshApps(afterEach);
const ADDED = '二、下步工作\n\n各乡镇要对标对表，确保二季度完成“双过半”。';

describe.skipIf(!hasBrowser)('the 通报 as a Word document, over file://', () => {
  it('edited and kept, exported as .docx: title, §一 from the figures, who lacks data, 附件1–6 as in the Excel export, A4 and fonts', async () => {
    const page = await app();
    await page.getByRole('tab', { name: '通报' }).click();
    const body = page.getByTestId('bulletin-body');
    await expect.poll(() => body.inputValue()).toContain('全市规上企业研发投入实绩数为 257255.4 万元，完成任务数 104.64%');
    expect(await body.inputValue()).toContain('金牛镇、东岳街道、东风农场和茗山乡等 4 个乡镇(场)本期考核数据不全');
    await page.getByRole('textbox', { name: '主送' }).fill('各乡镇(场)、市直有关单位：');
    await page.getByRole('textbox', { name: '主送' }).press('Tab');
    await waitSaved(page);
    // The person's own section, typed after §一.
    await body.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(`\n\n${ADDED}`);
    await page.getByRole('textbox', { name: '成文日期' }).fill('2023年4月10日');
    await page.getByRole('textbox', { name: '成文日期' }).press('Tab');
    await waitSaved(page);

    // Kept: a reload shows it; new figures replace §一's and leave the added text.
    await page.reload();
    await page.getByRole('tab', { name: '通报' }).click();
    await expect.poll(() => body.inputValue()).toContain(ADDED);
    expect(await page.getByRole('textbox', { name: '主送' }).inputValue()).toBe('各乡镇(场)、市直有关单位：');
    expect(await page.getByRole('textbox', { name: '成文日期' }).inputValue()).toBe('2023年4月10日');
    await page.getByRole('tab', { name: '数据录入' }).click();
    await typeInto(page, 'gxq', 'rd_investment', 'actual', '132685.2');
    await waitSaved(page);
    await page.getByRole('tab', { name: '通报' }).click();
    await expect.poll(() => body.inputValue()).toContain('全市规上企业研发投入实绩数为 257355.4 万元');
    expect(await body.inputValue()).toContain(ADDED);

    const word = await downloadOf(page, () => page.getByRole('button', { name: '导出 Word' }).click());
    expect(word.name).toBe('关于大冶市2023年科技创新行动一季度工作进展情况的通报.docx');
    const zip = await JSZip.loadAsync(word.bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    const paras = docxText(xml);
    expect(paras.slice(0, 4)).toEqual(['关于大冶市2023年科技创新行动一季度工作进展情况的通报', '各乡镇(场)、市直有关单位：', '现将2023年科技创新行动一季度工作进展情况通报如下：', '一、目标任务进展情况']);
    expect(paras[4]).toMatch(/^（一）全市指标整体完成情况。全市规上企业研发投入实绩数为 257355\.4 万元，完成任务数 104\.68%；规上企业研发人员实绩数为 8340 人，完成任务数 105\.72%/);
    expect(paras).toContain('金牛镇、东岳街道、东风农场和茗山乡等 4 个乡镇(场)本期考核数据不全，暂不参与排名，以上合计不含其缺少的数据。');
    expect(paras).toContain('各乡镇要对标对表，确保二季度完成“双过半”。');
    expect(paras).toContain('2023年4月10日');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');

    // The 附件 tables hold what 导出 Excel holds, row for row.
    const excel = await downloadOf(page, () => page.getByRole('button', { name: '导出 Excel' }).click());
    const wb = XLSX.read(excel.bytes, { type: 'buffer' });
    const tables = docxTables(xml);
    expect(tables).toHaveLength(6);
    for (let n = 1; n <= 5; n++) {
      const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[`附件${n}`]!, { header: 1, raw: false, range: 5 }).filter((r) => r.length >= 5 && /^\d+$/u.test(String(r[0])));
      expect(rows.length, `附件${n}`).toBe(14);
      expect(tables[n - 1]!.slice(2, 16), `附件${n}`).toEqual(rows.map((r) => r.slice(0, 5).map(String)));
    }
    const ranking = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['附件6']!, { header: 1, raw: false, range: 4 }).filter((r) => r.length >= 3);
    expect(tables[5]!.slice(1)).toEqual(ranking.slice(0, tables[5]!.length - 1).map((r) => [0, 1, 2].map((i) => String(r[i] ?? ''))));
    expect(tables[5]![1]).toEqual(['1', '高新区', '85.12']);
    expect(Object.keys(zip.files).filter((n) => n.startsWith('word/media/') && !zip.files[n]!.dir)).toEqual([]);

    // 附图 ticked: the 考核得分 chart follows the 附件 as a picture (drawn at 1920×960 pixels).
    await page.getByRole('checkbox', { name: '考核得分柱状图' }).check();
    const withChart = await downloadOf(page, () => page.getByRole('button', { name: '导出 Word' }).click());
    const zip2 = await JSZip.loadAsync(withChart.bytes);
    const paras2 = docxText(await zip2.file('word/document.xml')!.async('string'));
    expect(paras2.slice(-2)).toEqual(['附图 1', '各乡镇(场)考核得分']);
    const media = Object.keys(zip2.files).filter((n) => n.startsWith('word/media/') && !zip2.files[n]!.dir);
    expect(media).toHaveLength(1);
    const png = Buffer.from(await zip2.file(media[0]!)!.async('uint8array'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1920, 960]);
  });
});
