/**
 * One gate for every value (issue 18): the same bad values pushed through every door into a
 * workbook — typing, paste, a restored draft, undo, 导入 Excel, township returns, a workbook file's
 * visible 数据 sheet and its _model, the journal of a closed tab (this workbook and another),
 * a scenario's target and a decomposition applied as a scenario. Each must be refused with the same
 * reason, and storage must be byte-identical afterwards.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { createService, type Service } from '../../src/service/service';
import { applyInput, setRemark } from '../../src/ui/state/cellInput';
import { RETURN_HEADER_ROW } from '../../src/xlsx/returnTemplate';
import { readWorkbookFile, writeWorkbookFile } from '../../src/xlsx/workbookFile';
import type { Cell } from '../../src/model';
import { dumpDb, withRawDb } from '../support/db-dump';

const P = 'daye-2023-q1';
const U = 'gxq';
/** 科技型中小企业入库数: a 家 indicator, whole numbers. */
const I = 'tech_sme';
const none = { units: {}, indicators: {} };

interface Bad {
  name: string;
  /** As typed or written in a file. */
  text: string;
  /** As a number, where it is one. */
  num?: number;
  remark?: string;
  /** The reason, as a target (and as an actual, where it is bad as one). */
  target: RegExp;
  actual: RegExp | null;
}

const MB2 = 'x'.repeat(2 * 1024 * 1024);
const BAD: Bad[] = [
  { name: '−5', text: '-5', num: -5, target: /任务数为 -5，必须大于 0/, actual: /实绩数为 -5，不能为负数/ },
  { name: '0', text: '0', num: 0, target: /任务数为 0，必须大于 0/, actual: null },
  { name: '5e-324', text: '5e-324', num: 5e-324, target: /任务数为 5e-324，太小：按该指标的 0 位小数会显示为 0/, actual: null },
  { name: '1e300', text: '1e300', num: 1e300, target: /任务数为 1e\+?300，超出合理范围（绝对值应小于 1 万亿）/, actual: /实绩数为 1e\+?300，超出合理范围/ },
  { name: '−1e308', text: '-1e308', num: -1e308, target: /任务数为 -1e\+?308，超出合理范围（绝对值应小于 1 万亿）/, actual: /实绩数为 -1e\+?308，超出合理范围/ },
  { name: 'NaN', text: 'NaN', target: /任务数“NaN”不是数字/, actual: /实绩数“NaN”不是数字/ },
  { name: 'Infinity', text: 'Infinity', target: /任务数“Infinity”不是数字/, actual: /实绩数“Infinity”不是数字/ },
  { name: 'abc', text: 'abc', target: /任务数“abc”不是数字/, actual: /实绩数“abc”不是数字/ },
  { name: '20000% into 家', text: '20000%', target: /任务数“20000%”是百分数，而该指标的单位是“家”/, actual: /实绩数“20000%”是百分数/ },
  { name: '2 MB remark', text: '', remark: MB2, target: /备注有 2,097,152 个字，超过了 500 个字的上限/, actual: /备注有 2,097,152 个字/ },
];

interface Ctx {
  s: Service;
  factory: IDBFactory;
  extra: Record<string, string>;
}

/** A door: how a bad value is pushed through it; returns every word the app said. `mark()` takes the storage snapshot. */
interface Door {
  name: string;
  field: 'target' | 'actual';
  /** Values this door can carry at all (a JSON number cannot be "abc"). */
  carries?: (v: Bad) => boolean;
  setup?: (c: Ctx) => Promise<void>;
  attempt: (c: Ctx, v: Bad, mark: () => Promise<void>) => Promise<string>;
  /** Where the value would land. */
  cell?: (c: Ctx) => [string, string, string];
}

const said = (o: { message?: string; ok?: boolean } | null | undefined) => `${o?.ok === false ? '' : '(accepted?) '}${o?.message ?? ''}`;
const typedCell = (cur: Cell | null, v: Bad) => (v.remark !== undefined ? setRemark(cur, v.remark) : applyInput(cur, 'target', v.text));
const typedInput = (v: Bad) => (v.remark !== undefined ? {} : { input: [{ field: 'target' as const, text: v.text }] });

async function scoreDetailFile(v: Bad, field: 'target' | 'actual', current: Cell | null): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('考核得分明细');
  ws.addRow(['序号', '乡镇', '指标名称', '目标任务数', '完成任务数', '目标分值', '考核得分', '总得分', '备注']);
  const value = v.num ?? v.text;
  const target = v.remark !== undefined || field === 'actual' ? current?.target : value;
  const actual = field === 'actual' && v.remark === undefined ? value : current?.actual;
  ws.addRow([1, '高新区', '科技型中小企业入库数', target, actual, 10, null, null, v.remark ?? null]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const DOORS: Door[] = [
  {
    name: 'typing',
    field: 'target',
    attempt: async ({ s }, v) => {
      const cur = s.cell(P, U, I);
      return said(await s.editCells(P, [{ unitId: U, indicatorId: I, before: cur, after: typedCell(cur, v), ...typedInput(v) }], '输入 高新区 科技型中小企业入库数 任务数'));
    },
  },
  {
    name: 'paste (with a good value beside it)',
    field: 'target',
    attempt: async ({ s }, v) => {
      const cur = s.cell(P, U, I);
      const lx = s.cell(P, 'lx', I);
      const good = { unitId: 'lx', indicatorId: I, before: lx, after: applyInput(lx, 'target', '12'), input: [{ field: 'target' as const, text: '12' }] };
      return said(await s.editCells(P, [good, { unitId: U, indicatorId: I, before: cur, after: typedCell(cur, v), ...typedInput(v) }], '粘贴 2 行 × 1 列'));
    },
  },
  {
    name: 'a restored draft',
    field: 'target',
    attempt: async ({ s }, v) => {
      const cur = s.cell(P, U, I);
      return said(await s.editCells(P, [{ unitId: U, indicatorId: I, before: cur, after: typedCell(cur, v), ...typedInput(v) }], '恢复输入 高新区', { strict: true }));
    },
  },
  {
    name: 'undo (a value another page stored, undone back to)',
    field: 'target',
    attempt: async (c, v, mark) => {
      // Another local page writes the bad value straight into the stored block…
      await withRawDb(c.factory, async (db) => {
        const blocks = (await db.getAll('cellBlocks')) as { indicatorId: string; units: string[]; target: Float64Array; extra: { i: number; target?: string; remark?: string }[] }[];
        const b = blocks.find((x) => x.indicatorId === I && x.units.includes(U))!;
        const i = b.units.indexOf(U);
        b.extra = b.extra.filter((x) => x.i !== i);
        if (v.remark !== undefined) b.extra.push({ i, remark: v.remark });
        else if (v.num !== undefined) b.target[i] = v.num;
        else {
          b.target[i] = NaN;
          b.extra.push({ i, target: v.text });
        }
        await db.put('cellBlocks', b);
      });
      // …this window reads it (flagged 数据有误), the person types a good value over it, then Ctrl+Z.
      await c.s.init();
      const cur = c.s.cell(P, U, I);
      const fixed = v.remark !== undefined ? setRemark(cur, '迟报材料') : applyInput(cur, 'target', '7');
      await c.s.editCells(P, [{ unitId: U, indicatorId: I, before: cur, after: fixed }], '输入 高新区');
      await mark();
      return said(await c.s.undo());
    },
  },
  {
    name: '导入 Excel',
    field: 'target',
    attempt: async ({ s }, v) => {
      const pv = await s.previewImport(P, '明细.xlsx', await scoreDetailFile(v, 'target', s.cell(P, U, I)), none);
      await s.applyImport(P, pv.token, none);
      return pv.errors.join('\n');
    },
  },
  {
    name: 'township returns',
    field: 'actual',
    setup: async (c) => {
      c.extra.q2 = (await c.s.addPeriod(P, { year: 2023, quarter: 2 })).periodId;
    },
    cell: (c) => [c.extra.q2!, U, I],
    attempt: async ({ s, extra }, v) => {
      const t = await s.exportReturnTemplate(extra.q2!, [U]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(t.bytes) as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      for (let r = RETURN_HEADER_ROW + 1; r <= ws.rowCount; r++) {
        if (ws.getCell(r, 3).value !== '科技型中小企业入库数') continue;
        if (v.remark !== undefined) ws.getCell(r, 7).value = v.remark;
        else ws.getCell(r, 6).value = v.num ?? v.text;
      }
      const pv = await s.previewReturns(extra.q2!, [{ name: '高新区.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) }]);
      await s.applyReturns(extra.q2!, pv.token, true);
      return pv.errors.join('\n');
    },
  },
  {
    name: "a workbook file's 数据 sheet",
    field: 'target',
    attempt: async ({ s }, v, mark) => {
      const file = await s.saveWorkbookFile();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('2023年一季度数据')!;
      ws.eachRow((row) => {
        if (row.getCell(1).value !== '高新区' || row.getCell(2).value !== '科技型中小企业入库数') return;
        if (v.remark !== undefined) row.getCell(7).value = v.remark;
        else row.getCell(4).value = v.num ?? v.text;
      });
      const info = await s.inspectWorkbookFile('工作簿.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
      const opened = await s.openWorkbookFile(info.token, 'replace');
      await mark();
      const pv = opened.sheetEditPreviews[0];
      if (!pv) return '(no preview of the edited sheet)';
      await s.applyImport(pv.periodId, pv.token, none);
      return pv.errors.join('\n');
    },
  },
  {
    name: "a workbook file's _model (checksum recomputed)",
    field: 'target',
    attempt: async ({ s }, v) => {
      const content = await readWorkbookFile((await s.saveWorkbookFile()).bytes, 'x.xlsx');
      const cell = content.workbook.periods[0]!.cells[`${U}|${I}`]!;
      if (v.remark !== undefined) cell.remark = v.remark;
      else cell.target = v.num ?? v.text;
      const info = await s.inspectWorkbookFile('篡改.xlsx', await writeWorkbookFile(content));
      const err = await s.openWorkbookFile(info.token, 'replace').then(
        () => '(opened)',
        (e: Error) => e.message,
      );
      return `${info.refused.join('\n')}\n${err}`;
    },
  },
  {
    name: "a closed tab's journal (this workbook)",
    field: 'target',
    attempt: async ({ s }, v) => {
      const cur = s.cell(P, U, I);
      const r = await s.replayJournal([{ id: 'j-1', owner: 'page-gone', workbookId: s.state().workbookId, periodId: P, label: '输入 高新区', changes: [{ unitId: U, indicatorId: I, before: cur, after: typedCell(cur, v), ...typedInput(v) }] }]);
      return r.failed.join('\n');
    },
  },
  {
    name: "a closed tab's journal (another workbook)",
    field: 'target',
    setup: async (c) => {
      c.extra.first = c.s.state().workbookId;
      await c.s.createWorkbook('另一个', 'sample');
    },
    attempt: async ({ s, extra }, v) => {
      const r = await s.replayJournal([{ id: 'j-2', owner: 'page-gone', workbookId: extra.first!, periodId: P, label: '输入 高新区', changes: [{ unitId: U, indicatorId: I, before: null, after: typedCell(null, v), ...typedInput(v) }] }]);
      return r.failed.join('\n');
    },
    cell: () => ['', '', ''],
  },
  {
    name: "a scenario's target",
    field: 'target',
    carries: (v) => v.remark === undefined,
    setup: async (c) => {
      c.extra.scenario = (await c.s.createScenario(P, '情景一')).id;
    },
    attempt: async ({ s, extra }, v) =>
      s.setScenarioTarget(P, extra.scenario!, U, I, v.text).then(
        (o) => said(o),
        (e: Error) => e.message,
      ),
  },
  {
    name: 'a decomposition applied as a scenario',
    field: 'target',
    carries: (v) => v.num !== undefined,
    attempt: async ({ s }, v) =>
      s.createScenario(P, '目标分解：科技型中小企业入库数', { [`${U}|${I}`]: { target: v.num! } }).then(
        (o) => said(o.outcome),
        (e: Error) => e.message,
      ),
  },
];

const tally = { pairs: 0, accepted: 0, crashes: 0, values: new Set<string>() };

describe('value gate: the same bad values through every door', () => {
  for (const door of DOORS) {
    it(door.name, async () => {
      const factory = new IDBFactory();
      const c: Ctx = { s: createService({ indexedDB: factory }), factory, extra: {} };
      await c.s.init();
      await door.setup?.(c);
      for (const v of BAD) {
        const reason = door.field === 'target' ? v.target : v.actual;
        if (!reason || (door.carries && !door.carries(v))) continue;
        tally.pairs++;
        tally.values.add(v.name);
        const where = door.cell?.(c) ?? [P, U, I];
        const cellNow = () => (where[0] ? JSON.stringify(c.s.cell(...where)) : '');
        let cellBefore = cellNow();
        let before = await dumpDb(factory);
        const mark = async () => {
          before = await dumpDb(factory);
          cellBefore = cellNow();
        };
        let words: string;
        try {
          words = await door.attempt(c, v, mark);
        } catch (e) {
          words = (e as Error).message;
          if (!/[\u4e00-\u9fff]/u.test(words) || /意外的错误/u.test(words)) tally.crashes++;
        }
        const after = await dumpDb(factory);
        const cellAfter = cellNow();
        if (after !== before || cellAfter !== cellBefore) tally.accepted++;
        expect.soft(words, `${door.name} × ${v.name}`).toMatch(reason);
        expect.soft(after === before, `${door.name} × ${v.name}: storage byte-identical`).toBe(true);
        expect.soft(cellAfter, `${door.name} × ${v.name}: the cell`).toBe(cellBefore);
      }
    });
  }

  afterAll(() => {
    console.log(`value gate: ${DOORS.length} doors × ${tally.values.size} values (${tally.pairs} pairs), ${tally.accepted} accepted, ${tally.crashes} crashes`);
  });

  it('the values already stored that fail the policy are 数据有误, and never block an export', async () => {
    const factory = new IDBFactory();
    const s = createService({ indexedDB: factory });
    await s.init();
    await withRawDb(factory, async (db) => {
      const blocks = (await db.getAll('cellBlocks')) as { indicatorId: string; units: string[]; target: Float64Array }[];
      const b = blocks.find((x) => x.indicatorId === 'rd_staff' && x.units.includes('lkq'))!;
      b.target[b.units.indexOf('lkq')] = 5e-324;
      await db.put('cellBlocks', b);
    });
    await s.init();
    const row = s.periodView(P).ranking.find((r) => r.unitId === 'lkq')!;
    expect(row.totalText).toBe('数据有误');
    expect(row.firstError).toBe('临空区·还地桥镇「规上企业研发人员」的任务数为 5e-324，太小：按该指标的 0 位小数会显示为 0（至少应为 0.5）');
    const out = await s.exportTables(P, 'all');
    expect(out.bytes.byteLength).toBeGreaterThan(10_000);
  });
});

describe('decomposition by the same policy', () => {
  it('a negative typed weight is refused by name, never read as 0; a total of 0 is refused', async () => {
    const s = createService({ indexedDB: new IDBFactory() });
    await s.init();
    expect(() => s.decomposition(P, I, '300', 'typed', null, { gxq: '5', lx: '-2' })).toThrow('灵乡镇的权重为 -2，不能小于 0，无法分解。');
    expect(() => s.decomposition(P, I, '0', 'equal', null, {})).toThrow('全市目标为 0，必须大于 0，无法分解。');
    const ok = s.decomposition(P, I, '300', 'typed', null, { gxq: '1', lx: '2' });
    expect(ok.rows.filter((r) => (r.target ?? 0) > 0).map((r) => [r.unitId, r.target])).toEqual([
      ['gxq', 100],
      ['lx', 200],
    ]);
  });
});
