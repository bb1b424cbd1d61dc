/**
 * Finding the workbook's unit or indicator for a name read from a file. Exact (normalized) names
 * and aliases first, then suffix variants, then an unambiguous containment; never a guess between two.
 */
import type { Indicator, Unit } from '../model';
import { indicatorCore, normText, splitMeasure, unitCore } from './normalize';

function uniqueBy<T>(items: T[], pred: (t: T) => boolean): T | null {
  const hits = items.filter(pred);
  return hits.length === 1 ? hits[0]! : null;
}

export function makeUnitMatcher(units: Unit[]): (raw: string) => Unit | null {
  const names = (u: Unit) => [u.name, u.fullName ?? '', ...u.aliases].filter(Boolean);
  const exact = new Map<string, Unit>();
  for (const u of units) for (const n of names(u)) exact.set(normText(n), u);
  return (raw: string) => {
    const n = normText(raw);
    if (!n) return null;
    const hit = exact.get(n);
    if (hit) return hit;
    const core = unitCore(n);
    const byCore = uniqueBy(units, (u) => names(u).some((x) => unitCore(x) === core));
    if (byCore) return byCore;
    // 临空经济区·还地桥镇 vs 临空区·还地桥镇: the part after the dot.
    const tail = n.includes('·') ? unitCore(n.split('·').at(-1)!) : null;
    if (tail) {
      const byTail = uniqueBy(units, (u) => names(u).some((x) => unitCore(normText(x).split('·').at(-1)!) === tail));
      if (byTail) return byTail;
    }
    if (core.length >= 2) {
      const byContain = uniqueBy(units, (u) => names(u).some((x) => normText(x).includes(core) || core.includes(unitCore(x))));
      if (byContain) return byContain;
    }
    return null;
  };
}

export function makeIndicatorMatcher(indicators: Indicator[]): (rawLabel: string) => Indicator | null {
  const names = (i: Indicator) => [i.name, ...i.aliases, i.annex?.title ?? ''].filter(Boolean);
  return (rawLabel: string) => {
    const { name } = splitMeasure(rawLabel);
    if (!name) return null;
    const exact = uniqueBy(indicators, (i) => names(i).some((x) => normText(x) === name));
    if (exact) return exact;
    const core = indicatorCore(name);
    const byCore = uniqueBy(indicators, (i) => names(i).some((x) => indicatorCore(x) === core));
    if (byCore) return byCore;
    if (core.length >= 4) {
      return uniqueBy(indicators, (i) => names(i).some((x) => normText(x).includes(core) || core.includes(indicatorCore(x))));
    }
    return null;
  };
}
