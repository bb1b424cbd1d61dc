/**
 * The worker owns the data: IndexedDB, scoring, undo. The page sends commands and asks for views.
 * Loaded as an inline classic worker (see src/worker-client/client.ts).
 */
import { expose, transferHandlers, type TransferHandler } from 'comlink';
import { createService, type ChannelLike } from '../src/service/service';
import { toWireError } from '../src/service/protocol';
import { readImportFile } from '../src/xlsx/import';
import { READER_NAME } from '../src/service/protocol';
import { listWireHandler } from '../src/service/listWire';

// Errors leave with their Chinese message and their folded technical detail.
const thrown = transferHandlers.get('throw')!;
transferHandlers.set('throw', {
  canHandle: thrown.canHandle,
  serialize: (t) => [{ isError: true, value: toWireError((t as { value: unknown }).value) }, []],
  deserialize: thrown.deserialize,
});

// Long lists cross as columns (the page registers the same: see listWire.ts).
transferHandlers.set('lists', listWireHandler as TransferHandler<unknown, unknown>);

/** The page's file reader: the same script started under another name, so it can be terminated (取消). */
const reader = {
  /** The facts go to `port` (handed on to the engine worker), not back through the page. */
  readTo: async (bytes: Uint8Array, fileName: string, port: MessagePort, onProgress?: (message: string) => void): Promise<void> => {
    const facts = await readImportFile(bytes, fileName, onProgress ? (m) => void onProgress(m) : undefined);
    port.postMessage(facts);
    port.close();
  },
};
export type ReaderApi = typeof reader;

function startService() {
  // Other tabs' workers on the same workbook hear of each commit at once; the page also polls.
  const channel = typeof BroadcastChannel === 'undefined' ? null : (new BroadcastChannel('kaohe-gongzuobu') as unknown as ChannelLike);
  return createService({ channel });
}
export type EngineApi = ReturnType<typeof startService>;

if ((self as { name?: string }).name === READER_NAME) expose(reader);
else expose(startService());
