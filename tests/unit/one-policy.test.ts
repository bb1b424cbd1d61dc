/**
 * One policy, one formatter, literally (issue 28, item 4): the engine's fast path asks the policy's
 * own predicates, the kind of a fault comes from the policy with its reason, the import's checks of
 * printed figures are exact on the decimals, and numbers in messages go through the formatter.
 */
import { describe, expect, it } from 'vitest';
import { actualAccepted, minTarget, numberFault, readInput, targetAccepted, formatQuoted, formatSize, numberProblem } from '../../src/model';
import { resolveCell } from '../../src/engine/scoring/resolve';
import { moreDetailed } from '../../src/engine/import/printedFigures';
import { rng } from '../support/random';

const HOSTILE = [0, -0, -1, 1, 0.5, 0.05, 0.004, 0.0049, 0.005, 5e-324, 1e-7, 999999999999.99, 1e12, 1e12 - 1, -1e12, 1e300, Infinity, -Infinity, NaN, 2 ** 53, 123.456];

describe('the fast path asks the policy', () => {
  it('targetAccepted and actualAccepted say yes exactly when numberFault finds nothing, at every decimals', () => {
    const rnd = rng(28);
    const values = [...HOSTILE, ...Array.from({ length: 2000 }, () => (rnd() - 0.2) * 10 ** Math.floor(rnd() * 16 - 4))];
    let checked = 0;
    for (let decimals = 0; decimals <= 10; decimals++) {
      const ind = { unit: '家', points: 10, decimals };
      for (const v of values) {
        expect(targetAccepted(v, minTarget(ind)), `target ${v} at ${decimals}`).toBe(numberFault('target', v, ind) === null);
        expect(actualAccepted(v), `actual ${v}`).toBe(numberFault('actual', v, ind) === null);
        checked++;
      }
    }
    expect(checked).toBe(11 * values.length);
  });

  it('the kind of a fault comes with its reason: a stored "-5" kept as text by an older build is 任务数 not above 0', () => {
    const unit = { id: 'u', name: '高新区', aliases: [] };
    const ind = { id: 'i', name: '科技型中小企业入库数', unit: '家', points: 10, decimals: 0, rule: { kind: 'proportional' as const } };
    const typed = resolveCell({ state: 'value', target: '-5' as unknown as number, actual: 3 }, unit, ind as never);
    expect(typed.error?.kind).toBe('targetNotPositive');
    expect(typed.error?.message).toBe('高新区「科技型中小企业入库数」的任务数为 -5，必须大于 0');
    const huge = resolveCell({ state: 'value', target: 10, actual: 1e300 }, unit, ind as never);
    expect([huge.error?.kind, huge.error?.message]).toEqual(['outOfRange', '高新区「科技型中小企业入库数」的实绩数为 1e+300，超出合理范围（绝对值应小于 1 万亿）']);
    const read = readInput('actual', 'abc', ind);
    expect(read).toEqual({ ok: false, kind: 'notANumber', reason: '实绩数“abc”不是数字（可填数字，“/”表示不适用，“未出”表示数据未出）' });
  });
});

describe('printed figures compared on the decimals, no slack', () => {
  it('a value half a unit and a hair away does not agree with the shorter one (the old 1e-12 slack let it)', () => {
    expect(moreDetailed(0.1, 0.15)).toBe(0.15);
    expect(moreDetailed(0.1, 0.15000000000005)).toBeNull();
    expect(moreDetailed(0.6, 0.60114)).toBe(0.60114);
    expect(moreDetailed(123456789.1, 123456789.14999)).toBe(123456789.14999);
    expect(moreDetailed(123456789.1, 123456789.15001)).toBeNull();
  });
});

describe('numbers in messages through the formatter', () => {
  it('quoted as typed, short for values no one types; sizes in MB or KB', () => {
    expect(formatQuoted(81778204184.957)).toBe('81778204184.957');
    expect(formatQuoted(-0)).toBe('0');
    expect(formatQuoted(5e-324)).toBe('5e-324');
    expect(numberProblem('target', 0.004, { unit: '家', points: 10, decimals: 2 })).toBe('任务数为 0.004，太小：按该指标的 2 位小数会显示为 0（至少应为 0.005）');
    expect(formatSize(64 * 1024 * 1024)).toBe('64 MB');
    expect(formatSize(2.5 * 1024 * 1024)).toBe('2.5 MB');
    expect(formatSize(1024)).toBe('1 KB');
  });
});
