/**
 * A copy is a copy: new ids for everything a workbook stores separately (the workbook, its
 * periods, their scenarios), applied the same way to the copy's snapshots so a restored version
 * still lines up with the copy and never with the original.
 */
import type { SnapshotContent, Workbook } from '../../model';

export function renewIds(wb: Workbook, snapshots: SnapshotContent[], newId: (prefix: string) => string, name: string): { workbook: Workbook; snapshots: SnapshotContent[] } {
  const workbookId = newId('wb');
  const periods = new Map<string, string>();
  const scenarios = new Map<string, string>();
  const renew = (w: Workbook): Workbook => {
    const copy = structuredClone(w);
    copy.id = workbookId;
    copy.name = name;
    for (const p of copy.periods) {
      if (!periods.has(p.id)) periods.set(p.id, newId('period'));
      p.id = periods.get(p.id)!;
      for (const s of p.scenarios ?? []) {
        if (!scenarios.has(s.id)) scenarios.set(s.id, newId('scn'));
        s.id = scenarios.get(s.id)!;
      }
    }
    return copy;
  };
  const workbook = renew(wb);
  return { workbook, snapshots: snapshots.map((s) => ({ ...s, workbook: { ...renew(s.workbook), name: s.workbook.name } })) };
}
