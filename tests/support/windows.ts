/**
 * Windows of the worker service in Node, as the trust batteries use them: what a window hears, a
 * channel between windows, the fake IndexedDB as the global one, and waiting until every window
 * has heard the others (a signal from the app, never a sleep).
 */
import type { IDBFactory } from 'fake-indexeddb';
import type { ChannelLike, createService } from '../../src/service/service';
import type { WorkerEvent } from '../../src/service/protocol';

/**
 * What the page hears: an edit is answered from memory and its write is the queue's next task;
 * what the write found (conflicts, records set aside, a failure) comes as events.
 */
export function listen(s: ReturnType<typeof createService>) {
  let heard: WorkerEvent[] = [];
  s.subscribe((ev) => heard.push(ev));
  return {
    /** Wait for the writes queued so far; what they said. */
    async written() {
      const state = await s.whenWritten();
      const said = heard;
      heard = [];
      return { state, message: said.flatMap((e) => (e.type === 'conflicts' ? [e.message] : [])).join(' '), conflicts: said.flatMap((e) => (e.type === 'conflicts' ? e.conflicts : [])) };
    },
  };
}

export function channelHub(): () => ChannelLike {
  const members: ChannelLike[] = [];
  return () => {
    const me: ChannelLike = {
      onmessage: null,
      postMessage: (m) => queueMicrotask(() => members.filter((x) => x !== me).forEach((x) => x.onmessage?.({ data: m }))),
    };
    members.push(me);
    return me;
  };
}

/** Runs `fn` with the fake IndexedDB factory installed as the global one (idb reads the global). */
export async function withFactory<T>(factory: IDBFactory, fn: () => Promise<T>): Promise<T> {
  const saved = globalThis.indexedDB;
  globalThis.indexedDB = factory as unknown as IDBFactory;
  try {
    return await fn();
  } finally {
    globalThis.indexedDB = saved;
  }
}

/**
 * Every window has heard what the others wrote: each one's queue is drained twice — the first pass
 * lands the writes (and their broadcasts reach the others as they land), the second lets each
 * window finish catching up on what it heard. A signal from the app, never a sleep.
 */
export async function settle(...tabs: { s: ReturnType<typeof createService> }[]): Promise<void> {
  for (let pass = 0; pass < 2; pass++) for (const t of tabs) await t.s.whenWritten();
}
