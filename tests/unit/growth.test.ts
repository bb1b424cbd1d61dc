/** Growth targets and splits with minimums (issue 21, fault 3), against seed 001's 目标分解表. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { samplePeriod } from '../../src/sample/daye-2023q1';
import { growthTargets, readGrowthRate, splitWithMinimum } from '../../src/engine/whatif/growth';
import { decRound, decFromText, decPlain } from '../../src/model/exact';

/** Seed 001's table: township → its five columns as printed. */
function seed001(): Map<string, string[]> {
  const lines = readFileSync(new URL('../fixtures/seed001-decomposition.txt', import.meta.url), 'utf8').split('\n');
  return new Map(lines.filter((l) => /^\d+ \|/.test(l)).map((l) => l.split('|').map((c) => c.trim())).map((c) => [c[1]!.replace('•', '·'), c.slice(2, 7)]));
}
const seedName = (u: { name: string; fullName?: string }) => (u.name === '高新区' ? '大冶湖高新区' : u.name);

describe('growth targets', () => {
  it('seed 001’s 研发人员: ⌊1.05 × 2023 一季度 actual⌋ gives 14 of 14 and the 合计 8 750', () => {
    const p = samplePeriod();
    const seed = seed001();
    const r = growthTargets(p, p, 'rd_staff', 'actual', 5, 'down', 0, '2023年一季度');
    const expected = p.units.map((u) => Number(seed.get(seedName(u))![3]));
    expect(r.targets).toEqual(expected);
    expect(r.targets.reduce((s: number, x) => s + x!, 0)).toBe(8750);
    expect(r.missing).toEqual([]);
    expect(r.said).toBe('按2023年一季度同期实绩数增长 5%，向下取整到整数，合计为各单位之和。');
    // 高新区 4 917 → 5 162 (5 162.85 down); half-up gives 5 163.
    expect(r.targets[0]).toBe(5162);
    expect(growthTargets(p, p, 'rd_staff', 'actual', 5, 'halfUp', 0, '').targets[0]).toBe(5163);
  });

  it('rounds on the decimals, never on binary: 1.05 × 4.3 = 4.515 → 4.52 half-up, 4.51 down, and exact products stay', () => {
    expect(decPlain(decRound(decFromText('4.515'), 2, 'halfUp'))).toBe('4.52');
    expect(decPlain(decRound(decFromText('4.515'), 2, 'down'))).toBe('4.51');
    expect(decPlain(decRound(decFromText('4.51'), 2, 'up'))).toBe('4.51');
    expect(decPlain(decRound(decFromText('4.511'), 2, 'up'))).toBe('4.52');
    expect(decPlain(decRound(decFromText('-4.515'), 2, 'down'))).toBe('-4.52');
  });

  it('reads the rate as staff type it, and refuses what cannot be', () => {
    expect(readGrowthRate('5')).toEqual({ ok: true, percent: 5 });
    expect(readGrowthRate('5.5%')).toEqual({ ok: true, percent: 5.5 });
    expect(readGrowthRate('abc')).toEqual({ ok: false, reason: '增长率“abc”不是数字（如 5 表示增长 5%）' });
    expect(readGrowthRate('-100')).toEqual({ ok: false, reason: '增长率为 -100，会使任务数小于等于 0' });
  });
});

describe('a split with a minimum for every township', () => {
  it('300 over 14 with at least 2 each: the rest shared by the weights, the 合计 exactly 300', () => {
    const weights = [137, 28, 23, 23, 17, 15, 13, 10, 6, 7, 7, 6, 6, 0];
    const parts = splitWithMinimum(300, weights, 0, 2)!;
    expect(parts.reduce((s, x) => s + x, 0)).toBe(300);
    expect(Math.min(...parts)).toBe(2);
    expect(parts.at(-1)).toBe(2); // a township with no weight still gets its minimum
    expect(splitWithMinimum(20, weights, 0, 2)).toBeNull(); // 14 × 2 > 20
  });
});
