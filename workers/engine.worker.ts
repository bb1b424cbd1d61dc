/**
 * The worker owns the data: IndexedDB, scoring, undo. The page sends commands and asks for views.
 * Loaded as an inline classic worker (see src/worker-client/engine.ts and DESIGN.md §4).
 */
import { expose, transferHandlers } from 'comlink';
import { createService, type ChannelLike } from '../src/app/service';
import { toWireError } from '../src/app/protocol';

// Errors leave with their Chinese message and their folded technical detail.
const thrown = transferHandlers.get('throw')!;
transferHandlers.set('throw', {
  canHandle: thrown.canHandle,
  serialize: (t) => [{ isError: true, value: toWireError((t as { value: unknown }).value) }, []],
  deserialize: thrown.deserialize,
});

// Other tabs' workers on the same workbook hear of each commit at once; the page also polls.
const channel = typeof BroadcastChannel === 'undefined' ? null : (new BroadcastChannel('kaohe-gongzuobu') as unknown as ChannelLike);
const service = createService({ channel });

export type EngineApi = typeof service;

expose(service);
