/**
 * Real .xlsx/.xls/.csv files in the layouts staff use, built from seed 000's printed text (not from
 * the sample workbook), with the mess township files have: titles and blank rows above the header,
 * merged headers, numbers stored as text, full-width digits, unit aliases, notes below the table.
 */
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { printedAnnexes, printedRanking, printedScoreSheet } from '../unit/seed-fixtures';

const thin = { style: 'thin' as const };
const box = { top: thin, left: thin, bottom: thin, right: thin };

export async function annexesXlsx(opts: { messy?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const a of printedAnnexes()) {
    const ws = wb.addWorksheet(`附件${a.no}`);
    let r = 1;
    if (opts.messy && a.no % 2 === 0) {
      ws.getCell('A1').value = `附件 ${a.no}`;
      r = 3; // a blank row after the annex number
    }
    ws.getCell(r, 1).value = `各乡镇 2023 年${a.header.replace(/（.*$/, '').replace(/\s*\(.*$/, '')}完成情况表`;
    ws.mergeCells(r, 1, r, 5);
    ws.getCell(r + 1, 1).value = '2023 年 3 月 31 日下午 17:00';
    ws.mergeCells(r + 1, 1, r + 1, 5);
    const h = r + 2;
    ws.getCell(h, 1).value = '序号';
    ws.getCell(h, 2).value = opts.messy && a.no === 3 ? '乡  镇' : '乡镇';
    ws.getCell(h, 3).value = a.header;
    ws.mergeCells(h, 1, h + 1, 1);
    ws.mergeCells(h, 2, h + 1, 2);
    ws.mergeCells(h, 3, h, 5);
    ['实绩数', '任务数', '完成率'].forEach((t, i) => (ws.getCell(h + 1, 3 + i).value = t));
    let row = h + 2;
    a.rows.forEach((x, i) => {
      if (opts.messy && i === 7) row++; // a blank row in the middle of the data
      let name = x.name;
      if (opts.messy && name === '临空区·还地桥镇') name = '临空区•还地桥镇';
      const actual = opts.messy && a.no === 1 ? Number(x.actual).toLocaleString('en-US') : Number(x.actual);
      const target = opts.messy && a.no === 4 && i === 0 ? '１１１' : Number(x.target);
      const rate = opts.messy ? x.rate : Number(x.rate.replace('%', '')) / 100;
      [Number(x.no), name, actual, target, rate].forEach((v, c) => {
        const cell = ws.getCell(row, c + 1);
        cell.value = v;
        cell.border = box;
        if (c === 4 && typeof v === 'number') cell.numFmt = '0.00%';
      });
      row++;
    });
    ws.getCell(row, 1).value = '合计';
    ws.mergeCells(row, 1, row, 2);
    ws.getCell(row, 3).value = Number(a.sum.actual);
    ws.getCell(row, 4).value = Number(a.sum.target);
    ws.getCell(row, 5).value = Number(a.sum.rate.replace('%', '')) / 100;
    if (opts.messy) ws.getCell(row + 2, 1).value = '注：数据来源于市统计局，截至 3 月 31 日。';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 考核得分明细 with 序号/乡镇/总得分 merged down each unit's block, values as the seed prints them. */
export async function scoreDetailXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('考核得分明细');
  ws.getCell('A1').value = '大冶市2023年科技创新行动一季度考核得分 (乡镇)';
  ws.mergeCells('A1:I1');
  const header = ['序号', '乡镇', '指标名称', '目标任务数', '完成任务数', '目标分值', '考核得分', '总得分', '备注'];
  header.forEach((t, i) => (ws.getCell(3, i + 1).value = t));
  let r = 4;
  for (const b of printedScoreSheet()) {
    const start = r;
    for (const l of b.lines) {
      const num = (s: string) => (s === '/' ? '/' : Number(s));
      [l.indicator, num(l.target), num(l.actual), Number(l.points), Number(l.score)].forEach((v, i) => (ws.getCell(r, 3 + i).value = v));
      r++;
    }
    ws.getCell(start, 1).value = b.no;
    ws.getCell(start, 2).value = b.unit;
    ws.getCell(start, 8).value = Number(b.total);
    ws.mergeCells(start, 1, r - 1, 1);
    ws.mergeCells(start, 2, r - 1, 2);
    ws.mergeCells(start, 8, r - 1, 8);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 附件6 考核结果 as an old-office .xls (BIFF8), written by SheetJS. */
export function resultXls(): Buffer {
  const aoa: (string | number)[][] = [['大冶市2023年科技创新行动一季度考核结果'], ['(乡镇)'], [], ['排名', '乡镇', '考核得分']];
  for (const p of printedRanking()) aoa.push([p.rank, p.name, Number(p.score)]);
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 2 } }];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '附件6');
  return XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer;
}

export function toCsvGbk(rows: string[][]): Buffer {
  const text = rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');
  return Buffer.from(new TextEncoder().encode(text)); // UTF-8 here; GBK is exercised in the unit test of decoding
}
