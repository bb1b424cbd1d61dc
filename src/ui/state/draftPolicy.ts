/**
 * What to do with text a closed tab left in a cell editor, given what is stored now. Pure.
 *   done  — the store already holds what the text would make (its edit was saved or replayed)
 *   offer — the cell is as it was when editing began: offer the text back (恢复 / 放弃)
 *   stale — the cell changed since (a later save): never offered over the newer value
 */
import type { Cell, Draft } from '../../model';
import { sameCell } from '../../model/cell';
import { applyInput } from './cellInput';

export type DraftStatus = 'done' | 'offer' | 'stale';

export function draftStatus(draft: Pick<Draft, 'before' | 'field' | 'text'>, stored: Cell | null): DraftStatus {
  if (sameCell(stored, applyInput(draft.before, draft.field, draft.text))) return 'done';
  if (sameCell(stored, draft.before)) return 'offer';
  return 'stale';
}
