/**
 * A cumulative period read against 序时进度 (issue 21): the sample's 科技型中小企业入库 with year
 * targets (four times the quarter's; 金湖街道 100), checked against figures computed by hand.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { exportTables } from '../../src/xlsx/export';
import { previewImport } from '../../src/xlsx/import';
import { exportBulletinDocx } from '../../src/xlsx/exportBulletinDocx';
import { bulletinDocument } from '../../src/engine/bulletin/document';
import { docxTables } from '../support/docx';
import { samplePeriod } from '../../src/sample/daye-2023q1';
import { ScoreModel } from '../../src/engine/scoring/scoreModel';
import { completionTables } from '../../src/engine/views/tables';
import { bulletinDraft } from '../../src/engine/bulletin/draft';
import { onSchedule, pointsWords, timeProgress, versusTime } from '../../src/engine/views/timeProgress';
import { cellKey, type Period } from '../../src/model';

function cumulative(): Period {
  const p = samplePeriod();
  p.cumulative = true;
  for (const u of p.units) {
    const c = p.cells[cellKey(u.id, 'tech_sme')]!;
    p.cells[cellKey(u.id, 'tech_sme')] = { ...c, target: u.id === 'jh' ? 100 : (c.target as number) * 4 };
  }
  return p;
}

describe('序时进度', () => {
  it('quarter q → q × 25 %, month m → m ÷ 12, or as the bureau sets it; none for a period that is not cumulative', () => {
    expect(timeProgress({ cumulative: true, quarter: 2 })?.text).toBe('50%');
    expect(timeProgress({ cumulative: true, quarter: 2, month: 5 })?.text).toBe('41.67%');
    expect(timeProgress({ cumulative: true, quarter: 1, timeShare: 36.67 })).toMatchObject({ text: '36.67%', from: 'set' });
    expect(timeProgress({ quarter: 1 })).toBeNull();
    // Exactly at 序时进度 is on schedule: 12 of 48 at 25 %.
    const q1 = timeProgress({ cumulative: true, quarter: 1 })!;
    expect([onSchedule(12, 48, q1), onSchedule(11.99, 48, q1)]).toEqual([true, false]);
    expect([pointsWords(versusTime(0.382, 1, q1)), pointsWords(versusTime(0.215, 1, q1)), pointsWords(versusTime(0.25, 1, q1))]).toEqual(['超序时进度 13.2 个百分点', '落后序时进度 3.5 个百分点', '与序时进度持平']);
  });

  it('附件4 of a cumulative 一季度: each township against 25 %, the one behind named, the 合计 +6.8 points (by hand)', () => {
    const p = cumulative();
    const t = completionTables(p, ScoreModel.build(p).result()).find((x) => x.indicatorId === 'tech_sme')!;
    expect(t.timeProgress).toBe('25%');
    const by = Object.fromEntries(t.rows.map((r) => [r.name, [r.rateText, r.vsTime, r.behind]]));
    // 149 / 444 = 33.56 %; 18 / 100 = 18 %; 12 / 48 = 25 % (on schedule); 19 / 44 = 43.18 %.
    expect(by['大冶湖高新区']).toEqual(['33.56%', '+8.56', false]);
    expect(by['金湖街道']).toEqual(['18.00%', '-7.00', true]);
    expect(by['保安镇']).toEqual(['25.00%', '0.00', false]);
    expect(by['大箕铺镇']).toEqual(['43.18%', '+18.18', false]);
    // Σ 332 of Σ 1 044 = 31.80 %.
    expect([t.sum.actualText, t.sum.targetText, t.sum.rateText, t.sum.vsTime]).toEqual(['332', '1044', '31.80%', '+6.80']);
    expect([t.facts.behindNames, t.facts.behindCount]).toEqual([['金湖街道'], 1]);
  });

  it('the bulletin draft speaks of the year’s target and 序时进度', () => {
    const p = cumulative();
    const d = bulletinDraft(p, ScoreModel.build(p).result());
    expect(d.overall).toContain('本期为截至一季度累计，序时进度为 25%。');
    expect(d.overall).toMatch(/科技型中小企业入库[^；]*实绩数为 332 家，完成年度任务的 31\.8%，超序时进度 6\.8 个百分点/u);
    expect(d.units).toMatch(/科技型中小企业入库[^。]*，13 个乡镇\(场\)达到序时进度，金湖街道落后于序时进度/u);
  });

  it('the exported 附件4 (Excel and Word) carries 序时进度 and the 较序时进度 column as the screen does; a plain period has neither', async () => {
    const p = cumulative();
    const result = ScoreModel.build(p).result();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportTables(p, result, 'annex4')) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('附件4')!;
    expect(String(ws.getCell(3, 1).value)).toMatch(/序时进度 25%$/u);
    expect(ws.getCell(4, 6).value).toBe('较序时进度（百分点）');
    const byName = new Map<string, unknown>();
    ws.eachRow((row, n) => n > 5 && byName.set(String(row.getCell(2).value), row.getCell(6).value));
    // Numbers (not text among two-decimal values), shown signed at two decimals.
    expect(['大冶湖高新区', '金湖街道', '保安镇', '合计'].map((n) => byName.get(n))).toEqual([8.56, -7, 0, 6.8]);
    expect(ws.getCell(6, 6).numFmt).toBe('+0.00;-0.00;0.00');
    const doc = bulletinDocument(p, result);
    const xml = await (await JSZip.loadAsync(await exportBulletinDocx(doc))).file('word/document.xml')!.async('string');
    const table = docxTables(xml)[doc.completion.findIndex((t) => t.indicatorId === 'tech_sme')]!;
    expect(table[0]).toEqual(['序号', '乡镇', '科技型中小企业入库（家）', '较序时进度（百分点）']);
    expect(table.find((r) => r[1] === '金湖街道')!.at(-1)).toBe('-7.00');
    expect(table.at(-1)).toEqual(['合计', '332', '1044', '31.80%', '+6.80']);
    // Read back: the extra column is no figure of the workbook; nothing to change, nothing refused.
    const back = await previewImport(await exportTables(p, result, 'annex4'), '附件4.xlsx', p);
    expect([back.errors, back.cellChanges.length]).toEqual([[], 0]);
    // Not cumulative: five columns, as printed.
    const plain = new ExcelJS.Workbook();
    await plain.xlsx.load((await exportTables(samplePeriod(), ScoreModel.build(samplePeriod()).result(), 'annex4')) as unknown as ExcelJS.Buffer);
    expect(plain.getWorksheet('附件4')!.getCell(4, 6).value).toBeNull();
  });
});
