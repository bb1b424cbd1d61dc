import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { scorePeriod } from '../../src/engine';
import { samplePeriod } from '../../src/sample/daye-2023q1';
import { exportTables } from '../../src/xlsx/export';
import { printedAnnexes, printedRanking } from './seed-fixtures';

const period = samplePeriod();
const result = scorePeriod(period);
const bytesP = exportTables(period, result, 'all');

async function sheetjs() {
  return XLSX.read(await bytesP, { type: 'array', cellNF: true, cellStyles: true });
}
async function exceljs() {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await bytesP) as unknown as ExcelJS.Buffer);
  return wb;
}
const at = (ws: XLSX.WorkSheet, a: string) => ws[a] as XLSX.CellObject | undefined;

describe('export of the bulletin tables, read back with SheetJS', () => {
  it('has the sheets in order', async () => {
    expect((await sheetjs()).SheetNames).toEqual(['附件1', '附件2', '附件3', '附件4', '附件5', '附件6', '考核得分明细']);
  });

  it.each(printedAnnexes().map((a) => [a.no, a] as const))('附件%i: title, merged two-row header, every row and 合计 as printed', async (no, a) => {
    const ws = (await sheetjs()).Sheets[`附件${no}`]!;
    const merges = (ws['!merges'] ?? []).map((m) => XLSX.utils.encode_range(m)).sort();
    const sumRow = 6 + a.rows.length;
    // "附件 N" above the title, as printed (seed 000).
    expect(at(ws, 'A1')?.v).toBe(`附件 ${no}`);
    expect(merges).toEqual(['A2:E2', 'A3:E3', 'A4:A5', 'B4:B5', 'C4:E4', `A${sumRow}:B${sumRow}`].sort());
    expect(at(ws, 'A2')?.v).toMatch(/^各乡镇 2023 年.+完成情况表$/);
    expect([at(ws, 'A4')?.v, at(ws, 'B4')?.v, at(ws, 'C5')?.v, at(ws, 'D5')?.v, at(ws, 'E5')?.v]).toEqual(['序号', '乡镇', '实绩数', '任务数', '完成率']);
    const rows = a.rows.map((_, i) => {
      const r = 6 + i;
      return [String(at(ws, `A${r}`)?.v), at(ws, `B${r}`)?.v, at(ws, `C${r}`)?.w, at(ws, `D${r}`)?.w, at(ws, `E${r}`)?.w];
    });
    expect(rows).toEqual(a.rows.map((r) => [r.no, r.name, r.actual, r.target, r.rate]));
    expect([at(ws, `A${sumRow}`)?.v, at(ws, `C${sumRow}`)?.w, at(ws, `D${sumRow}`)?.w, at(ws, `E${sumRow}`)?.w]).toEqual(['合计', a.sum.actual, a.sum.target, a.sum.rate]);
    expect(at(ws, 'E6')?.z).toBe('0.00%');
    expect(at(ws, 'E6')?.t).toBe('n');
  });

  it('附件3 actuals hold the figure as the workbook does and show it as printed (26.1957 shown 26.20: the column sums to its 合计), rates 1.0199-style', async () => {
    const ws = (await sheetjs()).Sheets['附件3']!;
    expect([at(ws, 'C8')?.v, at(ws, 'C8')?.z, at(ws, 'C8')?.w]).toEqual([26.1957, '0.00', '26.20']);
    expect(at(ws, 'E6')?.v).toBe(1.1812);
  });

  it('附件6: 排名 | 乡镇 | 考核得分, ten ranked as printed, four 数据不全', async () => {
    const ws = (await sheetjs()).Sheets['附件6']!;
    expect(at(ws, 'A1')?.v).toBe('附件 6');
    expect(at(ws, 'A2')?.v).toBe('大冶市2023年科技创新行动一季度考核结果');
    const rows = XLSX.utils.sheet_to_json<(string | number)[]>(ws, { header: 1, range: 4, raw: false });
    const printed = printedRanking().slice(0, 10).map((p) => [String(p.rank), p.name, p.score]);
    expect(rows.slice(0, 10)).toEqual(printed);
    expect(rows.slice(10).map((r) => r[2])).toEqual(['数据不全', '数据不全', '数据不全', '数据不全']);
  });

  it('考核得分明细: 序号/乡镇/总得分 merged down each block, "/" for not applicable', async () => {
    const ws = (await sheetjs()).Sheets['考核得分明细']!;
    const merges = (ws['!merges'] ?? []).map((m) => XLSX.utils.encode_range(m));
    expect(merges).toContain('A3:A18');
    expect(merges).toContain('B3:B18');
    expect(merges).toContain('H3:H18');
    expect([at(ws, 'A3')?.v, at(ws, 'B3')?.v, at(ws, 'C3')?.v, at(ws, 'D3')?.v, at(ws, 'E3')?.v, at(ws, 'G3')?.v, at(ws, 'H3')?.v]).toEqual([1, '大冶湖高新区', '高新技术产业产值(亿元)', 112.5, 112.5, 5, 85.06]);
    expect([at(ws, 'C5')?.v, at(ws, 'D5')?.v, at(ws, 'E5')?.v, at(ws, 'G5')?.v]).toEqual(['登记技术合同成交额(亿元)', 4.15, 4.563, 9]);
    // 灵乡镇 (third block) 营业收入 "/" "/"
    expect([at(ws, 'C38')?.v, at(ws, 'D38')?.v, at(ws, 'E38')?.v, at(ws, 'G38')?.v]).toEqual(['科学研究与技术服务业营业收入(亿元)', '/', '/', 5]);
  });
});

describe('export style and page setup, read back with exceljs', () => {
  it('宋体, borders, A4 landscape, fit to width, header rows repeated', async () => {
    const wb = await exceljs();
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup.paperSize, ws.name).toBe(9);
      expect(ws.pageSetup.orientation, ws.name).toBe('landscape');
      expect(ws.pageSetup.fitToWidth, ws.name).toBe(1);
    }
    const a1 = wb.getWorksheet('附件1')!;
    expect(a1.pageSetup.printTitlesRow).toBe('4:5');
    // …stored as Excel's own print-titles name, so Excel and WPS repeat the header on every page.
    const names = (await sheetjs()).Workbook?.Names ?? [];
    expect(names.filter((n) => n.Name === '_xlnm.Print_Titles').map((n) => n.Ref)).toContain("'附件1'!$4:$5");
    expect(a1.getCell('A1').font).toMatchObject({ name: '黑体', size: 14 });
    expect(a1.getCell('A2').font).toMatchObject({ name: '宋体', size: 16, bold: true });
    expect(a1.getCell('C6').border).toMatchObject({ top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } });
    expect(a1.getCell('E6').numFmt).toBe('0.00%');
    // Page numbers on every printed page of every table.
    for (const ws of wb.worksheets) expect(ws.headerFooter.oddFooter, ws.name).toBe('&C第 &P 页，共 &N 页');
    expect(wb.getWorksheet('附件6')!.pageSetup.printTitlesRow).toBe('4:4');
    expect(a1.getColumn(2).width).toBe(22);
    expect(wb.getWorksheet('考核得分明细')!.pageSetup.printTitlesRow).toBe('2:2');
  });

  it('考核得分明细 rows are as tall as their wrapped 备注 (an office suite does not grow them): 3 lines for a 54-character remark', async () => {
    const p = samplePeriod();
    const key = 'cg|tech_sme';
    const remark = '本季度新增入库企业中有三家尚在公示期，公示结束后补报材料，已与市科技局沟通确认，按期补齐相关证明并报送备案。';
    expect(remark.length).toBe(54);
    p.cells[key] = { ...p.cells[key]!, remark };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportTables(p, scorePeriod(p), 'detail')) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('考核得分明细')!;
    let long = 0;
    let plain = 0;
    ws.eachRow((row, n) => {
      if (n < 3) return;
      const text = String(row.getCell(9).value ?? '');
      if (text.includes('公示期')) long = row.height;
      else if (!text && row.getCell(3).value && !plain) plain = row.height;
    });
    // Three lines of 9 pt at 1.35 line spacing at least; a row without one stays one line.
    expect(long).toBeGreaterThanOrEqual(3 * 9 * 1.35);
    expect(plain).toBe(16);
  });

  it('text that begins with = + - @ is written as text, never as a formula', async () => {
    const p = samplePeriod();
    p.units[0]!.name = '=HYPERLINK("http://x","y")';
    p.units[0]!.fullName = '@SUM(A1)';
    p.units[1]!.fullName = '+1+1';
    p.units[2]!.name = '-2';
    const bytes = await exportTables(p, scorePeriod(p), 'all');
    const wb = XLSX.read(bytes, { type: 'array', cellFormula: true });
    const cells = Object.values(wb.Sheets).flatMap((ws) => Object.entries(ws).filter(([k]) => !k.startsWith('!')).map(([, c]) => c as XLSX.CellObject));
    expect(cells.filter((c) => c.f)).toEqual([]);
    const texts = cells.filter((c) => c.t === 's').map((c) => c.v);
    expect(texts).toContain('=HYPERLINK("http://x","y")');
    expect(texts).toContain('@SUM(A1)');
    expect(texts).toContain('+1+1');
    expect(texts).toContain('-2');
  });

  it('one layout on its own when asked', async () => {
    const wb = XLSX.read(await exportTables(period, result, 'annex3'), { type: 'array' });
    expect(wb.SheetNames).toEqual(['附件3']);
  });
});
