/**
 * The page's handle on the worker. `?worker&inline` + `worker.format: 'iife'` embeds the worker as
 * a classic script in the single HTML file: module blob workers and worker files beside the HTML
 * both fail from file:// (DESIGN.md §4).
 */
import { wrap, type Remote } from 'comlink';
import EngineWorker from '../../workers/engine.worker?worker&inline';
import type { EngineApi } from '../../workers/engine.worker';
import { ENGINE_NAME } from '../app/protocol';

let engine: Remote<EngineApi> | null = null;

export function getEngine(): Remote<EngineApi> {
  engine ??= wrap<EngineApi>(new EngineWorker({ name: ENGINE_NAME }));
  return engine;
}
