/**
 * Column widths of the data-entry grid as the person dragged them, kept as a preference in this
 * browser (shared/preference.ts: losing it loses nothing; read back, anything malformed is ignored).
 */
import * as v from 'valibot';
import { preference } from '../../shared/preference';

export const MIN_WIDTH = 40;
export const MAX_WIDTH = 600;

export const clampWidth = (w: number) => Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w)));

/** Entry by entry: a width another page spoiled is dropped, the others kept. */
const widths = preference('grid-widths', v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x)));

export function loadColumnWidths(): Record<string, number> {
  return Object.fromEntries(
    Object.entries(widths.read('') ?? {}).flatMap(([k, w]) => (typeof w === 'number' && Number.isFinite(w) && k.length < 200 ? [[k, clampWidth(w)]] : [])),
  );
}

export function saveColumnWidths(w: Record<string, number>): void {
  widths.write('', w);
}
