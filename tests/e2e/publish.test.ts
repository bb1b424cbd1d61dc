/** Publishing as staff do: the 通报 edited, kept and exported as Word with its 附件 tables. */
import JSZip from 'jszip';
import * as XLSX from '@e965/xlsx';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadOf, freshApps, hasBrowser, typeInto, waitSaved } from './browser';
import { docxTables, docxText } from '../support/docx';
import { darkIn, decodePng, drawnBox, runsAlong, type Pixels } from '../support/png';

/** The bars of one colour in a chart picture: their columns, the axis under them and each one's top. */
function barsOf(pic: Pixels, rgb: [number, number, number]) {
  // The axis: the lowest row that crosses bars of this colour.
  let axis = -1;
  for (let y = pic.height - 1; y > 0 && axis < 0; y--) if (runsAlong(pic, y, rgb).some((r) => r.to - r.from > 6)) axis = y;
  if (axis < 0) return [];
  return runsAlong(pic, axis - 2, rgb)
    .filter((r) => r.to - r.from > 6)
    .map((r) => {
      const mid = Math.round((r.from + r.to) / 2);
      const same = (y: number) => {
        const o = (y * pic.width + mid) * 4;
        return [0, 1, 2].every((c) => Math.abs(pic.rgba[o + c]! - rgb[c]!) <= 12);
      };
      let top = axis - 2;
      while (top > 0 && same(top - 1)) top--;
      return { ...r, axis, top };
    });
}

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

    // 附图 ticked: the charts follow the 附件, each filling its picture (not a thumbnail in a corner),
    // every township labelled under its bar and its value on it.
    await page.getByRole('checkbox', { name: '考核得分柱状图' }).check();
    await page.getByRole('checkbox', { name: '各指标完成率柱状图' }).check();
    const withChart = await downloadOf(page, () => page.getByRole('button', { name: '导出 Word' }).click());
    const zip2 = await JSZip.loadAsync(withChart.bytes);
    const paras2 = docxText(await zip2.file('word/document.xml')!.async('string'));
    expect(paras2.filter((t) => /^附图 \d+$/u.test(t))).toHaveLength(6);
    expect(paras2.slice(-2)).toEqual(['附图 6', '技术合同成交额完成率']);
    const media = Object.keys(zip2.files).filter((n) => n.startsWith('word/media/') && !zip2.files[n]!.dir).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    expect(media).toHaveLength(6);
    const pictures = await Promise.all(media.map(async (m) => decodePng(await zip2.file(m)!.async('uint8array'))));
    for (const [k, pic] of pictures.entries()) {
      const box = drawnBox(pic);
      // The drawing spans the picture: from its left edge to its right, top to bottom.
      expect((box.right - box.left) / pic.width, `${media[k]} drawn width`).toBeGreaterThan(0.9);
      expect((box.bottom - box.top) / pic.height, `${media[k]} drawn height`).toBeGreaterThan(0.85);
      expect([pic.width, pic.height], media[k]).toEqual([1920, 1200]);
    }
    const totals = pictures.find((pic) => barsOf(pic, [31, 78, 121]).length === 10);
    expect(totals, 'the 考核得分 chart: 10 ranked townships').toBeTruthy();
    for (const pic of pictures) {
      const bars = barsOf(pic, [31, 78, 121]).length ? barsOf(pic, [31, 78, 121]) : [...barsOf(pic, [46, 125, 50]), ...barsOf(pic, [192, 0, 0])];
      expect(bars.length === 10 || bars.length === 14, `bars: ${bars.length}`).toBe(true);
      for (const b of bars) {
        const mid = Math.round((b.from + b.to) / 2);
        // Its label under the axis, in its own column (upright, so it cannot be another's).
        expect(darkIn(pic, mid - 16, b.axis + 6, mid + 16, b.axis + 200), `label under the bar at x ${mid}`).toBeGreaterThan(40);
        // Its value just above it.
        expect(darkIn(pic, mid - 40, b.top - 44, mid + 40, b.top - 3), `value above the bar at x ${mid}`).toBeGreaterThan(20);
      }
    }
  });

  it('行动名称 set in 规则 names every title of the year; an empty one is refused at its box', async () => {
    const page = await app();
    await page.getByRole('tab', { name: '规则' }).click();
    const box = page.getByRole('textbox', { name: '行动名称' });
    expect(await box.inputValue()).toBe('科技创新行动');
    await box.fill('');
    await box.press('Enter');
    await expect.poll(() => page.locator('.checked-box [role=alert]').textContent()).toBe('请填写行动名称');
    await box.fill('科技创新赋能行动');
    await box.press('Enter');
    await waitSaved(page);
    await expect.poll(() => page.locator('.checked-box [role=alert]').count()).toBe(0);
    await page.getByRole('tab', { name: '总览（考核结果）' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '大冶市2023年科技创新赋能行动一季度考核结果' }).count()).toBe(1);
    await page.getByRole('tab', { name: '通报' }).click();
    await expect.poll(async () => (await page.getByTestId('bulletin-body').inputValue()).split('\n')[0]).toBe('现将2023年科技创新赋能行动一季度工作进展情况通报如下：');
    const excel = await downloadOf(page, () => page.getByRole('button', { name: '导出 Excel' }).click());
    const wb = XLSX.read(excel.bytes, { type: 'buffer' });
    expect(wb.Sheets['附件6']!.A2!.v).toBe('大冶市2023年科技创新赋能行动一季度考核结果');
    expect(wb.Sheets['考核得分明细']!.A1!.v).toBe('大冶市2023年科技创新赋能行动一季度考核得分(乡镇)');
    const word = await downloadOf(page, () => page.getByRole('button', { name: '导出 Word' }).click());
    expect(word.name).toBe('关于大冶市2023年科技创新赋能行动一季度工作进展情况的通报.docx');
  });
});
