/** The worker's methods: each a mutation (in the one queue) or a read, combined with no name twice. */
import { describe, expect, it } from 'vitest';
import { combine, kindOf, mutation, read } from '../../src/service/api';
import { createQueue } from '../../src/service/queue';
import { createService } from '../../src/service/service';

describe('one service from the domain modules', () => {
  it('refuses a name given twice, and a method declared as neither', () => {
    const q = createQueue();
    expect(() => combine({ a: read(() => 1) }, { a: mutation(q, () => 2) })).toThrow('worker method “a” is defined twice');
    expect(() => combine({ b: () => 3 })).toThrow('worker method “b” is neither a mutation nor a read');
  });

  it('runs mutations one after another in the order sent, reads at once', async () => {
    const q = createQueue();
    const log: string[] = [];
    let release!: () => void;
    const slow = mutation(q, () => new Promise<void>((r) => (release = () => (log.push('slow'), r()))));
    const next = mutation(q, () => void log.push('next'));
    const now = read(() => void log.push('read'));
    const a = slow();
    const b = next();
    now();
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(['read']);
    release();
    await Promise.all([a, b]);
    expect(log).toEqual(['read', 'slow', 'next']);
  });

  it('every method of the real service is marked', () => {
    const s = createService({ indexedDB: undefined });
    const kinds = Object.entries(s).map(([name, f]) => [name, kindOf(f)] as const);
    expect(kinds.filter(([, k]) => !k)).toEqual([]);
    expect(Object.fromEntries(kinds.filter(([n]) => ['editCells', 'undo', 'applyImport', 'applyReturns', 'openWorkbookFile', 'gridView', 'periodView', 'previewImport'].includes(n)))).toEqual({
      editCells: 'mutation', undo: 'mutation', applyImport: 'mutation', applyReturns: 'mutation', openWorkbookFile: 'mutation', gridView: 'read', periodView: 'read', previewImport: 'read',
    });
  });
});
