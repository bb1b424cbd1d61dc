/**
 * A result's indicator summaries are made once (issue 30: the 附件 tabs, their pages, the charts
 * and the 通报 each summarised 40 000 units again) — and never served for another result or
 * another version of the period: a changed cell, a changed 序时进度 or a renamed unit shows at once.
 */
import { describe, expect, it } from 'vitest';
import { ScoreModel } from '../../src/engine/scoring/scoreModel';
import { summarizeIndicator } from '../../src/engine/scoring/summary';
import { completionTables } from '../../src/engine/views/tables';
import { sampleWorkbook } from '../../src/sample/daye-2023q1';

const period = () => sampleWorkbook().periods[0]!;

describe('summaries made once per result', () => {
  it('the same result and period give the same summary object; another result or period a new one', () => {
    const p = period();
    const result = ScoreModel.build(p).result();
    const ind = p.indicators.find((i) => i.id === 'tech_contract')!;
    const s = summarizeIndicator(p, result, ind);
    expect(summarizeIndicator(p, result, ind)).toBe(s);
    expect(summarizeIndicator({ ...p }, result, ind)).not.toBe(s);
    expect(summarizeIndicator(p, ScoreModel.build(p).result(), ind)).not.toBe(s);
  });

  it('a changed cell is in the next result’s table: 东岳街道 completes 技术合同成交额', () => {
    const p = period();
    const before = completionTables(p, ScoreModel.build(p).result()).find((t) => t.indicatorId === 'tech_contract')!;
    expect(before.facts.notCompletedNames).toEqual(['东岳街道']);
    const cell = p.cells['dy|tech_contract']!;
    const q = { ...p, cells: { ...p.cells, 'dy|tech_contract': { ...cell, actual: cell.target } } };
    const after = completionTables(q, ScoreModel.build(q).result()).find((t) => t.indicatorId === 'tech_contract')!;
    expect(after.facts.notCompletedCount).toBe(0);
    expect(after.facts.completedCount).toBe(14);
  });

  it('the same result with the period made cumulative, then at another 序时进度, compares each time against the new one', () => {
    const p = period();
    const result = ScoreModel.build(p).result();
    const table = (x: typeof p) => completionTables(x, result).find((t) => t.indicatorId === 'tech_contract')!;
    expect(table(p).timeProgress).toBeNull();
    const q1 = table({ ...p, cumulative: true });
    expect(q1.timeProgress).toBe('25%');
    const late = table({ ...p, cumulative: true, timeShare: 99 });
    expect(late.timeProgress).toBe('99%');
    // Ahead of a quarter's 25 %, behind 99 % for those under 99 % of their target.
    expect(q1.facts.behindCount).toBe(0);
    expect(late.facts.behindCount).toBe(late.rows.filter((r) => r.rate !== null && r.rate < 0.99).length);
    expect(late.facts.behindCount).toBeGreaterThan(0);
  });
});
