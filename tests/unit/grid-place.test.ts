/** The grid's place in each period, kept while the page lives: clamped to the grid it returns to, the 50 latest kept. */
import { describe, expect, it } from 'vitest';
import { placeOf, rememberPlace } from '../../src/ui/entry/grid/gridPlace';

const at = (row: number, col: number) => ({ anchor: { row, col }, focus: { row, col } });

describe('where the grid was', () => {
  it('comes back per workbook and period, inside a grid that has shrunk since', () => {
    rememberPlace('wb', 'q1', { sel: { anchor: { row: 10, col: 5 }, focus: { row: 4990, col: 70 } }, top: 129_000, left: 900 });
    expect(placeOf('wb', 'q1', 5000, 83)).toEqual({ sel: { anchor: { row: 10, col: 5 }, focus: { row: 4990, col: 70 } }, top: 129_000, left: 900 });
    // Units deleted in another window: the selection stays inside the grid.
    expect(placeOf('wb', 'q1', 100, 40)!.sel).toEqual({ anchor: { row: 10, col: 5 }, focus: { row: 99, col: 39 } });
    expect(placeOf('wb', 'q2', 5000, 83)).toBeNull();
    expect(placeOf('other', 'q1', 5000, 83)).toBeNull();
    expect(placeOf('wb', 'q1', 0, 83)).toBeNull();
  });

  it('keeps the 50 periods seen last', () => {
    for (let k = 0; k < 60; k++) rememberPlace('many', `p${k}`, { sel: at(k, 3), top: k, left: 0 });
    expect(placeOf('many', 'p9', 100, 10)).toBeNull();
    expect(placeOf('many', 'p10', 100, 10)!.top).toBe(10);
    // Seen again: the latest once more, not the oldest.
    rememberPlace('many', 'p10', { sel: at(1, 3), top: 1, left: 0 });
    rememberPlace('many', 'p60', { sel: at(1, 3), top: 1, left: 0 });
    expect(placeOf('many', 'p10', 100, 10)).not.toBeNull();
    expect(placeOf('many', 'p11', 100, 10)).toBeNull();
  });
});
