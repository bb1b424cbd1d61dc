/**
 * A block pasted into a column of entry boxes (weights, scenario targets), read as staff copy it
 * from a plan: with the townships' names (乡镇 + 数值 in any order, a header, a 合计 row, a 序号
 * column) it is matched by name, as the importer matches names (aliases included); a lone column
 * of numbers has no names and goes by position only once the person has seen where each lands.
 */
import { parseNumeric, type Unit } from '../../model';
import { makeUnitMatcher } from './match';
import { normText } from './normalize';

export interface PastedLine {
  /** 1-based line of the pasted block. */
  line: number;
  /** The name as pasted (by name), or the unit's name it lands on (by position). */
  name: string;
  unitId: string | null;
  /** The value as pasted. */
  text: string;
  value: number | null;
}

export interface PastedColumn {
  /** Matched by the names in the block (else: a single column of values, by position). */
  byName: boolean;
  lines: PastedLine[];
  /** Names in the block that are no township of the period (listed, not pasted). */
  unknown: string[];
  /** Townships the block gives no value (by name only). */
  missing: string[];
  /** Townships named twice (neither value taken). */
  twice: string[];
  /** Values that are not numbers, with where they are. */
  notNumbers: string[];
}

const SUM_ROW = /^(合计|总计|小计|全市|合\s*计)$/u;

/** Read `text` pasted at unit position `from` of `units` (the column's order). */
export function readPastedColumn(text: string, units: readonly Unit[], from = 0): PastedColumn {
  const rows = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l, k) => ({ line: k + 1, cells: l.split('\t').map((c) => c.trim()) }))
    .filter((r) => r.cells.some((c) => c !== ''));
  const isNumber = (c: string) => parseNumeric(c).kind === 'number';
  const named = rows.filter((r) => r.cells.some((c) => c !== '' && !isNumber(c)));
  const out: PastedColumn = { byName: false, lines: [], unknown: [], missing: [], twice: [], notNumbers: [] };
  // Names present (besides a header line): match by name.
  const withValues = named.filter((r) => r.cells.some(isNumber));
  if (withValues.length > 0) {
    out.byName = true;
    const match = makeUnitMatcher([...units]);
    const seen = new Map<string, PastedLine>();
    const twice = new Set<string>();
    for (const r of named) {
      const name = r.cells.find((c) => c !== '' && !isNumber(c))!;
      const valueText = [...r.cells].reverse().find(isNumber) ?? '';
      if (SUM_ROW.test(normText(name))) continue;
      const unit = match(name);
      if (!unit) {
        // A header line (乡镇 | 科技型中小企业入库(家)) has no number: not a township.
        if (valueText) out.unknown.push(`第 ${r.line} 行“${name}”`);
        continue;
      }
      const p = parseNumeric(valueText);
      const line: PastedLine = { line: r.line, name, unitId: unit.id, text: valueText, value: p.kind === 'number' ? p.value : null };
      if (!valueText) out.notNumbers.push(`第 ${r.line} 行（${name}）没有数值`);
      if (seen.has(unit.id)) {
        out.twice.push(unit.name);
        twice.add(unit.id);
      }
      seen.set(unit.id, line);
      out.lines.push(line);
    }
    // By id, not by a search of the units per line (a province's column: 40 000 × 40 000 compares).
    out.lines = out.lines.filter((l) => !twice.has(l.unitId!));
    out.missing = units.filter((u) => !seen.has(u.id)).map((u) => u.name);
    return out;
  }
  // One column of values, by position from the box it was pasted in (a header line above it is left out).
  if (rows.length > 1 && !rows[0]!.cells.some(isNumber)) rows.shift();
  rows.forEach((r, k) => {
    const text = r.cells.find((c) => c !== '') ?? '';
    const p = parseNumeric(text);
    const unit = units[from + k];
    if (p.kind !== 'number') out.notNumbers.push(`第 ${r.line} 行“${text}”不是数字`);
    out.lines.push({ line: r.line, name: unit ? (unit.fullName ?? unit.name) : '', unitId: unit?.id ?? null, text, value: p.kind === 'number' ? p.value : null });
  });
  return out;
}

/** A pasted list of township names (one per line; a 序号 column and a header are passed over): the units in that order. */
export function readUnitOrder(text: string, units: readonly Unit[]): { unitIds: string[]; unknown: string[]; missing: string[] } {
  const match = makeUnitMatcher([...units]);
  const unitIds: string[] = [];
  const unknown: string[] = [];
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((line, k) => {
      const name = line.split('\t').map((c) => c.trim()).find((c) => c !== '' && parseNumeric(c).kind !== 'number');
      if (!name || SUM_ROW.test(normText(name))) return;
      const u = match(name);
      if (u && !unitIds.includes(u.id)) unitIds.push(u.id);
      else if (!u && k > 0) unknown.push(`第 ${k + 1} 行“${name}”`);
    });
  return { unitIds, unknown, missing: units.filter((u) => !unitIds.includes(u.id)).map((u) => u.name) };
}
