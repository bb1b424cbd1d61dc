/**
 * Cells stored in blocks (schema level 3): what goes in comes out identical; what another page
 * wrote wrong is refused in Chinese, a whole block or a single cell, never read as a value.
 */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/model';
import { BUCKETS, bucketOf, decodeBlock, encodeBlock, encodePeriodBlocks, type CheckedUnitLists } from '../../src/store/cellBlocks';
import { rng } from '../support/random';
import { randomStoredCell as randomCell } from '../support/kit';



describe('cell blocks', () => {
  it('the bucket of an id is fixed (part of the stored format) and spreads units evenly', () => {
    // If these move, every stored cell would be looked for in the wrong block.
    expect([bucketOf('gxq'), bucketOf('u1'), bucketOf('u2'), bucketOf('')]).toEqual([49, 51, 6, 5]);
    const counts = new Array<number>(BUCKETS).fill(0);
    for (let i = 1; i <= 40000; i++) counts[bucketOf(`u${i}`)]!++;
    expect(Math.min(...counts)).toBeGreaterThan(40000 / BUCKETS / 2);
    expect(Math.max(...counts)).toBeLessThan((40000 / BUCKETS) * 2);
  });

  it('what is encoded decodes identical, on 20 000 random cells (numbers, -0, text, manual points, remarks)', () => {
    const r = rng(11);
    const cells: [string, string, Cell][] = [];
    for (let i = 0; i < 20000; i++) cells.push([`u${i % 2500}`, `i${Math.floor(i / 2500)}`, randomCell(r)]);
    const blocks = encodePeriodBlocks('wb', 'p', cells);
    expect(blocks.length).toBeLessThanOrEqual(8 * BUCKETS);
    const back = new Map<string, Cell>();
    for (const b of structuredClone(blocks)) {
      const d = decodeBlock(b);
      if (!d.ok) throw new Error(d.problems.join());
      expect(d.bad).toEqual([]);
      d.unitIds.forEach((u, k) => back.set(`${u}|${d.indicatorId}`, d.cells[k]!));
    }
    expect(back.size).toBe(cells.length);
    for (const [u, i, c] of cells) {
      const got = back.get(`${u}|${i}`)!;
      expect(got).toEqual(c);
      // toEqual does not tell -0 from 0.
      if (typeof c.target === 'number') expect(Object.is(got.target, c.target)).toBe(true);
    }
  });

  it('a block whose shape is wrong is refused whole, in Chinese', () => {
    const good = encodeBlock('wb', 'p', 'talent', bucketOf('gxq'), [['gxq', { state: 'value', target: 40, actual: 156 }]]);
    const cases: [unknown, string][] = [
      [null, '不是单元格块记录'],
      [{ ...good, app: 'other' }, '缺少本程序的标记'],
      [{ ...good, bucket: 64 }, '分块号不正确'],
      [{ ...good, state: [1] }, '状态列'],
      [{ ...good, target: new Float64Array(2) }, '目标任务数列'],
      [{ ...good, actual: new Float32Array(1) }, '完成任务数列'],
      [{ ...good, units: 'gxq' }, '单位列表'],
      [{ ...good, extra: {} }, '附加值'],
    ];
    for (const [raw, msg] of cases) {
      const d = decodeBlock(raw);
      expect(d.ok).toBe(false);
      if (!d.ok) expect(d.problems.join()).toContain(msg);
    }
  });

  it('a wrong cell inside a sound block is refused alone; its neighbours are read', () => {
    const b = bucketOf('u1');
    const same = Array.from({ length: 3000 }, (_, i) => `x${i}`).filter((u) => bucketOf(u) === b).slice(0, 7);
    expect(same).toHaveLength(7);
    const block = encodeBlock('wb', 'p', 'talent', b, same.map((u, i) => [u, { state: 'value', target: 10 + i, actual: 20 + i }]));
    block.state[1] = 9; // unknown state
    block.target[2] = Infinity;
    block.extra.push({ i: 3, target: '文字' }); // a number and a text for one value
    block.units[4] = 'u2'; // a unit of another bucket
    expect(bucketOf('u2')).not.toBe(b);
    block.units[5] = same[0]!; // the same unit twice
    block.extra.push({ i: 99, remark: 'x' }); // nowhere
    const d = decodeBlock(block);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.unitIds).toEqual([same[0], same[6]]);
    expect(d.cells).toEqual([
      { state: 'value', target: 10, actual: 20 },
      { state: 'value', target: 16, actual: 26 },
    ]);
    expect(d.bad.map((x) => x.reason)).toEqual(['附加值的位置不正确', '状态代码 9 无法识别', '目标任务数或完成任务数不是有效的数或文字', '目标任务数或完成任务数不是有效的数或文字', '单位“u2”不应在该分块中', `单位“${same[0]}”的单元格重复`]);
  });

  it('a unit list checked in one block is trusted in the next only when it is the same list', () => {
    const b = bucketOf('u1');
    const same = Array.from({ length: 3000 }, (_, i) => `x${i}`).filter((u) => bucketOf(u) === b).slice(0, 5);
    const cell = (i: number): Cell => ({ state: 'value', target: 10 + i, actual: 20 + i });
    const checked: CheckedUnitLists = new Map();
    // A list with a repeated unit is never remembered as checked.
    const repeated = encodeBlock('wb', 'p', 'a', b, same.map((u, i) => [u, cell(i)]));
    repeated.units[4] = same[0]!;
    const d0 = decodeBlock(structuredClone(repeated), checked);
    expect(d0.ok && d0.bad.map((x) => x.reason)).toEqual([`单位“${same[0]}”的单元格重复`]);
    expect(checked.size).toBe(0);
    const d1 = decodeBlock(structuredClone(repeated), checked);
    expect(d1.ok && d1.bad.map((x) => x.reason)).toEqual([`单位“${same[0]}”的单元格重复`]);
    // A sound list is remembered; the next block with the same ids (other string objects) reads the same.
    const good = encodeBlock('wb', 'p', 'b', b, same.map((u, i) => [u, cell(i)]));
    const g1 = decodeBlock(structuredClone(good), checked);
    expect(checked.get(b)).toEqual(same);
    const g2 = decodeBlock(structuredClone({ ...good, indicatorId: 'c' }), checked);
    expect(g2.ok && g2.unitIds).toEqual(same);
    expect(g2.ok && g2.cells).toEqual(g1.ok && g1.cells);
    // The same bucket with one id changed is checked again: a unit of another bucket is still refused.
    const moved = structuredClone(good);
    moved.units[2] = 'u2';
    const m = decodeBlock(moved, checked);
    expect(m.ok && m.bad.map((x) => x.reason)).toEqual(['单位“u2”不应在该分块中']);
    expect(m.ok && m.unitIds).toEqual([same[0], same[1], same[3], same[4]]);
  });
});
