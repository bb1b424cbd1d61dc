import { describe, expect, it, vi } from 'vitest';
import { cellKey, type Period } from '../../src/model';
import {
  ScoreModel, applyScenario, bulletinDraft, compareScenarios, explainCell, explainTotal, formatScore, goalSeek, largestRemainder, weightsProblem, rankingTable, scorePeriod, weightsFor, type Goal,
} from '../../src/engine';
import { samplePeriod } from '../../src/sample/daye-2023q1';
import { periodFrom } from '../../src/engine/workbook/periods';
import { rng } from '../support/random';
import { scenarioFromColumns, scenarioScores } from '../../src/engine/whatif/scenario';

const period = samplePeriod();
const result = scorePeriod(period);

describe('target decomposition by largest remainder', () => {
  it('1 000 random totals and weights: the parts always add up to the total exactly', () => {
    const rnd = rng(12345);
    for (let trial = 0; trial < 1000; trial++) {
      const n = 1 + Math.floor(rnd() * 20);
      const decimals = Math.floor(rnd() * 4);
      const total = Number((rnd() * 10 ** (1 + Math.floor(rnd() * 6))).toFixed(decimals));
      const weights = Array.from({ length: n }, () => (rnd() < 0.15 ? 0 : rnd() * 1000));
      const parts = largestRemainder(total, weights, decimals);
      const scale = 10 ** decimals;
      expect(parts.reduce((s, p) => s + Math.round(p * scale), 0), `trial ${trial}`).toBe(Math.round(total * scale));
      for (const p of parts) expect(Math.round(p * scale) / scale).toBe(p);
      // Each part is within one step of its exact share.
      const sw = weights.reduce((s, w) => s + w, 0) || n;
      parts.forEach((p, i) => expect(Math.abs(p - (total * (sw === n && weights.every((w) => w === 0) ? 1 : weights[i]!)) / sw)).toBeLessThanOrEqual(1 / scale + 1e-9));
    }
  });

  it('818 科技型中小企业 over the 14 units by 2023 Q1 actual shares: whole firms, summing to 818', () => {
    const w = weightsFor(period, 'tech_sme', 'prevActual', period);
    const parts = largestRemainder(818, w, 0);
    expect(parts.reduce((s, p) => s + p, 0)).toBe(818);
    expect(parts.every((p) => Number.isInteger(p))).toBe(true);
    // 高新区 had 149 of 332: 818 × 149 / 332 = 367.1 → 367
    expect(parts[0]).toBe(367);
    expect(largestRemainder(10, [1, 1, 1], 0)).toEqual([4, 3, 3]);
    expect(largestRemainder(1, [1, 1, 1], 2)).toEqual([0.34, 0.33, 0.33]);
  });
});

describe('what a split needs', () => {
  it('a basis without the figure is refused by name; typed weights not yet typed are not a problem; equal never is', () => {
    expect(weightsProblem([0, 0, 0], 'prevActual', '科技型中小企业入库数', '2023年二季度')).toBe(
      '依据的考核期 2023年二季度 没有“科技型中小企业入库数”的实绩数，无法按上期实绩数占比分解。请选择有数据的考核期，或改用“平均分配”“按输入的权重”。',
    );
    expect(weightsProblem([0, 0], 'prevTarget', '人才', null)).toContain('没有“人才”的任务数，无法按上期任务数占比分解');
    expect(weightsProblem([0, 2, 0], 'prevActual', '人才', '2023年一季度')).toBeNull();
    expect(weightsProblem([0, 0], 'typed', '人才', null)).toBeNull();
    expect(weightsProblem([1, 1], 'equal', '人才', null)).toBeNull();
  });
});

describe('scenarios and the comparison', () => {
  it('大箕铺镇 科小 target 15: it falls from 6th to 8th, 金山店镇 rises to 6th; the baseline is untouched', () => {
    const scenario = { id: 's', name: '大箕铺镇任务 15', overrides: { [cellKey('djp', 'tech_sme')]: { target: 15 } } };
    const view = compareScenarios(period, [scenario], result);
    const djp = view.rows.find((r) => r.unitId === 'djp')!;
    expect(djp.base).toEqual({ total: 78.47, rank: 6 });
    expect(djp.scenarios[0]).toMatchObject({ total: 77.41, rank: 8, deltaTotal: -1.06, deltaRank: -2 });
    expect(djp.scenarios[0]!.changed).toEqual([{ indicatorId: 'tech_sme', name: '科技型中小企业入库数', from: '9.6', to: '8.7' }]);
    expect(view.rows.find((r) => r.unitId === 'jsd')!.scenarios[0]).toMatchObject({ rank: 6, deltaRank: 1 });
    expect(period.cells[cellKey('djp', 'tech_sme')]!.target).toBe(11);
    expect(applyScenario(period, scenario).cells[cellKey('djp', 'tech_sme')]!.target).toBe(15);
  });

  it('scenarios tried on a copy of the worker\'s model compare exactly as scenarios scored anew, on 200 random scenarios', () => {
    // As the worker holds it: scored from the period's cells by column (a rule scenario starts from them).
    const model = ScoreModel.build(period, new Map(period.indicators.map((ind) => [ind.id, period.units.map((u) => period.cells[cellKey(u.id, ind.id)])])));
    let withRules = 0;
    const rnd = rng(99);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    for (let k = 0; k < 200; k++) {
      const overrides: Record<string, { target?: number; actual?: number }> = {};
      for (let n = 0; n < 1 + Math.floor(rnd() * 6); n++) {
        const key = cellKey(pick(period.units).id, pick(period.indicators).id);
        const v = () => pick([0, 1, 7.5, 100, 1e6, -3, 0.1 + 0.2] as const);
        overrides[key] = rnd() < 0.4 ? { target: v() } : rnd() < 0.5 ? { actual: v() } : { target: v(), actual: v() };
      }
      const ind = pick(period.indicators);
      const rules = rnd() < 0.4 ? { [ind.id]: { rule: pick([{ kind: 'proportional' as const }, { kind: 'threshold' as const }]), points: ind.points + 1 } } : undefined;
      const scenarios = [{ id: `s${k}`, name: `情景${k}`, overrides, ...(rules ? { rules } : {}) }];
      expect(compareScenarios(period, scenarios, model.result(), model), `scenario ${k}`).toEqual(compareScenarios(period, scenarios, result));
      if (rules) {
        withRules++;
        // Scored from the columns with the overrides; its period's cells, when read, are the scenario's.
        const scored = scenarioScores(period, scenarios[0]!, model).result;
        const anew = scorePeriod(applyScenario(period, scenarios[0]!));
        expect(scored.units, `scenario ${k}`).toEqual(anew.units);
        expect(scored.errors, `scenario ${k}`).toEqual(anew.errors);
        // The scenario period's keyed cells, made when first read, are applyScenario's.
        const columns = model.sourceColumns()!;
        const made = scenarioFromColumns(period, scenarios[0]!, columns);
        expect(made.period.cells, `scenario ${k}`).toEqual(applyScenario(period, scenarios[0]!).cells);
        expect(made.period.indicators).toEqual(applyScenario(period, scenarios[0]!).indicators);
        for (const key of Object.keys(overrides)) {
          const [u, i] = key.split('|') as [string, string];
          expect(scored.cell(u, i), `scenario ${k} ${key}`).toEqual(anew.cell(u, i));
        }
      }
    }
    expect(withRules).toBeGreaterThan(50);
    // The worker's own scores are not touched by the copies.
    expect(model.result().unitResult('djp')).toMatchObject({ totalRounded: 78.47, rank: 6 });
  });
});

describe('explanations', () => {
  it('the issue’s example, word for word', () => {
    expect(explainCell(period, result, 'gxq', 'rd_investment').text).toBe('实绩 132585.2 排第1 → 2.5 分；完成率 101.99% 排第12 → 2.5 − 11×0.05 = 1.95 分；合计 4.45 分。');
    expect(explainCell(period, result, 'cg', 'talent').text).toBe('完成率 94.12%（4 ÷ 4.25）→ 5 × 94.12% = 4.71 分。');
    expect(explainCell(period, result, 'gxq', 'hitech_output').text).toBe('一季度数据未出，完成任务数暂取目标任务数 112.5 → 满分 5 分，不参与排名。');
    expect(explainCell(period, result, 'lx', 'rd_service_revenue').text).toBe('不适用（/）→ 满分 5 分，不参与排名。');
    expect(explainTotal(period, result, 'gxq').text).toBe('各项得分之和 72.3 分（方案满分 85 分）× 100 ÷ 85 = 85.06 分，排第 1 名。');
  });

  it('every explanation arrives at the score the engine gave', () => {
    for (const u of period.units) {
      for (const ind of period.indicators) {
        const e = explainCell(period, result, u.id, ind.id);
        const score = result.cells[cellKey(u.id, ind.id)]!.score;
        expect(e.score, `${u.name} ${ind.name}`).toBe(score);
        if (score !== null && ind.rule.kind !== 'rankDual' && e.text.includes('满分')) expect(score).toBe(ind.points);
        if (score !== null && ind.rule.kind === 'rankDual') expect(e.text).toContain(`合计 ${formatScore(score)} 分`);
      }
    }
  });
});

describe('goal seek', () => {
  const cases: [string, string, Goal, 'actual' | 'target'][] = [
    ['lrb', 'tech_sme', { kind: 'upOne' }, 'actual'],
    ['ba', 'tech_sme', { kind: 'upOne' }, 'actual'],
    ['yz', 'new_product_sales', { kind: 'rank', rank: 9 }, 'actual'],
    ['lkq', 'talent', { kind: 'complete' }, 'actual'],
    ['lkq', 'talent', { kind: 'total', total: 84 }, 'actual'],
    ['ba', 'tech_sme', { kind: 'upOne' }, 'target'],
    ['lkq', 'talent', { kind: 'complete' }, 'target'],
    ['djp', 'tech_sme', { kind: 'upOne' }, 'actual'],
    ['jh', 'talent', { kind: 'upOne' }, 'actual'],
  ];
  const rankOf = (p: Period, id: string) => rankingTable(p, scorePeriod(p)).find((r) => r.unitId === id)!;
  const set = (p: Period, u: string, i: string, field: 'actual' | 'target', v: number): Period => ({ ...p, cells: { ...p.cells, [cellKey(u, i)]: { ...p.cells[cellKey(u, i)]!, [field]: v } } });

  it.each(cases)('%s %s %j by %s: the answer reaches the goal, one step less does not', (u, i, goal, vary) => {
    const r = goalSeek(period, u, i, goal, vary);
    if (u === 'jh' || u === 'djp') {
      // 金湖街道 has full marks in 人才; 大箕铺镇 can gain at most 0.4 of the 4.72 it lacks on 临空区: neither can move up.
      expect(r.ok).toBe(false);
      expect(r.message).toContain('达不到');
      return;
    }
    expect(r.ok, r.message).toBe(true);
    const ind = period.indicators.find((x) => x.id === i)!;
    const step = 10 ** -(['家', '人'].includes(ind.unit) ? 0 : ind.decimals);
    const meets = (v: number) => {
      const p = set(period, u, i, vary, v);
      const row = rankOf(p, u);
      const c = p.cells[cellKey(u, i)]!;
      const rate = (c.actual as number) / (c.target as number);
      if (goal.kind === 'complete') return rate >= 1;
      if (goal.kind === 'upOne') return row.rank! < rankOf(period, u).rank!;
      if (goal.kind === 'rank') return row.rank! <= goal.rank;
      return row.total! >= goal.total;
    };
    expect(meets(r.value!)).toBe(true);
    const worse = vary === 'actual' ? r.value! - step : r.value! + step;
    expect(meets(Number(worse.toFixed(6)))).toBe(false);
    expect(r.after).toEqual({ total: rankOf(set(period, u, i, vary, r.value!), u).total, rank: rankOf(set(period, u, i, vary, r.value!), u).rank });
  });

  it('scores the period once at most: every trial is an incremental change to a copy (at 40 000 units a trial was a 2.2 s full score)', () => {
    const builds = vi.spyOn(ScoreModel, 'build');
    try {
      const model = ScoreModel.build(period);
      builds.mockClear();
      const r = goalSeek(period, 'lrb', 'tech_sme', { kind: 'upOne' }, 'actual', model);
      expect(r.ok).toBe(true);
      expect(builds).not.toHaveBeenCalled();
      // The worker's model is untouched by the trials.
      expect(model.result().unitResult('lrb')).toMatchObject({ totalRounded: 77.59, rank: 8 });
      goalSeek(period, 'ba', 'tech_sme', { kind: 'upOne' }, 'target');
      expect(builds).toHaveBeenCalledTimes(1);
    } finally {
      builds.mockRestore();
    }
  });

  it('says so in words', () => {
    expect(goalSeek(period, 'lrb', 'tech_sme', { kind: 'upOne' }, 'actual').message).toMatch(/^刘仁八镇「科技型中小企业入库数」实绩数至少为 \d+家（现为 9）：总得分 77\.59 → [\d.]+，排名 8 → 7。$/);
    expect(goalSeek(period, 'gxq', 'tech_sme', { kind: 'upOne' }, 'actual').message).toBe('高新区已是第 1 名。');
    expect(goalSeek(period, 'msx', 'tech_sme', { kind: 'upOne' }, 'actual').message).toContain('数据不全');
  });
});

describe('bulletin draft (seed 000 §一)', () => {
  const d = bulletinDraft(period, result);
  it('(一) city-wide actuals and rates as printed', () => {
    expect(d.overall).toBe(
      '（一）全市指标整体完成情况。全市规上企业研发投入实绩数为 257255.4 万元，完成任务数 104.64%；规上企业研发人员实绩数为 8340 人，完成任务数 105.72%；规上企业新产品销售收入实绩数为 360.36 亿元，完成任务数 115.54%；科技型中小企业入库实绩数为 332 家，完成任务数 132.8%；技术合同成交额实绩数为 94087 万元，完成任务数 117.61%。',
    );
  });
  it('(二) counts and top threes as printed', () => {
    for (const top of ['高新区、临空区·还地桥镇和灵乡镇', '高新区、金湖街道和临空区·还地桥镇', '高新区、临空区·还地桥镇和金湖街道', '高新区、临空区·还地桥镇和陈贵镇', '高新区、灵乡镇和陈贵镇']) {
      expect(d.units).toContain(`完成较高的为${top}`);
    }
    expect(d.units.match(/14 个乡镇（场）全部完成目标任务/g)).toHaveLength(4);
    expect(d.units).toContain('等 13 个乡镇(场)完成该目标任务，东岳街道未完成');
    expect(d.units).toContain('等 13 个乡镇(场)全面完成 5 项指标的目标任务');
    expect(d.units).toMatch(/^（二）各乡镇指标完成情况。一是规上企业研发投入，14 个乡镇（场）全部完成目标任务/);
    expect(d.units).toContain('截止至3月31日，');
  });
  it('a new period without actuals says so, never "实绩数为 0，完成任务数 —" or "完成较高的为。"', () => {
    const next = periodFrom(period, 'q2', 2023, 2);
    const empty = bulletinDraft(next, scorePeriod(next));
    expect(empty.text).toBe('（一）全市指标整体完成情况。本期尚无实绩数据。\n\n（二）各乡镇指标完成情况。待各乡镇报送实绩数后生成。');
    // One indicator reported: the others say they have none.
    const some = structuredClone(next);
    some.cells[cellKey('gxq', 'tech_sme')] = { state: 'value', target: 100, actual: 120 };
    const d2 = bulletinDraft(some, scorePeriod(some));
    expect(d2.overall).toContain('全市规上企业研发投入尚无实绩数据；');
    expect(d2.overall).toContain('科技型中小企业入库实绩数为 120 家，完成任务数 120%');
    expect(d2.units).toContain('一是规上企业研发投入，尚无实绩数据。');
    expect(d2.units).not.toMatch(/完成较高的为。|完成较高的为$/);
    expect(d2.units).toContain('截止至6月30日，尚无乡镇(场)全面完成 5 项指标的目标任务');
  });
});
