/**
 * The page's journal kept twice: localStorage (a tab closed the next instant) and its own
 * IndexedDB database (a killed browser, since Chromium writes localStorage seconds late). What a
 * start finds is both copies merged, one entry per id, oldest first; what another page wrote is
 * checked; a live page's entries are left alone.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { PAGE_ID, journalAdd, journalRemove, nextJournalId, orphanJournal } from '../../src/ui/state/journal';
import { storeAdd, storeEntries } from '../../src/ui/state/journalStore';

const ls = new Map<string, string>();
(globalThis as { localStorage?: unknown }).localStorage = {
  get length() {
    return ls.size;
  },
  key: (i: number) => [...ls.keys()][i] ?? null,
  getItem: (k: string) => ls.get(k) ?? null,
  setItem: (k: string, v: string) => void ls.set(k, v),
  removeItem: (k: string) => void ls.delete(k),
};

const entry = (id: string, owner = PAGE_ID) => ({
  id,
  owner,
  workbookId: 'wb',
  periodId: 'p',
  label: '高新区 人才',
  changes: [{ unitId: 'gxq', indicatorId: 'talent', before: null, after: { kind: 'number', value: 7, text: '7' } }],
});
const ids = (r: { entries: unknown[] }) => r.entries.map((e) => (e as { id: string }).id);
const settled = () => storeEntries(); // a read waits for the writes queued before it

describe('the journal, in localStorage and IndexedDB', () => {
  it('an edit journaled once is found once, and its removal removes both copies', async () => {
    const id = nextJournalId();
    journalAdd(entry(id) as never);
    expect([...ls.keys()].filter((k) => k.endsWith(id))).toHaveLength(1);
    expect((await settled()).map((r) => r.id)).toEqual([id]);
    expect(ids(await orphanJournal(new Set()))).toEqual([id]);
    journalRemove(id);
    expect(await settled()).toEqual([]);
    expect(ids(await orphanJournal(new Set()))).toEqual([]);
  });

  it('a killed browser lost the localStorage copy: the IndexedDB copy is replayed, in the order typed', async () => {
    const [a, b] = [nextJournalId(), nextJournalId()];
    journalAdd(entry(b) as never);
    journalAdd(entry(a) as never);
    for (const k of [...ls.keys()]) ls.delete(k); // what Chromium had not yet written
    const found = await orphanJournal(new Set());
    expect(ids(found)).toEqual([a, b]);
    expect(found.entries[0]).toEqual(entry(a));
    journalRemove(a);
    journalRemove(b);
    await settled();
  });

  it('a live page’s entries stay; records another page wrote that are not even objects are dropped and counted', async () => {
    const other = 'page-other';
    const live = nextJournalId();
    journalAdd(entry(live, other) as never);
    storeAdd('junk-1', 'not an entry');
    storeAdd('junk-2', null);
    ls.set('kaohe-gongzuobu:journal:junk-3', '{oops');
    // Filed under another id: replaying it could never remove it, so it would come back at every start.
    storeAdd('junk-4', entry('somewhere-else', 'gone'));
    const whileLive = await orphanJournal(new Set([other]));
    expect(whileLive).toEqual({ entries: [], unreadable: 4 });
    expect((await settled()).map((r) => r.id)).toEqual([live]);
    expect([...ls.keys()]).toEqual([`kaohe-gongzuobu:journal:${live}`]);
    // Once that page is gone its entry is replayed (the worker validates it again).
    expect(ids(await orphanJournal(new Set()))).toEqual([live]);
  });
});
