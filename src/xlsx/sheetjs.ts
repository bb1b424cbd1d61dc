/**
 * SheetJS, loaded when a file is first read: the worker starts without running it (start-up reads
 * no file). The bundler keeps it inside the worker script, wrapped so it runs only when imported.
 */
import type * as SheetJSParts from './sheetjsParts';

export type SheetJS = typeof SheetJSParts;

let loaded: SheetJS | null = null;
let loading: Promise<SheetJS> | null = null;

export function loadSheetJS(): Promise<SheetJS> {
  loading ??= import('./sheetjsParts').then((m) => (loaded = m));
  return loading;
}

/**
 * SheetJS once a file has been read with it: a WorkBook in hand means it is loaded (helpers such
 * as decode_range on that book need no await).
 */
export function loadedSheetJS(): SheetJS {
  if (!loaded) throw new Error('SheetJS is used before a file was read with it');
  return loaded;
}
