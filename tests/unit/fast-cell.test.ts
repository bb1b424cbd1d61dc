/** The quick read of stored cell records gives exactly what the schema check and normalising give. */
import { describe, expect, it } from 'vitest';
import { check, checkWorkbook, WorkbookSchema } from '../../src/model';
import { sampleWorkbook } from '../../src/sample/daye-2023q1';
import { CellRecordSchema } from '../../src/model/records';
import { normalizeCell } from '../../src/engine/workbook/commands';
import { readCellRecordFast } from '../../src/store/fastCell';
import { rng } from '../support/random';


const pick = <T,>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const VALUES: unknown[] = [null, undefined, 0, 1.5, -3, '12', '', 'abc', NaN, Infinity, true, {}, [], 1e308];
const IDS: unknown[] = ['u1', '', undefined, 7, null];
const STATES: unknown[] = ['value', 'na', 'pending', 'missing', 'VALUE', '', undefined, 3];

function randomRecord(r: () => number): unknown {
  if (r() < 0.03) return pick(r, [null, 42, 'x', [], undefined]);
  const rec: Record<string, unknown> = {};
  for (const k of ['workbookId', 'periodId', 'unitId', 'indicatorId']) {
    const v = r() < 0.9 ? `${k}-1` : pick(r, IDS);
    if (v !== undefined || r() < 0.5) rec[k] = v;
  }
  const fields: [string, readonly unknown[]][] = [['state', STATES], ['target', VALUES], ['actual', VALUES], ['manualScore', VALUES], ['remark', ['', '补报', undefined, 3]]];
  for (const [k, xs] of fields) {
    const optional = k === 'manualScore' || k === 'remark';
    if (optional && r() < 0.6) continue;
    rec[k] = r() < 0.6 && !optional ? (k === 'state' ? 'value' : Math.round(r() * 1000)) : pick(r, xs);
  }
  if (r() < 0.1) rec.extra = 'ignored';
  return rec;
}

describe('reading stored cells quickly', () => {
  it('agrees with check(CellRecordSchema) + normalizeCell on 20 000 random records, and accepts the common ones', () => {
    const r = rng(2024);
    let fastTaken = 0;
    for (let k = 0; k < 20_000; k++) {
      const raw = randomRecord(r);
      const fast = readCellRecordFast(raw);
      const slow = check(CellRecordSchema, raw);
      if (fast === undefined) continue;
      fastTaken++;
      expect(slow.ok, JSON.stringify(raw)).toBe(true);
      if (!slow.ok) continue;
      const { workbookId, periodId, unitId, indicatorId, ...cell } = slow.value;
      expect(fast, JSON.stringify(raw)).toEqual({ workbookId, periodId, unitId, indicatorId, cell: normalizeCell(cell) });
    }
    expect(fastTaken).toBeGreaterThan(5000);
  });

  it('leaves a damaged record to the full check, which names the problem', () => {
    for (const raw of [{ workbookId: 'w', periodId: 'p', unitId: 'u', indicatorId: 'i', state: 'value', target: 'x', actual: NaN }, { workbookId: 'w', periodId: 'p', unitId: 'u', indicatorId: 'i', state: 'done', target: 1, actual: 1 }, { workbookId: 'w', periodId: 'p', unitId: '', indicatorId: 'i', state: 'value', target: 1, actual: 1 }]) {
      expect(readCellRecordFast(raw)).toBeUndefined();
      expect(check(CellRecordSchema, raw).ok).toBe(false);
    }
    expect(readCellRecordFast({ workbookId: 'w', periodId: 'p', unitId: 'u', indicatorId: 'i', state: 'missing', target: null, actual: null })).toEqual({ workbookId: 'w', periodId: 'p', unitId: 'u', indicatorId: 'i', cell: null });
  });
});

describe('checking a whole workbook quickly', () => {
  it('gives what the schema gives, on 1 000 workbooks with random cells (valid, damaged, odd keys)', () => {
    const r = rng(77);
    let valid = 0;
    for (let k = 0; k < 1000; k++) {
      const wb = JSON.parse(JSON.stringify(sampleWorkbook())) as { periods: { cells: Record<string, unknown> }[] };
      const cells = wb.periods[0]!.cells;
      const keys = Object.keys(cells);
      for (let n = 0; n < 3; n++) {
        const key = pick(r, keys);
        const rec = randomRecord(r) as Record<string, unknown> | null;
        if (rec && typeof rec === 'object' && !Array.isArray(rec)) for (const id of ['workbookId', 'periodId', 'unitId', 'indicatorId']) delete rec[id];
        cells[key] = r() < 0.3 ? { state: 'value', target: 1, actual: 2 } : rec;
      }
      if (r() < 0.02) cells['__proto__'] = { state: 'value', target: 1, actual: 1 };
      const fast = checkWorkbook(wb);
      const slow = check(WorkbookSchema, wb);
      if (slow.ok) {
        // Cross-field rules come after the shape: the fast path may only differ by finding those.
        if (fast.ok) {
          valid++;
          expect(fast.value, `workbook ${k}`).toEqual(slow.value);
        }
      } else {
        expect(fast.ok, `workbook ${k}`).toBe(false);
        if (!fast.ok) expect(fast.problems, `workbook ${k}`).toEqual(slow.problems);
      }
    }
    expect(valid).toBeGreaterThan(100);
  });
});
