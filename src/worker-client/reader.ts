/**
 * Reading an import file in a worker of its own, so a long read (a 1 000 000-row file takes tens of
 * seconds) shows progress, leaves the page and the engine free, and can be cancelled: 取消
 * terminates the reader outright; the engine and its unsaved work are untouched.
 */
import { proxy, transfer, wrap, type Remote } from 'comlink';
import EngineWorker from '../../workers/engine.worker?worker&inline';
import type { ReaderApi } from '../../workers/engine.worker';
import { READER_NAME } from '../app/protocol';

export class ReadCancelled extends Error {
  constructor() {
    super('已取消读取');
  }
}

export interface ReadJob {
  /** Settles when the facts are in `port`'s queue (hand its other end to the engine worker). */
  promise: Promise<void>;
  cancel: () => void;
}

export function readInWorker(bytes: Uint8Array, fileName: string, port: MessagePort, onProgress: (message: string) => void): ReadJob {
  const worker = new EngineWorker({ name: READER_NAME });
  const api: Remote<ReaderApi> = wrap<ReaderApi>(worker);
  let cancel = () => {};
  const cancelled = new Promise<never>((_, reject) => {
    cancel = () => {
      worker.terminate();
      reject(new ReadCancelled());
    };
  });
  const work = api.readTo(transfer(bytes, [bytes.buffer]), fileName, transfer(port, [port]), proxy(onProgress)).finally(() => worker.terminate());
  return { promise: Promise.race([work, cancelled]), cancel };
}
