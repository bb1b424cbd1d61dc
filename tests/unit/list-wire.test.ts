/**
 * Long lists across the worker boundary (service/listWire.ts): a scheme, a grid view, a split or
 * any reply with units or flat rows arrives exactly as sent (values, key order, the place of the
 * list among the keys), as columns instead of one object per unit or row; a list it cannot carry
 * exactly is left to the ordinary clone.
 */
import { describe, expect, it } from 'vitest';
import { carriesRows, carriesUnits, listWireHandler, packUnits, type PackedCarrier } from '../../src/service/listWire';
import { weightSplit } from '../../src/service/splitTargets';
import { periodMeta } from '../../src/engine/workbook/commands';
import { syntheticPeriod } from '../../bench/synthetic';

/** What the other side gets: serialize, the structured clone of postMessage, deserialize. */
function across(v: unknown): unknown {
  if (!listWireHandler.canHandle(v)) return structuredClone(v);
  const [wire] = listWireHandler.serialize(v);
  return listWireHandler.deserialize(structuredClone(wire) as PackedCarrier);
}

/** Objects in a value's graph (typed arrays and strings not counted). */
function objectCount(v: unknown): number {
  if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) return 0;
  return 1 + Object.values(v).reduce<number>((s, x) => s + objectCount(x), 0);
}

describe('long lists across the worker boundary', () => {
  it('a province scheme arrives as sent, in its key order, carried as a handful of objects', () => {
    const meta = periodMeta(syntheticPeriod(40_000));
    meta.units[5] = { id: 'u6', name: '高新区', fullName: '大冶湖高新区', aliases: ['临空区•还地桥镇', '还地桥'] };
    meta.units[7]!.aliases.push('别名');
    expect(carriesUnits(meta)).toBe(true);
    const back = across(meta);
    expect(JSON.stringify(back)).toBe(JSON.stringify(meta));
    expect(Object.keys(back as object)).toEqual(Object.keys(meta));
    // 40 000 units as objects were 80 000 objects (each with its alias list); packed, a few.
    expect(objectCount(meta.units)).toBe(80_001);
    const [wire] = listWireHandler.serialize(meta as never);
    expect(objectCount(wire.units)).toBe(5);
    expect(wire.rows).toBeUndefined();
    expect(objectCount(wire)).toBe(objectCount({ ...meta, units: null }) + 6);
  });

  it('every unit shape it takes comes back with the same keys in the same order', () => {
    const reply = {
      periodId: 'p',
      units: [
        { id: 'a', name: '甲' },
        { id: 'b', name: '乙', aliases: [] },
        { id: 'c', name: '丙', fullName: '丙镇', aliases: ['丙乡', ''] },
        { id: 'd', name: '丁', aliases: ['x', 'y', 'z'] },
      ],
      after: 1,
    };
    const back = across(reply) as typeof reply;
    expect(back).toEqual(reply);
    expect(back.units.map((u) => Object.keys(u))).toEqual(reply.units.map((u) => Object.keys(u)));
    expect(Object.keys(back)).toEqual(['periodId', 'units', 'after']);
    // The alias lists are the other side's own.
    expect(back.units[3]!.aliases).not.toBe(reply.units[3]!.aliases);
    expect(across({ units: [] })).toEqual({ units: [] });
  });

  it('leaves to the ordinary clone what it cannot carry exactly', () => {
    const odd: unknown[] = [
      { units: [{ name: '甲', id: 'a' }] }, // another key order
      { units: [{ id: 'a', name: '甲', note: 'x' }] }, // another key
      { units: [{ id: 'a', name: '甲', aliases: ['x', 1] }] },
      { units: [{ id: 'a', name: 1 }] },
      { units: [{ id: 'a', name: '甲', fullName: 3, aliases: [] }] },
      // eslint-disable-next-line no-sparse-arrays
      { units: [{ id: 'a', name: '甲', aliases: ['x', , 'y'] }] },
      { units: [new (class U { id = 'a'; name = '甲'; })()] },
      { units: null },
      { units: 'u1' },
      [{ id: 'a', name: '甲' }],
      new Map([['units', []]]),
      null,
      'units',
    ];
    for (const v of odd) {
      expect(carriesUnits(v)).toBe(false);
    }
    expect(() => packUnits([{ id: 'a', name: '甲', note: 'x' } as never])).toThrow(/unit 0/);
  });

  it('a split of 40 000 units arrives as sent, its rows carried as a column per key', () => {
    const p = syntheticPeriod(40_000);
    const split = weightSplit(p, p.indicators[0]!, null, { basis: 'equal', totalText: '1000000', typed: {}, minimumText: '' });
    expect(carriesRows(split)).toBe(true);
    const back = across(split);
    expect(JSON.stringify(back)).toBe(JSON.stringify(split));
    const [wire] = listWireHandler.serialize(split as never);
    expect(objectCount(wire.rows)).toBe(3 + Object.keys(split.rows[0]!).length);
    // Mixed with units, both lists packed; empty and odd rows left as they are.
    const both = { units: [{ id: 'a', name: '甲' }], rows: [{ k: 1, s: 'x', b: true, n: null }], n: 2 };
    expect(across(both)).toEqual(both);
    expect(Object.keys(across(both) as object)).toEqual(['units', 'rows', 'n']);
    const oddRows: unknown[] = [
      { rows: [] },
      { rows: [{ a: 1 }, { a: 1, b: 2 }] },
      { rows: [{ a: 1, b: 2 }, { b: 2, a: 1 }] },
      { rows: [{ a: [1] }] },
      { rows: [{ a: undefined }] },
      { rows: [{ a: { b: 1 } }] },
      { rows: [{ a: 1 }, null] },
    ];
    for (const v of oddRows) {
      expect(carriesRows(v)).toBe(false);
      expect(listWireHandler.canHandle(v)).toBe(false);
    }
    // A NaN, a -0 and an empty string survive as they are.
    const edge = { rows: [{ x: NaN, y: -0, z: '' }] };
    const e = (across(edge) as typeof edge).rows[0]!;
    expect([Number.isNaN(e.x), Object.is(e.y, -0), e.z]).toEqual([true, true, '']);
  });
});
