/** Township returns: the template, many returned files at once, who is missing, every conflict listed. */
import 'fake-indexeddb/auto';

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createService, type Service } from '../../src/service/service';
import { RETURN_HEADER, RETURN_HEADER_ROW, sheetName } from '../../src/xlsx/returnTemplate';
import { withQ2 } from '../support/kit';

const P = 'daye-2023-q1';


async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** A township's template, filled in: 完成任务数 by indicator name (and optionally a target changed). */
async function filled(s: Service, periodId: string, unitId: string, actuals: Record<string, number | string>, targets: Record<string, number> = {}): Promise<Uint8Array> {
  const t = await s.exportReturnTemplate(periodId, [unitId]);
  const wb = await load(t.bytes);
  const ws = wb.worksheets[0]!;
  for (let r = RETURN_HEADER_ROW + 1; r <= ws.rowCount; r++) {
    const name = String(ws.getCell(r, 3).value ?? '');
    if (name in actuals) ws.getCell(r, 6).value = actuals[name]!;
    if (name in targets) ws.getCell(r, 5).value = targets[name]!;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('the fill-in template', () => {
  it('a sheet per township in the score-sheet layout: targets filled and locked, 完成任务数 and 备注 open, the sheet protected', async () => {
    const { s, q2 } = await withQ2();
    const t = await s.exportReturnTemplate(q2, []);
    expect(t.fileName).toBe('大冶市2023年二季度报送模板.xlsx');
    const wb = await load(t.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['高新区', '临空区·还地桥镇', '灵乡镇', '金湖街道', '陈贵镇', '保安镇', '金山店镇', '大箕铺镇', '殷祖镇', '刘仁八镇', '金牛镇', '东岳街道', '东风农场', '茗山乡']);
    const ws = wb.getWorksheet('大箕铺镇')!;
    expect(ws.getCell(1, 1).value).toBe('大冶市2023年科技创新行动二季度指标完成情况报送表');
    expect(ws.getCell(2, 1).value).toBe('填报单位：大箕铺镇');
    expect(ws.getRow(RETURN_HEADER_ROW).values).toEqual([undefined, ...RETURN_HEADER]);
    // 科技型中小企业入库数: the Q1 target (11) copied into Q2; actual empty; 16 indicators (no manual ones in the sample).
    const rows = [] as unknown[][];
    for (let r = RETURN_HEADER_ROW + 1; ws.getCell(r, 3).value; r++) rows.push([1, 2, 3, 4, 5, 6].map((c) => ws.getCell(r, c).value));
    expect(rows).toHaveLength(16);
    expect(rows[1]).toEqual([2, '大箕铺镇', '科技型中小企业入库数', '家', 11, null]);
    const target = ws.getCell(RETURN_HEADER_ROW + 2, 5);
    const actual = ws.getCell(RETURN_HEADER_ROW + 2, 6);
    expect(target.protection?.locked).not.toBe(false);
    expect(actual.protection?.locked).toBe(false);
    expect(ws.getCell(RETURN_HEADER_ROW + 2, 7).protection?.locked).toBe(false);
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
  });

  it('sheet names Excel accepts: no []:*?/\\, at most 31 characters, unique', () => {
    const taken = new Set<string>();
    expect(sheetName('a/b[c]:d*e?f\\g', taken)).toBe('a_b_c__d_e_f_g');
    const long = '很长的名字'.repeat(8);
    expect(sheetName(long, taken)).toHaveLength(31);
    const second = sheetName(long, taken);
    expect(second).toHaveLength(31);
    expect(second.endsWith('_2')).toBe(true);
  });
});

describe('many returned files at once', () => {
  it('three townships return: eleven missing, a changed target refused, the figures taken, who reported recorded; Ctrl+Z takes it all back', async () => {
    const { s, q2, factory } = await withQ2();
    const files = [
      { name: '高新区.xlsx', bytes: await filled(s, q2, 'gxq', { 科技型中小企业入库数: 20, 规上企业新招引科技人才: 45 }) },
      // 灵乡镇 raised its own target: refused, its actual still taken.
      { name: '灵乡镇.xlsx', bytes: await filled(s, q2, 'lx', { 科技型中小企业入库数: 9 }, { 科技型中小企业入库数: 1 }) },
      { name: '陈贵镇.xlsx', bytes: await filled(s, q2, 'cg', { 科技型中小企业入库数: 14, 规上企业研发人员: '/' }) },
    ];
    const pv = await s.previewReturns(q2, files);
    expect(pv.reported.map((r) => [r.unitName, r.fileNames, r.values])).toEqual([
      ['高新区', ['高新区.xlsx'], 2],
      ['灵乡镇', ['灵乡镇.xlsx'], 1],
      ['陈贵镇', ['陈贵镇.xlsx'], 2],
    ]);
    expect(pv.missing.map((m) => m.unitName)).toEqual(['临空区·还地桥镇', '金湖街道', '保安镇', '金山店镇', '大箕铺镇', '殷祖镇', '刘仁八镇', '金牛镇', '东岳街道', '东风农场', '茗山乡']);
    expect(pv.conflicts).toEqual([
      {
        kind: 'target',
        unitName: '灵乡镇',
        indicatorName: '科技型中小企业入库数',
        text: expect.stringMatching(/^文件“灵乡镇.xlsx”工作表“灵乡镇”第 5 行 E 列：目标任务数为 1，与下达的 \d+ 不一致，未采用（任务数以考核单位下达的为准）。$/u),
      },
    ]);
    expect([pv.takeCount, pv.overwriteCount]).toEqual([5, 0]);
    const lxTarget = s.cell(q2, 'lx', 'tech_sme')!.target;
    const out = await s.applyReturns(q2, pv.token, false);
    expect(out.ok).toBe(true);
    expect(s.cell(q2, 'gxq', 'tech_sme')).toMatchObject({ state: 'value', actual: 20 });
    expect(s.cell(q2, 'lx', 'tech_sme')).toMatchObject({ state: 'value', target: lxTarget, actual: 9 });
    expect(s.cell(q2, 'cg', 'rd_staff')).toMatchObject({ state: 'na' });
    const status = s.returnsStatus(q2);
    expect(status.filter((r) => r.fileName).map((r) => [r.unitName, r.fileName, r.filled])).toEqual([
      ['高新区', '高新区.xlsx', 2],
      ['灵乡镇', '灵乡镇.xlsx', 1],
      ['陈贵镇', '陈贵镇.xlsx', 1],
    ]);
    // Stored: another tab (or tomorrow) sees who reported.
    const other = createService({ indexedDB: factory });
    await other.init();
    expect(other.returnsStatus(q2).filter((r) => r.fileName).map((r) => r.unitName)).toEqual(['高新区', '灵乡镇', '陈贵镇']);
    // 陈贵镇's 研发人员 is 不适用 now: one fewer to report.
    expect(status.find((r) => r.unitId === 'cg')!.expected).toBe(status.find((r) => r.unitId === 'gxq')!.expected - 1);
    await s.undo();
    expect(s.cell(q2, 'gxq', 'tech_sme')!.actual).toBeNull();
    expect(s.returnsStatus(q2).every((r) => r.fileName === null)).toBe(true);
  });

  it('a figure over a different one already there is taken only when chosen', async () => {
    const { s, q2 } = await withQ2();
    await s.editCells(q2, [{ unitId: 'gxq', indicatorId: 'tech_sme', after: { state: 'value', target: s.cell(q2, 'gxq', 'tech_sme')!.target, actual: 18 } }], '输入');
    const pv = await s.previewReturns(q2, [{ name: '高新区.xlsx', bytes: await filled(s, q2, 'gxq', { 科技型中小企业入库数: 20, 规上企业新招引科技人才: 45 }) }]);
    expect(pv.conflicts.map((c) => c.kind)).toEqual(['existing']);
    expect(pv.conflicts[0]!.text).toBe('高新区「科技型中小企业入库数」：工作簿中已有 18，文件“高新区.xlsx”工作表“高新区”第 5 行 F 列报送 20。');
    expect([pv.takeCount, pv.overwriteCount]).toEqual([1, 1]);
    await s.applyReturns(q2, pv.token, false);
    expect(s.cell(q2, 'gxq', 'tech_sme')!.actual).toBe(18);
    expect(s.cell(q2, 'gxq', 'talent')!.actual).toBe(45);
    const again = await s.previewReturns(q2, [{ name: '高新区.xlsx', bytes: await filled(s, q2, 'gxq', { 科技型中小企业入库数: 20 }) }]);
    await s.applyReturns(q2, again.token, true);
    expect(s.cell(q2, 'gxq', 'tech_sme')!.actual).toBe(20);
  });

  it('a township in two files (原件 and 更正): the 更正 counts, the differences are listed, the other can be picked instead; else the newer file', async () => {
    const { s, q2 } = await withQ2();
    const original = await filled(s, q2, 'gxq', { 科技型中小企业入库数: 20, 规上企业新招引科技人才: 45 });
    const corrected = await filled(s, q2, 'gxq', { 科技型中小企业入库数: 20, 规上企业新招引科技人才: 46 });
    const pv = await s.previewReturns(q2, [
      { name: '高新区（更正）.xlsx', bytes: corrected, lastModified: 1_000 },
      { name: '高新区.xlsx', bytes: original, lastModified: 2_000 },
    ]);
    expect(pv.conflicts).toEqual([]);
    expect(pv.duplicates).toEqual([
      {
        unitId: 'gxq',
        unitName: '高新区',
        files: [
          { fileName: '高新区（更正）.xlsx', lastModified: 1_000, values: 2 },
          { fileName: '高新区.xlsx', lastModified: 2_000, values: 2 },
        ],
        chosen: '高新区（更正）.xlsx',
        why: 'named',
        differences: ['规上企业新招引科技人才：“高新区（更正）.xlsx”46，“高新区.xlsx”45'],
      },
    ]);
    expect(pv.changes.filter((c) => c.field === '实绩数').map((c) => [c.indicatorName, c.newText])).toEqual([
      ['科技型中小企业入库数', '20'],
      ['规上企业新招引科技人才', '46'],
    ]);
    // The person picks the original instead: the preview follows, and that is what is taken.
    const picked = await s.chooseReturnFile(pv.token, 'gxq', '高新区.xlsx');
    expect(picked.duplicates[0]!.why).toBe('picked');
    expect(picked.changes.find((c) => c.indicatorId === 'talent' && c.field === '实绩数')!.newText).toBe('45');
    await s.applyReturns(q2, pv.token, false);
    expect(s.cell(q2, 'gxq', 'talent')!.actual).toBe(45);
    expect(s.returnsStatus(q2).find((r) => r.unitId === 'gxq')!.fileName).toBe('高新区.xlsx');
    await s.undo();

    // No name says 更正: the file modified last counts.
    const byTime = await s.previewReturns(q2, [
      { name: '高新区-a.xlsx', bytes: corrected, lastModified: 5_000 },
      { name: '高新区-b.xlsx', bytes: original, lastModified: 3_000 },
    ]);
    expect([byTime.duplicates[0]!.chosen, byTime.duplicates[0]!.why]).toEqual(['高新区-a.xlsx', 'newer']);
    await expect(s.chooseReturnFile(byTime.token, 'gxq', '别的.xlsx')).rejects.toThrow('没有选择过文件“别的.xlsx”');
  });

  it('a file that cannot be read, or names a township not in the period, is named; nothing of the workbook changes', async () => {
    const { s, q2 } = await withQ2();
    const before = s.gridView(q2);
    const other = await filled(s, q2, 'gxq', { 科技型中小企业入库数: 20 });
    const wb = await load(other);
    wb.worksheets[0]!.getColumn(2).eachCell((c, r) => r > RETURN_HEADER_ROW && c.value && (c.value = '外县镇'));
    const pv = await s.previewReturns(q2, [
      { name: '坏文件.xlsx', bytes: new TextEncoder().encode('这不是表格') },
      { name: '外县.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) },
    ]);
    expect(pv.errors[0]).toMatch(/^文件“坏文件.xlsx”无法读取：/u);
    // The name no township goes by is listed where it is, to map to a township or skip (not an error).
    expect(pv.unmatched.map((u) => [u.raw, u.where, u.chosen])).toEqual([['外县镇', '文件“外县.xlsx”工作表“高新区”第 4 行 B 列', null]]);
    expect(pv.reported).toEqual([]);
    expect(pv.missing).toHaveLength(14);
    expect(s.gridView(q2).columns).toEqual(before.columns);
  });
});

describe('a return for another period', () => {
  it('last quarter\'s template filled in again is refused by name; this quarter\'s is taken', async () => {
    const { s, q2 } = await withQ2();
    // A Q1 template (the sample period), its actual filled in, brought into Q2.
    const q1 = await filled(s, P, 'djp', { 科技型中小企业入库数: 99 });
    const right = await filled(s, q2, 'gxq', { 科技型中小企业入库数: 20 });
    const pv = await s.previewReturns(q2, [
      { name: '大箕铺镇-一季度.xlsx', bytes: q1 },
      { name: '高新区.xlsx', bytes: right },
    ]);
    // The template says which period it was made for (its document properties): refused as a whole file.
    expect(pv.errors).toContain('文件“大箕铺镇-一季度.xlsx”是 2023年一季度 的报送模板，而当前考核期是 2023年二季度，未导入。请让乡镇填写本期的模板。');
    expect(pv.reported.map((r) => r.unitName)).toEqual(['高新区']);
    expect(pv.missing.map((m) => m.unitName)).toContain('大箕铺镇');
    await s.applyReturns(q2, pv.token, true);
    expect(s.cell(q2, 'djp', 'tech_sme')!.actual).toBeNull();
    expect(s.cell(q2, 'gxq', 'tech_sme')!.actual).toBe(20);
  });
});

describe('limits', () => {
  it('too many files, or too many bytes at once, are refused before anything is read', async () => {
    const { s, q2 } = await withQ2();
    const tiny = { name: 'a.xlsx', bytes: new Uint8Array(10) };
    await expect(s.previewReturns(q2, Array.from({ length: 201 }, () => tiny))).rejects.toThrow('一次最多导入 200 个报送文件，这次选择了 201 个。');
    const big = { name: 'b.xlsx', bytes: new Uint8Array(16 * 1024 * 1024) };
    await expect(s.previewReturns(q2, [big, big, big, big])).rejects.toThrow('所选的 4 个文件共 64 MB，超过了一次导入报送 60 MB 的上限。');
    await expect(s.previewReturns(q2, [])).rejects.toThrow('没有选择文件。');
  });
});

describe('a name is never matched by containment (issue 27)', () => {
  it('a return for 金湖新区 (no such township) is not written into 金湖街道: listed to map or skip; mapped, it is taken', async () => {
    const { s, q2 } = await withQ2();
    // 金湖街道's template with its township renamed 金湖新区 (as a township office might retype it).
    const t = await s.exportReturnTemplate(q2, ['jh']);
    const wb = await load(t.bytes);
    const ws = wb.worksheets[0]!;
    for (let r = RETURN_HEADER_ROW + 1; r <= ws.rowCount; r++) {
      if (ws.getCell(r, 2).value === '金湖街道') ws.getCell(r, 2).value = '金湖新区';
      if (ws.getCell(r, 3).value === '科技型中小企业入库数') ws.getCell(r, 6).value = 77;
    }
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const p = await s.previewReturns(q2, [{ name: '金湖新区.xlsx', bytes }]);
    expect(p.unmatched.map((u) => [u.kind, u.raw, u.chosen])).toEqual([['unit', '金湖新区', null]]);
    // The preview carries the townships to map it to (and no indicators: none is unmatched).
    expect(p.names.units.map((u) => u.name)).toEqual(s.periodMeta(q2).units.map((u) => u.name));
    expect(p.names.units.find((u) => u.name === '金湖街道')?.id).toBe('jh');
    expect(p.names.indicators).toEqual([]);
    expect(p.reported.map((r) => r.unitName)).toEqual([]);
    expect(p.takeCount).toBe(0);
    // Mapped to 金湖街道 by the person: now it is 金湖街道's return.
    const mapped = await s.mapReturnNames(p.token, { units: { [p.unmatched[0]!.key]: 'jh' }, indicators: {} });
    expect(mapped.unmatched.map((u) => u.chosen)).toEqual(['jh']);
    expect(mapped.reported.map((r) => r.unitName)).toEqual(['金湖街道']);
    await s.applyReturns(q2, p.token, false);
    expect(s.cell(q2, 'jh', 'tech_sme')).toMatchObject({ actual: 77 });
  });

  it('the importer alike: a row for 金湖新区 is 认不出的单位, not 金湖街道', async () => {
    const { makeUnitMatcher } = await import('../../src/engine/import/match');
    const { samplePeriod } = await import('../../src/sample/daye-2023q1');
    const match = makeUnitMatcher(samplePeriod().units);
    expect(match('金湖新区')).toBeNull();
    expect(match('金湖')?.id).toBe('jh');
    expect(match('东岳')?.id).toBe('dy');
    expect(match('临空经济区·还地桥镇')?.id).toBe('lkq');
    expect(match('还地桥镇')?.id).toBe('lkq');
    expect(match('高新区管委会')?.id).toBe('gxq');
    expect(match('大冶湖高新区')?.id).toBe('gxq');
  });
});
