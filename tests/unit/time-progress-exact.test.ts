/**
 * 序时进度 decided on exact fractions (issue 26, item 5): at months 2, 5, 8, 11 the share is a
 * recurring decimal (5/12 = 41.666…%), and a township exactly level with it was shown red "+0" and
 * listed 落后 because 5/12 was compared with a rounded 41.6667 %. The oracle here is independent
 * of src: BigInt cross-products on the decimal texts.
 */
import { describe, expect, it } from 'vitest';
import { samplePeriod } from '../../src/sample/daye-2023q1';
import { ScoreModel } from '../../src/engine/scoring/scoreModel';
import { completionTables, rankingTable } from '../../src/engine/views/tables';
import { bulletinDraft } from '../../src/engine/bulletin/draft';
import { timeProgress, versusTime } from '../../src/engine/views/timeProgress';
import { cellKey, type Period } from '../../src/model';
import { int, pick, rng } from '../support/random';

/** The sample as a cumulative May: 科技型中小企业入库 with 保安镇 at exactly 5 of 12. */
function may(): Period {
  const p = samplePeriod();
  p.cumulative = true;
  p.quarter = 2;
  p.month = 5;
  const c = p.cells[cellKey('ba', 'tech_sme')]!;
  p.cells[cellKey('ba', 'tech_sme')] = { ...c, target: 12, actual: 5 };
  return p;
}

/** An exact decimal text's scaled integer: "12.5" → [125n, 1]. */
function scaled(text: string): [bigint, number] {
  const [i, f = ''] = text.split('.');
  return [BigInt(`${i}${f}`), f.length];
}

/** (a/t − n/d) × 100 as [sign, half-up text at 2 decimals], computed here from the decimal texts. */
function oracle(actual: string, target: string, n: bigint, d: bigint): [number, string] {
  const [am, as] = scaled(actual);
  const [tm, ts] = scaled(target);
  const num = am * 10n ** BigInt(ts) * d - n * tm * 10n ** BigInt(as);
  const den = tm * 10n ** BigInt(as) * d;
  const sign = num === 0n ? 0 : num > 0n ? 1 : -1;
  const a = (num < 0n ? -num : num) * 10000n;
  const q = (2n * a + den) / (2n * den);
  const digits = `${q / 100n}.${String(q % 100n).padStart(2, '0')}`;
  return [sign, sign === 0 ? '0.00' : `${sign > 0 ? '+' : '-'}${digits}`];
}

describe('序时进度 on exact fractions', () => {
  it('May: 5 of 12 is level with 5/12 — 0.00, not behind, in the table, the ranking and the bulletin', () => {
    const p = may();
    const result = ScoreModel.build(p).result();
    const t = completionTables(p, result).find((x) => x.indicatorId === 'tech_sme')!;
    expect(t.timeProgress).toBe('41.67%');
    const ba = t.rows.find((r) => r.unitId === 'ba')!;
    expect([ba.rateText, ba.vsTime, ba.vsTimeValue, ba.behind]).toEqual(['41.67%', '0.00', 0, false]);
    expect(t.facts.behindNames).not.toContain('保安镇');
    expect(rankingTable(p, result).find((r) => r.unitId === 'ba')!.behind).not.toContain('科技型中小企业入库');
    const draft = bulletinDraft(p, result).units;
    expect(draft).not.toMatch(/科技型中小企业入库[^。]*保安镇[^。]*落后于序时进度/u);
  });

  it('a township behind by less than 0.005 points prints -0.00, is listed behind, and its cell holds the sign', () => {
    const p = may();
    // 4 999 999 of 12 000 000 is 41.666658…%: behind by 0.0000083 points.
    p.cells[cellKey('ba', 'tech_sme')] = { state: 'value', target: 12_000_000, actual: 4_999_999 };
    const t = completionTables(p, ScoreModel.build(p).result()).find((x) => x.indicatorId === 'tech_sme')!;
    const ba = t.rows.find((r) => r.unitId === 'ba')!;
    expect([ba.vsTime, ba.behind]).toEqual(['-0.00', true]);
    expect(ba.vsTimeValue).toBeLessThan(0);
    expect(t.facts.behindNames).toContain('保安镇');
    const words = bulletinDraft(p, ScoreModel.build(p).result()).units;
    expect(words).toMatch(/保安镇[^。]*落后于序时进度/u);
  });

  it('agrees with the exact oracle on 5 016 random townships at every month and quarter, near the edge', () => {
    const r = rng(26_5);
    let disagree = 0;
    let checks = 0;
    for (let k = 0; k < 5016; k++) {
      const month = int(r, 1, 13); // 13: a quarter
      const quarter = int(r, 1, 4) as 1 | 2 | 3 | 4;
      const tp = timeProgress(month === 13 ? { cumulative: true, quarter } : { cumulative: true, quarter, month })!;
      const [n, d] = month === 13 ? [BigInt(quarter), 4n] : [BigInt(month), 12n];
      const decimals = pick(r, [0, 0, 1, 2, 4]);
      const step = 10 ** -decimals;
      const target = Number((int(r, 1, 10 ** 6) * step).toFixed(decimals)) || 1;
      // Near the share: the level point on the grid, a step either side, or anywhere.
      const level = (target * Number(n)) / Number(d);
      const base = pick(r, [level, level, level * r() * 2]);
      const actual = Math.max(0, Number((Math.round(base / step) * step + pick(r, [-step, 0, step])).toFixed(decimals)));
      const [sign, text] = oracle(String(actual), String(target), n, d);
      const got = versusTime(actual, target, tp);
      checks++;
      if (got.sign !== sign || got.text !== text || Math.sign(got.value) !== sign) disagree++;
    }
    console.log(`序时进度: ${checks} checks, ${disagree} disagree with the exact oracle`);
    expect(disagree).toBe(0);
  });
});
