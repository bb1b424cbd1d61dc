/** Column widths read back from localStorage: only numbers are taken, within bounds; anything else is ignored. */
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_WIDTH, MIN_WIDTH, loadColumnWidths, saveColumnWidths } from '../../src/ui/entry/grid/columnWidths';

const store = new Map<string, string>();
(globalThis as { localStorage?: unknown }).localStorage = {
  getItem: (k: string) => store.get(k) ?? null,
  setItem: (k: string, v: string) => void store.set(k, v),
};
afterEach(() => store.clear());

describe('remembered column widths', () => {
  it('round-trips what was dragged', () => {
    saveColumnWidths({ 'actual:talent': 150, 'unit:': 200 });
    expect(loadColumnWidths()).toEqual({ 'actual:talent': 150, 'unit:': 200 });
  });
  it('what another page wrote is checked: wrong types ignored, sizes clamped, broken JSON is nothing', () => {
    store.set('kaohe-gongzuobu:grid-widths', JSON.stringify({ a: 'wide', b: 1e9, c: -5, d: null, e: 120.4, f: [1] }));
    expect(loadColumnWidths()).toEqual({ b: MAX_WIDTH, c: MIN_WIDTH, e: 120 });
    store.set('kaohe-gongzuobu:grid-widths', '{oops');
    expect(loadColumnWidths()).toEqual({});
    store.set('kaohe-gongzuobu:grid-widths', '[1,2]');
    expect(loadColumnWidths()).toEqual({});
  });
});
