/**
 * The data layer's own cost, in Node over fake-indexeddb (the worker runs the same code): what
 * validating everything read back adds, at 14 and 5 000 units × 16 indicators. Prints; asserts nothing.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { checkWorkbook, type Workbook } from '../src/model';
import { createService } from '../src/service/service';
import { sampleWorkbook } from '../src/sample/daye-2023q1';
import { readWorkbookFileFull, writeWorkbookFile } from '../src/xlsx/workbookFile';
import { parkMiller } from '../tests/support/random';

function bigWorkbook(units: number): Workbook {
  const wb = sampleWorkbook();
  const p = wb.periods[0]!;
  p.units = Array.from({ length: units }, (_, i) => ({ id: `u${i}`, name: `单位${i}`, aliases: [] }));
  p.cells = {};
  p.publishedTotals = {};
  const rnd = parkMiller(7);
  for (const u of p.units) for (const ind of p.indicators) {
    const target = Math.round(rnd() * 1000) + 1;
    p.cells[`${u.id}|${ind.id}`] = { state: 'value', target, actual: Math.round(target * (0.5 + rnd()) * 10) / 10 };
  }
  return wb;
}

const ms = (t0: number) => (performance.now() - t0).toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const units of [14, 5000]) {
  const wb = units === 14 ? sampleWorkbook() : bigWorkbook(units);
  const cells = Object.keys(wb.periods[0]!.cells).length;
  const checks: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    checkWorkbook(wb);
    checks.push(performance.now() - t0);
  }
  const s = createService({ indexedDB: new IDBFactory() });
  await s.init();
  const info = await s.inspectWorkbookFile('x.xlsx', await writeWorkbookFile({ format: 'kaohe-gongzuobu-workbook', formatVersion: 2, savedAt: new Date().toISOString(), workbook: wb, snapshots: [] }));
  let t0 = performance.now();
  const opened = await s.openWorkbookFile(info.token, 'copy');
  const openMs = ms(t0);
  const pid = opened.state.periods[0]!.id;
  t0 = performance.now();
  await s.openWorkbook(opened.state.workbookId);
  const loadMs = ms(t0);
  const edits: number[] = [];
  for (let i = 0; i < 5; i++) {
    const unitId = wb.periods[0]!.units[i]!.id;
    const before = s.cell(pid, unitId, 'talent');
    const t1 = performance.now();
    await s.editCells(pid, [{ unitId, indicatorId: 'talent', before, after: { state: 'value', target: 40, actual: i } }], 'bench', { baseVersion: s.state().version });
    edits.push(performance.now() - t1);
  }
  t0 = performance.now();
  const file = await s.saveWorkbookFile();
  const saveMs = ms(t0);
  t0 = performance.now();
  await readWorkbookFileFull(file.bytes, 'x.xlsx');
  const readMs = ms(t0);
  console.log(
    `${units} units (${cells} cells): validate workbook ${median(checks).toFixed(1)} ms; open file as copy (validate + one transaction) ${openMs} ms; load from IndexedDB with every record validated ${loadMs} ms; one edit committed ${median(edits).toFixed(1)} ms (median of 5); save file ${saveMs} ms; read + checksum + validate file ${readMs} ms`,
  );
}
