/**
 * Finding the workbook's unit or indicator for a name read from a file: its name or an alias, as
 * written (width, spaces, middle dots and brackets aside), or the same name with or without its
 * suffix (东岳 / 东岳街道; 技术合同成交额完成 / 技术合同成交额) — never a name contained in another
 * (金湖新区 is not 金湖街道) and never a guess between two. Anything else is 认不出的单位 (or 指标),
 * for the person to map or skip.
 */
import type { Indicator, Unit } from '../../model';
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
    return core.length >= 2 ? uniqueBy(units, (u) => names(u).some((x) => unitCore(x) === core)) : null;
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
    return uniqueBy(indicators, (i) => names(i).some((x) => indicatorCore(x) === core));
  };
}
