/**
 * The bad-input battery (issue 9), through the real import path of the worker (read → preview →
 * 确认导入) on the sample workbook in a fake IndexedDB. Each case: refused with its message and
 * storage byte-identical, or flagged/imported with exactly the stated cells changed.
 * Prints one summary line: N cases, crashes, unexpected changes.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';

import { afterAll, describe, expect, it } from 'vitest';
import { createService } from '../../src/service/service';
import type { Cell } from '../../src/model';
import { UserError } from '../../src/model/errors';
import { readImportFile } from '../../src/xlsx/import';
import { BAD_CASES } from '../support/bad-files';
import { dumpDb } from '../support/kit';

const P = 'daye-2023-q1';
let crashes = 0;
let unexpected = 0;
let ran = 0;


type Service = ReturnType<typeof createService>;

function allCells(s: Service, periodId: string): Map<string, Cell | null> {
  const meta = s.periodMeta(periodId);
  const out = new Map<string, Cell | null>();
  for (const u of meta.units) for (const i of meta.indicators) out.set(`${u.id}|${i.id}`, s.cell(periodId, u.id, i.id));
  return out;
}

describe('bad-input battery', () => {
  it('has at least 50 cases', () => expect(BAD_CASES.length).toBeGreaterThanOrEqual(50));

  for (const bc of BAD_CASES) {
    it(bc.name, async () => {
      ran++;
      const factory = new IDBFactory();
      const s = createService({ indexedDB: factory, channel: null });
      await s.init();
      let periodId = P;
      if (bc.nextPeriod) periodId = (await s.addPeriod(P)).periodId;
      const before = allCells(s, periodId);
      const stored = await dumpDb(factory);
      const bytes = await bc.build();
      const e = bc.expected;
      let facts;
      try {
        facts = await readImportFile(bytes, bc.fileName);
      } catch (err) {
        if (!(err instanceof UserError)) crashes++;
        expect(err, `${bc.name}: only a UserError with a Chinese message`).toBeInstanceOf(UserError);
        if (!('refused' in e)) throw err;
        expect((err as Error).message).toMatch(e.refused);
        const after = await dumpDb(factory);
        if (after !== stored) unexpected++;
        expect(after).toBe(stored);
        return;
      }
      if ('refused' in e) throw new Error(`${bc.name}: expected a refusal matching ${e.refused}, but the file was read`);
      const mappings = { units: {}, indicators: {}, ...(bc.hiddenSheets ? { hiddenSheets: bc.hiddenSheets } : {}) };
      const preview = await s.previewImport(periodId, bc.fileName, facts, mappings);
      if (e.errors) {
        expect(preview.errors, 'errors').toHaveLength(e.errors.length);
        e.errors.forEach((re, k) => expect(preview.errors[k]).toMatch(re));
      }
      if (e.warnings) {
        expect(preview.warnings, 'warnings').toHaveLength(e.warnings.length);
        e.warnings.forEach((re, k) => expect(preview.warnings[k]).toMatch(re));
      }
      if (e.unmatched !== undefined) expect(preview.unmatched).toHaveLength(e.unmatched);
      if (preview.changeCount > 0) {
        const out = await s.applyImport(periodId, preview.token, mappings);
        expect(out.ok).toBe(true);
      }
      const after = allCells(s, periodId);
      const changed = [...after.keys()].filter((k) => JSON.stringify(after.get(k)) !== JSON.stringify(before.get(k)));
      const expectedKeys = Object.keys(e.changes).sort();
      if (JSON.stringify(changed.sort()) !== JSON.stringify(expectedKeys)) unexpected++;
      expect(changed.sort(), 'exactly the stated cells change').toEqual(expectedKeys);
      for (const [k, fields] of Object.entries(e.changes)) expect(after.get(k), k).toMatchObject(fields);
    });
  }

  afterAll(() => {
    console.log(`bad-input battery: ${ran} cases, ${crashes} crashes, ${unexpected} unexpected changes`);
  });
});
