/** Conflicts between windows in words: which cell (高新区「规上企业新招引科技人才(人)」), both values, what to do. */
import { type Cell, type Workbook } from '../model';
import { indicatorLabel } from '../engine/text/describe';
import type { Conflict } from '../store/repository';
import type { ConflictItem } from './protocol';

export function cellWhere(wb: Workbook, periodId: string, unitId: string, indicatorId: string): string {
  const p = wb.periods.find((x) => x.id === periodId);
  const u = p?.units.find((x) => x.id === unitId)?.name ?? unitId;
  const i = p?.indicators.find((x) => x.id === indicatorId);
  return `${u}「${i ? indicatorLabel(i, i.unit) : indicatorId}」`;
}

export function conflictItem(wb: Workbook, periodId: string, unitId: string, indicatorId: string, mine: Cell | null, theirs: Cell | null, clientId?: string): ConflictItem {
  return { id: crypto.randomUUID(), workbookId: wb.id, periodId, unitId, indicatorId, where: cellWhere(wb, periodId, unitId, indicatorId), mine, theirs, ...(clientId ? { clientId } : {}) };
}

/** The store's conflicts (cells only; a scheme conflict is said separately). */
export function conflictItems(wb: Workbook, conflicts: Conflict[], clientId?: string): ConflictItem[] {
  return conflicts.flatMap((c) => (c.unitId && c.indicatorId ? [conflictItem(wb, c.periodId, c.unitId, c.indicatorId, c.wanted as Cell | null, c.stored as Cell | null, clientId)] : []));
}

export function conflictMessages(f: { conflicts: ConflictItem[]; messages: string[] }): string | undefined {
  const parts: string[] = [];
  if (f.conflicts.length) {
    const names = f.conflicts.slice(0, 3).map((c) => c.where).join('、');
    parts.push(`${names}${f.conflicts.length > 3 ? ` 等 ${f.conflicts.length} 处` : ''}已在另一窗口中被修改，您的值没有覆盖它。请在“修改冲突”中选择保留哪个值。`);
  }
  parts.push(...f.messages);
  return parts.length ? parts.join(' ') : undefined;
}
