/**
 * The 附件 list every township (issue 26, item 4): the seed's tables list all 14, and a township
 * that has not reported is listed with 未报送 — it does not vanish. Exported to Excel and Word alike,
 * read back with nothing refused and nothing changed.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { exportTables } from '../../src/xlsx/export';
import { previewImport } from '../../src/xlsx/import';
import { exportBulletinDocx } from '../../src/xlsx/exportBulletinDocx';
import { bulletinDocument } from '../../src/engine/bulletin/document';
import { samplePeriod } from '../../src/sample/daye-2023q1';
import { ScoreModel } from '../../src/engine/scoring/scoreModel';
import { completionTables } from '../../src/engine/views/tables';
import { cellKey, type Period } from '../../src/model';
import { docxTables } from '../support/docx';

/** The sample with 茗山乡 not reported on 研发投入, 东风农场 not applicable, 殷祖镇 holding a refused target. */
function withGaps(): Period {
  const p = samplePeriod();
  p.cells[cellKey('msx', 'rd_investment')] = { state: 'value', target: 200, actual: null };
  p.cells[cellKey('dfnc', 'rd_investment')] = { state: 'na', target: null, actual: null };
  p.cells[cellKey('yz', 'rd_investment')] = { state: 'value', target: -5, actual: 882.6 };
  return p;
}

describe('附件 list every township', () => {
  it('附件1: 11 with figures by actual, then 未报送, / and 数据有误 in unit order; the 合计 of the 11', () => {
    const p = withGaps();
    const t = completionTables(p, ScoreModel.build(p).result())[0]!;
    expect(t.rowCount).toBe(14);
    expect(t.rows.map((r) => r.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    const tail = t.rows.slice(11).map((r) => [r.name, r.actualText, r.targetText, r.rateText, r.status]);
    expect(tail).toEqual([
      ['殷祖镇', '882.6', '数据有误', '', '数据有误'],
      ['东风农场', '/', '/', '/', '不适用'],
      ['茗山乡', '未报送', '200', '', '未报送'],
    ]);
    // 257255.4 − 882.6 − 251.2 − 204.1 and 245850 − 600 − 200 − 200.
    expect([t.sum.actualText, t.sum.targetText]).toEqual(['255917.5', '244850']);
    expect(t.excludedCount).toBe(3);
  });

  it('a page of a long table continues into the rows without figures', () => {
    const p = withGaps();
    const page = completionTables(p, ScoreModel.build(p).result(), { offset: 10, limit: 3 })[0]!;
    expect(page.rows.map((r) => [r.no, r.name])).toEqual([
      [11, '东岳街道'],
      [12, '殷祖镇'],
      [13, '东风农场'],
    ]);
  });

  it('exported to Excel: 14 rows, words where there is no figure; read back with nothing refused or changed', async () => {
    const p = withGaps();
    const result = ScoreModel.build(p).result();
    const bytes = await exportTables(p, result, 'annex1');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('附件1')!;
    const row = (r: number) => [1, 2, 3, 4, 5].map((c) => ws.getCell(r, c).value);
    expect(row(17)).toEqual([12, '殷祖镇', 882.6, '数据有误', null]);
    expect(row(18)).toEqual([13, '东风农场', '/', '/', '/']);
    expect(row(19)).toEqual([14, '茗山乡', '未报送', 200, null]);
    expect(row(20)).toEqual(['合计', '合计', 255917.5, 244850, 1.0452]);
    const back = await previewImport(bytes, '附件1.xlsx', p);
    expect(back.errors).toEqual([]);
    expect(back.cellChanges).toEqual([]);
  });

  it('exported to Word: the same 14 rows', async () => {
    const p = withGaps();
    const doc = bulletinDocument(p, ScoreModel.build(p).result());
    const xml = await (await JSZip.loadAsync(await exportBulletinDocx(doc))).file('word/document.xml')!.async('string');
    const table = docxTables(xml)[0]!;
    expect(table.length).toBe(2 + 14 + 1);
    expect(table.at(-2)).toEqual(['14', '茗山乡', '未报送', '200', '']);
  });
});
