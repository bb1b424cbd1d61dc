/**
 * A page of the ranking builds only its own units (issue 30: the first page of a 40 000-unit
 * ranking built all 40 000 unit results): the page must be exactly that slice of the whole ranking.
 */
import { describe, expect, it } from 'vitest';
import { ScoreModel } from '../../src/engine/scoring/scoreModel';
import { rankingTable } from '../../src/engine/views/tables';
import { syntheticPeriod } from '../../bench/synthetic';

describe('a page of the ranking', () => {
  it('equals the same slice of the whole ranking, asked before and after the whole is built', () => {
    const p = syntheticPeriod(1200);
    // Ties and incomplete units: equal cells for two units, one unit without a cell.
    p.cells['u2|i1'] = { ...p.cells['u1|i1']! };
    delete p.cells['u5|i3'];
    const pages = [[0, 500], [500, 500], [1000, 500], [37, 11], [1199, 5], [0, Infinity]] as const;
    const fresh = ScoreModel.build(p).result();
    const early = pages.map(([o, l]) => fresh.unitsIn!(o, l));
    const whole = ScoreModel.build(p).result();
    for (const [k, [o, l]] of pages.entries()) {
      expect(early[k]).toEqual(whole.units.slice(o, o + l));
      expect(fresh.unitsIn!(o, l)).toEqual(whole.units.slice(o, o + l));
    }
    expect(early[4]!.at(-1)!.unitId).toBe('u5');
    expect(early[4]!.at(-1)!.complete).toBe(false);
    expect(rankingTable(p, fresh, { offset: 500, limit: 500 })).toEqual(rankingTable(p, whole).slice(500, 1000));
  });
});
