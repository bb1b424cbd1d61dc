/**
 * 打开文件 starts the session from the workbook it has just written (not from a re-read of the store,
 * issue 30): what the window shows after opening must be exactly what a reload from the store shows —
 * every cell, every score — for files holding what a store does not keep as written (an empty cell,
 * a blank remark, manual points of null) and after edits made on top.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createService, type Service } from '../../src/service/service';
import { sampleWorkbook } from '../../src/sample/daye-2023q1';
import { FILE_FORMAT, type Workbook } from '../../src/model';
import { readWorkbookFileFull, writeWorkbookFile } from '../../src/xlsx/workbookFile';
import { oldFormatFile } from '../support/old-format-file';

const P = 'daye-2023-q1';

/** The sample with cells the store normalises: an empty cell, a blank remark, manual points of null, a pending and a 不适用 cell. */
function awkwardWorkbook(): Workbook {
  const wb = sampleWorkbook();
  const c = wb.periods[0]!.cells;
  c['gxq|talent'] = { state: 'missing', target: null, actual: null };
  c['lx|talent'] = { ...c['lx|talent']!, remark: '' };
  c['jh|talent'] = { ...c['jh|talent']!, manualScore: null };
  c['cg|talent'] = { state: 'pending', target: 3, actual: null, remark: '待报' };
  c['ba|talent'] = { state: 'na', target: null, actual: null };
  return wb;
}

/** Everything the window shows of the period: each cell as the worker holds it, and the ranking. */
function shown(s: Service, periodId: string) {
  const { units, indicators } = sampleWorkbook().periods[0]!;
  const cells = units.flatMap((u) => indicators.map((ind) => [`${u.id}|${ind.id}`, s.cell(periodId, u.id, ind.id) ?? null]));
  const { periodId: _id, ...view } = s.periodView(periodId);
  return { cells: Object.fromEntries(cells), view };
}

async function fileOf(wb: Workbook): Promise<Uint8Array> {
  return writeWorkbookFile({ format: FILE_FORMAT, formatVersion: 3, savedAt: '2024-04-01T00:00:00.000Z', workbook: wb, snapshots: [] });
}

describe('打开文件: the session starts from what was written', () => {
  for (const mode of ['replace', 'copy'] as const) {
    it(`${mode}: shows exactly what a reload from the store shows, before and after an edit`, async () => {
      const s = createService({ indexedDB: new IDBFactory() });
      await s.init();
      const bytes = await fileOf(awkwardWorkbook());
      const opened = await s.openWorkbookFile((await s.inspectWorkbookFile('f.xlsx', bytes)).token, mode);
      const pid = opened.state.periods[0]!.id;
      const fromFile = shown(s, pid);
      // Nothing of the file is lost or added on the way (the empty cell is no cell).
      expect(fromFile.cells['gxq|talent']).toBeNull();
      expect(fromFile.cells['cg|talent']).toEqual({ state: 'pending', target: 3, actual: null, remark: '待报' });
      expect(fromFile.cells['lx|talent']).not.toHaveProperty('remark');
      expect(fromFile.view.ranking.map((r) => r.totalText).slice(0, 3)).toEqual(['85.12', '84.30', '83.29']);
      await s.openWorkbook(opened.state.workbookId);
      expect(shown(s, pid)).toEqual(fromFile);
      expect(s.state().revision).toBe(opened.state.revision);

      // Edits on top of the opened session land in the store as they show.
      await s.openWorkbookFile((await s.inspectWorkbookFile('f.xlsx', bytes)).token, 'replace');
      const sid = s.state().periods[0]!.id;
      const before = s.cell(sid, 'djp', 'tech_sme')!;
      await s.editCells(sid, [{ unitId: 'djp', indicatorId: 'tech_sme', before, after: { ...before, actual: 40 } }], '输入');
      await s.whenWritten();
      const edited = shown(s, sid);
      expect(edited.cells['djp|tech_sme']).toMatchObject({ actual: 40 });
      await s.openWorkbook(s.state().workbookId);
      expect(shown(s, sid)).toEqual(edited);
    });
  }

  it('a file of an older format (cells by key, format 2): the session shows what a reload shows', async () => {
    const s = createService({ indexedDB: new IDBFactory() });
    await s.init();
    const bytes = oldFormatFile({ format: FILE_FORMAT, formatVersion: 2, savedAt: '2024-04-01T00:00:00.000Z', workbook: awkwardWorkbook(), snapshots: [] }, true);
    const opened = await s.openWorkbookFile((await s.inspectWorkbookFile('旧版.xlsx', bytes)).token, 'replace');
    const pid = opened.state.periods[0]!.id;
    const fromFile = shown(s, pid);
    expect(fromFile.view.ranking.map((r) => r.totalText).slice(0, 3)).toEqual(['85.12', '84.30', '83.29']);
    await s.openWorkbook(opened.state.workbookId);
    expect(shown(s, pid)).toEqual(fromFile);
  });

  it('a file read keeps its cells once: by key and by column, the same objects', async () => {
    const read = await readWorkbookFileFull(await fileOf(awkwardWorkbook()), 'f.xlsx');
    const p = read.content.workbook.periods[0]!;
    const column = read.columns!.get(P)!.get('talent')!;
    expect(column[p.units.findIndex((u) => u.id === 'cg')]).toBe(p.cells['cg|talent']);
    expect(column[p.units.findIndex((u) => u.id === 'gxq')]).toBeUndefined();
    expect(p.cells).not.toHaveProperty('gxq|talent');
  });
});
