/**
 * Unit lists across the worker boundary (service/unitListWire.ts): a scheme, a grid view or any
 * reply with units arrives exactly as sent (values, key order, the place of `units` among the
 * keys), as lists of strings instead of one object per unit; a list it cannot carry exactly is
 * left to the ordinary clone.
 */
import { describe, expect, it } from 'vitest';
import { carriesUnits, packUnits, unitListHandler, type PackedCarrier } from '../../src/service/unitListWire';
import { periodMeta } from '../../src/engine/workbook/commands';
import { syntheticPeriod } from '../../bench/synthetic';

/** What the other side gets: serialize, the structured clone of postMessage, deserialize. */
function across(v: unknown): unknown {
  if (!unitListHandler.canHandle(v)) return structuredClone(v);
  const [wire] = unitListHandler.serialize(v);
  return unitListHandler.deserialize(structuredClone(wire) as PackedCarrier);
}

/** Objects in a value's graph (typed arrays and strings not counted). */
function objectCount(v: unknown): number {
  if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) return 0;
  return 1 + Object.values(v).reduce<number>((s, x) => s + objectCount(x), 0);
}

describe('unit lists across the worker boundary', () => {
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
    const [wire] = unitListHandler.serialize(meta as never);
    expect(objectCount(wire.units)).toBe(5);
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
});
