/**
 * What a preview with unmatched names carries for the page to offer (对应为 …): the period's units
 * and indicators by id and name — only of the kinds that need mapping, so a province preview
 * with every name found does not carry 40 000 names, and the page asks nothing more.
 */
import type { Period } from '../model';
import type { MappableNames, Unmatched } from './protocol';

export function namesToMap(p: Period, unmatched: readonly Pick<Unmatched, 'kind'>[]): MappableNames {
  const kinds = new Set(unmatched.map((u) => u.kind));
  return {
    units: kinds.has('unit') ? p.units.map((u) => ({ id: u.id, name: u.name })) : [],
    indicators: kinds.has('indicator') ? p.indicators.map((i) => ({ id: i.id, name: i.name })) : [],
  };
}
