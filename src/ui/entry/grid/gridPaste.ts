/**
 * A block pasted into the grid, decided: refused with a message (a value that cannot be taken, a
 * value on a computed column), nothing to do, applied at once, or — above PREVIEW_PASTE_OVER grid
 * cells — listed first and applied on 确认粘贴, exactly as listed, as one step. Pure.
 */
import type { CellChange } from '../../../model';
import { changedCells, cellText, refusedInputs, type GridData } from './cellView';
import { pasteCells, planPaste, type PasteChange } from './clipboard';
import type { ColumnKind, Selection } from './layout';

/** A paste changing more grid cells than this is shown first and applied on 确认. */
export const PREVIEW_PASTE_OVER = 20;

export type GridPaste =
  | { kind: 'message'; text: string; level: 'info' | 'error' }
  | { kind: 'apply'; changes: CellChange[]; label: string; select: Selection }
  | { kind: 'preview'; changes: CellChange[]; cells: PasteChange[]; label: string; select: Selection };

export function pasteInto(d: GridData, sel: Selection, block: string[][], copied: ColumnKind[] | null): GridPaste {
  const plan = planPaste([...d.columns], sel, block, d.view.units.length, copied, (row, col) => cellText(d, row, col));
  if (!plan.ok) return { kind: 'message', text: plan.message, level: 'error' };
  // The reason names the column (实绩数“101.99%”…): the place is the unit and the indicator.
  const problems = refusedInputs(d, plan.targets);
  if (problems.length) {
    return { kind: 'message', text: `粘贴未执行，工作簿未改动。${problems.length} 个值不能填入：${problems.slice(0, 5).join('；')}${problems.length > 5 ? '……' : ''}。`, level: 'error' };
  }
  const changes = changedCells(d, plan.targets);
  // What was pasted is selected, as Excel does.
  const rows = plan.targets.map((t) => t.row);
  const cols = plan.targets.map((t) => t.col);
  const select = { anchor: { row: Math.min(...rows), col: Math.min(...cols) }, focus: { row: Math.max(...rows), col: Math.max(...cols) } };
  if (!changes.length) return { kind: 'message', text: '粘贴的值与表中相同，没有改动。', level: 'info' };
  const label = `粘贴 ${block.length} 行 × ${Math.max(...block.map((r) => r.length))} 列`;
  // Counted in grid cells (a unit's 任务数 and 实绩数 are two), as the person sees them.
  const unitName = new Map(d.view.units.map((u) => [u.id, u.name]));
  const indName = new Map(d.view.indicators.map((i) => [i.id, i.name]));
  const cells = pasteCells(changes, (id) => unitName.get(id) ?? id, (id) => indName.get(id) ?? id);
  return cells.length > PREVIEW_PASTE_OVER ? { kind: 'preview', changes, cells, label, select } : { kind: 'apply', changes, label, select };
}
