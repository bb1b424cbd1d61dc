/**
 * The page's one way to the worker: the engine (every read and change of the workbook), the file
 * reader (a worker of its own, so a long read can be cancelled by terminating it), the worker's
 * events, and `latestOnly` (latest.ts) for views that can be asked twice.
 *
 * `?worker&inline` + `worker.format: 'iife'` embeds the worker as a classic script in the single
 * HTML file: module blob workers and worker files beside the HTML both fail from file://.
 */
import { proxy, transfer, transferHandlers, wrap, type Remote, type TransferHandler } from 'comlink';
import EngineWorker from '../../workers/engine.worker?worker&inline';
import type { EngineApi, ReaderApi } from '../../workers/engine.worker';
import { ENGINE_NAME, READER_NAME, type WorkerEvent } from '../service/protocol';
import { listWireHandler } from '../service/listWire';

// Long lists cross as columns (both sides register it: see listWire.ts).
transferHandlers.set('lists', listWireHandler as TransferHandler<unknown, unknown>);

export type Engine = Remote<EngineApi>;

let started: Engine | null = null;

/** The engine worker, started on first use (one per page). */
export function engine(): Engine {
  started ??= wrap<EngineApi>(new EngineWorker({ name: ENGINE_NAME }));
  return started;
}

/** Hear the worker's events (writes landed or failed, conflicts, another window's change). */
export function subscribe(listener: (ev: WorkerEvent) => void): Promise<void> {
  return engine().subscribe(proxy(listener));
}

/** Hand bytes or a port to the worker without copying (the page's copy is emptied). */
export function handOver<T extends Uint8Array | MessagePort>(x: T): T {
  return transfer(x, [x instanceof MessagePort ? x : x.buffer]);
}

/** A progress callback the worker can call across the boundary (each step of a long task, in words). */
export function progress(onStep: (step: string) => void): (step: string) => void {
  return proxy(onStep);
}

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

/**
 * Read an import file in a worker of its own, so a long read (a 1 000 000-row file takes tens of
 * seconds) shows progress, leaves the page and the engine free, and can be cancelled: 取消
 * terminates the reader outright; the engine and its unsaved work are untouched.
 */
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

export { latestOnly, OVERTAKEN, type Overtaken } from './latest';
