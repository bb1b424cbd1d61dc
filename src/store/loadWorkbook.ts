/**
 * Loading a workbook with every record validated (schema level 3). Invalid periods and cells (and
 * cells of units or indicators the period no longer has) are set aside — never scored, never
 * silently dropped — and the notice names what was lost: period, indicator, units and count.
 */
import { PeriodRecordSchema, WorkbookRecordSchema, check, comparePeriods, periodLabel, periodProblems, SCHEMA_VERSION, type Cell, type CellColumns, type Period, type Workbook } from '../model';
import type { KaoheDatabase } from './db';
import { moveAside, type SetAsideEntry } from './setAside';
import { cellsWhenRead, type FillStep } from './lazyCells';
import { readTx, underWorkbook, writeTx } from './tx';
import { blockAsPlain, blockKey, decodeBlock, encodeBlock, type CellBlockRecord, type CheckedUnitLists } from './cellBlocks';
import { UnitPositions } from './unitPositions';
import { lostCells, lostWords } from './lostCells';
import { now } from './ids';

const byTime = comparePeriods;

export interface LoadedWorkbook {
  workbook: Workbook;
  revision: number;
  /** Records that failed validation, now set aside. */
  setAside: SetAsideEntry[];
  /**
   * The cells as read, by period → indicator → unit position: the first scoring of a period reads
   * them without 800 000 string-keyed lookups in `cells` (valid only for the workbook as loaded).
   */
  columns: Map<string, CellColumns>;
  /** Cells set aside, as periodId|unitId|indicatorId, where known exactly. */
  lost: Set<string>;
  /** Steps that fill each period's keyed cells (made when first read otherwise): run them with fillLater once it is shown. */
  fillCells: FillStep[];
}

/**
 * A workbook with every record validated. Invalid periods and cells (and cells of units or
 * indicators the period no longer has) are set aside; the periods list is repaired to what exists.
 */
export async function loadWorkbook(db: KaoheDatabase, id: string, known?: Workbook): Promise<LoadedWorkbook | null> {
  const read = await readTx(db, ['workbooks', 'periods', 'cellBlocks'], async (tx) => {
    const w = await tx.objectStore('workbooks').get(id);
    const periods = await tx.objectStore('periods').getAll(underWorkbook(id));
    const blocks = await tx.objectStore('cellBlocks').getAll(underWorkbook(id));
    // The keys too: a block another page overwrote may no longer say whose it is; its key still does.
    const blockKeys = await tx.objectStore('cellBlocks').getAllKeys(underWorkbook(id));
    return { w, periods, blocks, blockKeys };
  });
  const wr = check(WorkbookRecordSchema, read.w);
  if (!wr.ok) return null;
  const record = wr.value;
  const aside: SetAsideEntry[] = [];
  /** Blocks to write back without the cells set aside from them. */
  const rewritten: CellBlockRecord[] = [];
  const periods = new Map<string, Period>();
  const rawBlocksByPeriod = new Map<string, { key: IDBValidKey; raw: unknown }[]>();
  (read.blocks as unknown[]).forEach((raw, i) => {
    const key = read.blockKeys[i] as IDBValidKey;
    const pid = String(Array.isArray(key) ? key[1] : (raw as { periodId?: unknown })?.periodId);
    const list = rawBlocksByPeriod.get(pid) ?? [];
    list.push({ key, raw });
    rawBlocksByPeriod.set(pid, list);
  });
  const cellCount = (blocks: { raw: unknown }[]) => blocks.reduce<number>((n, b) => n + (Array.isArray((b.raw as { units?: unknown })?.units) ? ((b.raw as { units: unknown[] }).units.length) : 0), 0);
  for (const raw of read.periods as unknown[]) {
    const pr = check(PeriodRecordSchema, raw);
    const pid = String((raw as { id?: unknown })?.id);
    const problems = pr.ok ? periodProblems(pr.value, null) : pr.problems;
    if (!pr.ok || problems.length) {
      const blocks = rawBlocksByPeriod.get(pid) ?? [];
      rawBlocksByPeriod.delete(pid);
      const label = pr.ok ? periodLabel(pr.value) : pid;
      aside.push({
        what: `工作簿“${record.name}”的考核期 ${label}（及其 ${cellCount(blocks)} 个单元格）`,
        reason: problems.join('；'),
        records: [{ store: 'periods', key: [id, pid], value: raw }, ...blocks.map((b) => ({ store: 'cellBlocks' as const, key: b.key, value: blockAsPlain(b.raw) }))],
      });
      continue;
    }
    const { app: _a, workbookId: _w, id: pId, ...meta } = pr.value;
    periods.set(pId, { id: pId, ...meta, cells: {} });
  }
  const columns = new Map<string, CellColumns>();
  const checkedLists: CheckedUnitLists = new Map();
  const fills: FillStep[] = [];
  const lostKeys = new Set<string>();
  for (const [pid, list] of rawBlocksByPeriod) {
    const p = periods.get(pid);
    const before = known?.periods.find((x) => x.id === pid);
    const unitAt = new Map(p?.units.map((u, i) => [u.id, i]));
    const positions = new UnitPositions(unitAt);
    const inds = new Set(p?.indicators.map((i) => i.id));
    const byIndicator: CellColumns = new Map();
    if (p) columns.set(pid, byIndicator);
    /** What was lost, by indicator: the units, whether exactly known, why, and the records kept aside. */
    const lost = new Map<string, { unitIds: Set<string>; exact: boolean; reasons: Set<string>; records: { store: 'cellBlocks'; key: IDBValidKey | null; value: unknown }[] }>();
    const note = (indicatorId: string | null, unitIds: string[], exact: boolean, reason: string, record: { key: IDBValidKey | null; value: unknown }) => {
      const k = indicatorId ?? '';
      const g = lost.get(k) ?? { unitIds: new Set<string>(), exact: true, reasons: new Set<string>(), records: [] };
      unitIds.forEach((u) => g.unitIds.add(u));
      g.exact &&= exact;
      g.reasons.add(reason);
      g.records.push({ store: 'cellBlocks', ...record });
      lost.set(k, g);
    };
    for (const { key, raw } of list) {
      const d = decodeBlock(raw, checkedLists);
      if (!d.ok || !p || !inds.has(d.indicatorId)) {
        const reason = !d.ok ? d.problems.join('；') : !p ? '所属考核期不存在' : `所属指标“${d.indicatorId}”已不在该考核期中`;
        const l = lostCells({ key, raw }, p, before);
        note(l.indicatorId, l.unitIds, l.exact, reason, { key, value: blockAsPlain(raw) });
        continue;
      }
      let column = byIndicator.get(d.indicatorId);
      if (!column) byIndicator.set(d.indicatorId, (column = new Array<Cell | undefined>(p.units.length)));
      const at = positions.of(d.bucket, d.unitIds);
      for (let k = 0; k < at.length; k++) {
        const i = at[k]!;
        if (i >= 0) column[i] = d.cells[k];
        else d.bad.push({ unitId: d.unitIds[k]!, value: { unitId: d.unitIds[k], ...d.cells[k] }, reason: `所属单位“${d.unitIds[k]}”已不在该考核期中` });
      }
      if (d.bad.length) {
        // The sound cells stay; the block is written back without the others.
        for (const b of d.bad) note(d.indicatorId, b.unitId ? [b.unitId] : [], b.unitId !== null, b.reason, { key: null, value: { workbookId: id, periodId: pid, indicatorId: d.indicatorId, ...(b.value as object) } });
        const kept = d.unitIds.flatMap((unitId, k): [string, Cell][] => (unitAt.has(unitId) ? [[unitId, d.cells[k]!]] : []));
        rewritten.push(encodeBlock(id, pid, d.indicatorId, d.bucket, kept));
      }
    }
    // The keyed cells are made from the columns when first read (most opens never need them).
    if (p) fills.push(cellsWhenRead(p, byIndicator));
    for (const [indicatorId, g] of lost) {
      if (g.exact && indicatorId) g.unitIds.forEach((u) => lostKeys.add(`${pid}|${u}|${indicatorId}`));
      const ind = p?.indicators.find((i) => i.id === indicatorId) ?? before?.indicators.find((i) => i.id === indicatorId);
      const words = lostWords({ periodId: pid, indicatorId, unitIds: [...g.unitIds], exact: g.exact }, p ?? before);
      aside.push({
        what: `工作簿“${record.name}”${p || before ? `考核期 ${periodLabel((p ?? before)!)} ` : ''}${indicatorId ? `指标“${ind?.name ?? indicatorId}” ` : ''}${words}`,
        reason: [...g.reasons].slice(0, 3).join('；'),
        records: g.records,
      });
    }
  }
  // The list of periods, repaired to what is stored: listed ones in order, then any unlisted.
  const listed = record.periodIds.filter((pid) => periods.has(pid));
  const unlisted = [...periods.values()].filter((p) => !listed.includes(p.id)).sort(byTime).map((p) => p.id);
  const periodIds = [...new Set([...listed, ...unlisted])];
  const needsRepair = periodIds.length !== record.periodIds.length || periodIds.some((x, i) => x !== record.periodIds[i]);
  let revision = record.revision;
  if (aside.length || needsRepair) {
    revision = await writeTx(db, ['workbooks', 'periods', 'cellBlocks', 'setAside'], async (tx) => {
      await moveAside(tx, aside);
      for (const b of rewritten) await (b.units.length ? tx.objectStore('cellBlocks').put(b) : tx.objectStore('cellBlocks').delete(blockKey(b.workbookId, b.periodId, b.indicatorId, b.bucket)));
      const cur = check(WorkbookRecordSchema, await tx.objectStore('workbooks').get(id));
      if (!cur.ok) return record.revision;
      const next = cur.value.revision + 1;
      await tx.objectStore('workbooks').put({ ...cur.value, periodIds, revision: next, updatedAt: now() });
      return next;
    });
  }
  return { workbook: { schemaVersion: SCHEMA_VERSION, id: record.id, name: record.name, periods: periodIds.map((pid) => periods.get(pid)!) }, revision, setAside: aside, columns, lost: lostKeys, fillCells: fills };
}

