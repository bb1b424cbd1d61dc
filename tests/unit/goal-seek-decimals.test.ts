/**
 * Goal seek at every number of decimals (issue 26, item 6): at 5 or 6 decimals 求解 排名上升一位
 * answered 无法达到 where 2 decimals answered 248.05 亿元 — the top of its search grid,
 * 999999999999.99999, becomes 1e12 as a double and the value policy refuses it. And an answer that
 * ties with another township says so.
 */
import { describe, expect, it } from 'vitest';
import { ScoreModel, goalSeek, type Goal } from '../../src/engine';
import { samplePeriod } from '../../src/sample/daye-2023q1';
import { cellKey, type Period } from '../../src/model';


/** The sample with 新产品销售收入 (亿元) held to `decimals`. */
function withDecimals(decimals: number): Period {
  const p = samplePeriod();
  p.indicators.find((i) => i.id === 'new_product_sales')!.decimals = decimals;
  return p;
}

const rank = (p: Period, unitId: string) => ScoreModel.build(p).result().unitResult(unitId)!.rank;
const withActual = (p: Period, unitId: string, v: number): Period => ({ ...p, cells: { ...p.cells, [cellKey(unitId, 'new_product_sales')]: { ...p.cells[cellKey(unitId, 'new_product_sales')]!, actual: v } } });

describe('goal seek at 0–6 decimals', () => {
  it('排名上升一位 and 达到第 N 名 are answered at every decimals where 2 decimals answer them, minimal on the grid', () => {
    const units = ['cg', 'lx', 'jh', 'lkq', 'djp', 'jsd', 'lrb', 'ba', 'yz'];
    const goals: Goal[] = [{ kind: 'upOne' }, { kind: 'rank', rank: 1 }];
    let asked = 0;
    const wrong: string[] = [];
    for (const decimals of [0, 1, 2, 3, 4, 5, 6]) {
      const p = withDecimals(decimals);
      for (const u of units) {
        for (const goal of goals) {
          const two = goalSeek(withDecimals(2), u, 'new_product_sales', goal, 'actual');
          if (!two.ok) continue;
          asked++;
          const r = goalSeek(p, u, 'new_product_sales', goal, 'actual');
          const before = rank(p, u)!;
          const reaches = (v: number) => {
            const k = rank(withActual(p, u, v), u);
            return k !== null && (goal.kind === 'upOne' ? k < before : k <= (goal as { rank: number }).rank);
          };
          if (!r.ok) {
            wrong.push(`${decimals} 位小数 ${u} ${goal.kind}: ${r.message}`);
            continue;
          }
          const less = Number((r.value! - 10 ** -decimals).toFixed(decimals));
          if (!reaches(r.value!) || reaches(less)) wrong.push(`${decimals} 位小数 ${u} ${goal.kind}: ${r.value} not the least`);
        }
      }
    }
    console.log(`goal seek by decimals: ${asked} requests, ${wrong.length} wrong`);
    expect(wrong).toEqual([]);
    expect(asked).toBeGreaterThan(40);
  });

  it('an answer that ties says with whom: 灵乡镇 排名 3 → 并列第 2（与陈贵镇）', () => {
    const r = goalSeek(samplePeriod(), 'lx', 'rd_investment', { kind: 'upOne' }, 'actual');
    expect(r.message).toBe('灵乡镇「规上企业研发投入」实绩数至少为 32656万元（现为 26645.4）：总得分 84.30 → 84.77，排名 3 → 并列第 2（与陈贵镇）。');
    // A place of its own says just the place.
    expect(goalSeek(samplePeriod(), 'lrb', 'tech_sme', { kind: 'upOne' }, 'actual').message).toMatch(/排名 8 → 7。$/u);
  });
});
