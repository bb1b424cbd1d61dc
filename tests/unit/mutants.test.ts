/**
 * Two mutants of the scoring that the tests let live (issue 28, item 5), killed here:
 *  - the printed 按比例 score taken from the double instead of the exact quotient: 5 × 9 ÷ 200 is
 *    0.225 exactly (0.22499999999999998 as a double) and prints 0.23, not 0.22;
 *  - roundQuotient trusting the double unless it is exactly .5: 57 ÷ 800 is 7.125 % exactly
 *    (712.4999999999999 as a double at 4 decimals) and prints 7.13 %, not 7.12 %.
 */
import { describe, expect, it } from 'vitest';
import { ScoreModel, formatRatio, scoreSheet } from '../../src/engine';
import { roundQuotient } from '../../src/model/exact';
import { tinyPeriod } from './helpers';

describe('rounding on the decimals, at the edges a double misses', () => {
  it('按比例: 5 points × 9 / 200 prints 0.23 in the score sheet and the grid', () => {
    expect(5 * (9 / 200)).toBeLessThan(0.225);
    const p = tinyPeriod([{ id: 'a', points: 5, rule: { kind: 'proportional' } }], { u1: { a: { target: 200, actual: 9 } } });
    const r = ScoreModel.build(p).result();
    expect(r.cell('u1', 'a')!.scoreRounded).toBe(0.23);
    expect(scoreSheet(p, r)[0]!.lines[0]!.scoreText).toBe('0.23');
  });

  it('完成率: 57 / 800 prints 7.13 %; 1 / 8 (12.5 %) and 7 / 16 (43.75 %) likewise on their edges', () => {
    expect(((57 / 800) * 10000) % 1).not.toBe(0.5);
    expect(roundQuotient(57, 800, 4)).toBe(0.0713);
    expect(formatRatio(57, 800)).toBe('7.13%');
    expect(formatRatio(1, 8)).toBe('12.50%');
    expect(roundQuotient(7, 16, 2)).toBe(0.44);
    // The same edge on the totals' scale: 0.07125 × 100 = 7.125 → 7.13.
    expect(roundQuotient(57, 8, 2)).toBe(7.13);
  });
});
