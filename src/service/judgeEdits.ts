/**
 * Which of the cells the page sends are applied, and which are put to the user as a choice.
 * A change whose `before` differs from the cell here is applied on top when the difference is this
 * window's own (its view was a step behind); when another window changed the cell after the user
 * saw it (or `strict`, for replayed edits), it is a conflict and is not applied.
 */
import { cellKey, unitPositionsOf, CellSchema, check, UserError, type CellChange, type CellInput, type Period, type Workbook } from '../model';
import { normalizeCell, sameCell } from '../model/cell';
import type { CellEdit, ConflictItem, EditOptions } from './protocol';
import { cellWhere, conflictItem } from './conflictWords';

export interface JudgedEdits {
  changes: CellChange[];
  conflicts: ConflictItem[];
  messages: string[];
  /** The texts typed, by cell key (the gate checks that each holds exactly the value). */
  inputs: Map<string, CellInput[]>;
}

/** `changedAt(key)`: the version at which another window changed that cell, if it did. */
export function judgeEdits(workbook: Workbook, p: Period, edits: CellEdit[], opts: EditOptions, changedAt: (key: string) => number | undefined): JudgedEdits {
  const out: JudgedEdits = { changes: [], conflicts: [], messages: [], inputs: new Map() };
  // Once per call: finding the positions checks every unit id (40 000 for a paste of 1 000 cells).
  const positions = unitPositionsOf(p.units);
  const indicatorIds = new Set(p.indicators.map((i) => i.id));
  for (const e of edits) {
    const after = e.after === null ? null : check(CellSchema, e.after);
    if (after && !after.ok) throw new UserError(`${cellWhere(workbook, p.id, e.unitId, e.indicatorId)}的新值格式不正确：${after.problems.join('；')}。`);
    const next = normalizeCell(after ? after.value : null);
    if (!positions.has(e.unitId) || !indicatorIds.has(e.indicatorId)) {
      out.messages.push(`${e.unitId}/${e.indicatorId} 已不在该考核期中（可能已在另一窗口中删除）`);
      continue;
    }
    const key = cellKey(e.unitId, e.indicatorId);
    const current = normalizeCell(p.cells[key]);
    if (e.before !== undefined && !sameCell(current, e.before) && !sameCell(current, next)) {
      const at = changedAt(key);
      const external = opts.strict || (at !== undefined && (opts.baseVersion === undefined || at > opts.baseVersion));
      if (external) {
        out.conflicts.push(conflictItem(workbook, p.id, e.unitId, e.indicatorId, next, current, opts.clientId));
        continue;
      }
    }
    out.changes.push({ unitId: e.unitId, indicatorId: e.indicatorId, before: current, after: next });
    if (e.input?.length) out.inputs.set(key, e.input);
  }
  return out;
}
