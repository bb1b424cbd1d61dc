/**
 * The page's start: open the last workbook, then apply what a closed tab left behind — edits it
 * journaled but never saw written (each only over what its author saw; a changed cell becomes a
 * conflict to answer), then text left in a cell editor (offered back only over the value it was
 * typed over).
 */
import type { ConflictItem, Draft, SessionState, SetAsideInfo, WorkbookListItem } from '../../service/protocol';
import type { Engine } from '../../worker-client/client';
import { draftStatus } from './draftPolicy';
import { openJournalStore } from './journalStore';
import { holdPageLock, journalRemoveRaw, lastWorkbook, livePages, orphanDrafts, orphanJournal, removeDraftKey } from './journal';

export interface RecoverDeps {
  engine: Engine;
  adopt: (s: SessionState) => void;
  setWorkbooks: (w: WorkbookListItem[]) => void;
  setSetAside: (s: SetAsideInfo[]) => void;
  addConflicts: (items: ConflictItem[]) => void;
  say: (text: string, kind?: 'info' | 'warn' | 'error') => void;
  setDrafts: (d: { key: string; draft: Draft }[]) => void;
  /** The browser's data is left alone (a newer build wrote it): why, for the banner. */
  setStorageRefused: (why: string | null) => void;
}

export async function recover(d: RecoverDeps): Promise<void> {
  const { engine, adopt, say } = d;
  holdPageLock();
  openJournalStore();
  const [info, alive] = await Promise.all([engine.init(lastWorkbook()), livePages()]);
  d.setWorkbooks(info.workbooks);
  d.setSetAside(info.setAside);
  adopt(info.state);
  d.setStorageRefused(info.storageRefused ?? null);
  // The journal and drafts left in this browser belong to that data, not to this workspace.
  if (info.storageRefused) return;
  // Edits a closed tab journaled but never saw saved: apply them first (conflicts are asked).
  const { entries, unreadable } = await orphanJournal(alive);
  if (entries.length) {
    const r = await engine.replayJournal(entries);
    const kept = new Set(r.conflicts.map((c) => c.clientId));
    for (const e of entries) if (!kept.has((e as { id?: string }).id)) journalRemoveRaw(e);
    adopt(r.state);
    d.addConflicts(r.conflicts);
    if (r.applied) say(`已恢复上次关闭前未保存完的 ${r.applied} 处修改。`);
    if (r.conflicts.length) say(`上次关闭前未保存完的修改中，有 ${r.conflicts.length} 处的单元格之后已被修改。请在“修改冲突”中选择保留哪个值。`, 'warn');
    if (r.failed.length) say(`有 ${r.failed.length} 处未保存的修改无法恢复：${r.failed.join('；')}`, 'warn');
  }
  if (unreadable) say(`浏览器中有 ${unreadable} 条无法读取的修改记录（可能被其他网页改动），已忽略。`, 'warn');
  // Text left in a cell editor: offered back only over the value it was typed over.
  const stale: string[] = [];
  const offer: { key: string; draft: Draft }[] = [];
  for (const o of orphanDrafts(alive)) {
    if (o.draft.workbookId !== info.state.workbookId) continue;
    const stored = await engine.cell(o.draft.periodId, o.draft.unitId, o.draft.indicatorId).catch(() => undefined);
    if (stored === undefined) {
      removeDraftKey(o.key);
      continue;
    }
    const status = draftStatus(o.draft, stored);
    if (status === 'offer') offer.push(o);
    else {
      removeDraftKey(o.key);
      if (status === 'stale') stale.push(`${o.draft.where} = “${o.draft.text}”`);
    }
  }
  d.setDrafts(offer);
  if (stale.length) say(`上次关闭时未提交的输入 ${stale.join('、')} 已过时：这些单元格之后又保存了新的值，因此没有恢复。`, 'warn');
}
