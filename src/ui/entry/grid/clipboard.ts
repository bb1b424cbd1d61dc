/**
 * Copy and paste in the data grid, by shape. Pure (no DOM), so every rule is unit-tested.
 *  - A block copied here carries its column kinds (in the clipboard's HTML): pasted back, column j
 *    lands on the j-th column from the paste point, computed columns count as columns and are
 *    skipped — never shifted over — and the kinds must line up, or nothing is pasted.
 *  - A block from Excel/WPS lands the same way; a value that would fall on a computed column
 *    (完成率, 得分, 总得分…) or past the last column refuses the paste with a message.
 *  - Every value is checked as if typed; one bad value refuses the whole paste, naming the cells.
 */
import { COLUMN_LABELS, rangeOf, type ColumnKind, type GridColumnSpec, type Range, type Selection } from './layout';
import { cellEditText, cellText, type GridData } from './cellView';
import { toTsv } from './tsv';
import type { CellChange } from '../../../model';
import { fieldText } from '../../../engine/text/describe';

export interface PasteTarget {
  row: number;
  col: number;
  text: string;
}

export type PastePlan = { ok: true; targets: PasteTarget[] } | { ok: false; message: string };

const KINDS_ATTR = 'data-kaohe-kinds';

/** What Ctrl+C puts on the clipboard: TSV for Excel, and HTML that remembers the column kinds. */
export function copyPayload(kinds: ColumnKind[], rows: string[][]): { text: string; html: string } {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('');
  return { text: toTsv(rows), html: `<table ${KINDS_ATTR}="${kinds.join(',')}">${body}</table>` };
}

/** The column kinds of a block copied from this grid, or null for a block from elsewhere. */
export function copiedKinds(html: string): ColumnKind[] | null {
  const m = new RegExp(`${KINDS_ATTR}="([a-z,]+)"`).exec(html);
  if (!m) return null;
  const kinds = m[1]!.split(',') as ColumnKind[];
  return kinds.every((k) => k in COLUMN_LABELS) ? kinds : null;
}

const norm = (s: string) => s.replace(/\s+/g, '').replace(/,/g, '');

/**
 * Where each pasted value goes. `shown(row, col)` is the text a computed cell shows: a value from
 * Excel that merely repeats it (a rate copied along) is skipped, anything else refuses the paste.
 */
export function planPaste(
  columns: GridColumnSpec[],
  sel: Selection,
  block: string[][],
  rowCount: number,
  source: ColumnKind[] | null,
  shown: (row: number, col: number) => string,
): PastePlan {
  const r = rangeOf(sel);
  const out: PasteTarget[] = [];
  if (block.length === 1 && block[0]!.length === 1) {
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) if (columns[col]?.field) out.push({ row, col, text: block[0]![0]! });
    }
    return out.length ? { ok: true, targets: out } : { ok: false, message: '所选单元格都是计算结果，不能粘贴。' };
  }
  const width = Math.max(...block.map((b) => b.length));
  if (source) {
    const dest = Array.from({ length: width }, (_, j) => columns[r.left + j]?.kind);
    if (source.some((k, j) => dest[j] !== k)) {
      return {
        ok: false,
        message: `复制的是“${source.map((k) => COLUMN_LABELS[k]).join('、')}”${source.length} 列，而粘贴位置起的列是“${dest.map((k) => (k ? COLUMN_LABELS[k] : '（表外）')).join('、')}”，列不对应，未粘贴。请点在与复制时相同的列（如“${COLUMN_LABELS[source[0]!]}”）再粘贴。`,
      };
    }
  }
  if (r.top + block.length > rowCount) {
    return { ok: false, message: `粘贴的区域有 ${block.length} 行，从第 ${r.top + 1} 个单位起超出了表格（共 ${rowCount} 个单位），未粘贴。` };
  }
  const blocked = new Set<string>();
  block.forEach((cells, i) => {
    const row = r.top + i;
    cells.forEach((text, j) => {
      const col = r.left + j;
      const spec = columns[col];
      if (spec?.field) {
        out.push({ row, col, text });
        return;
      }
      if (source || text.trim() === '') return; // a computed column of the grid's own block: skipped in place
      if (spec && norm(text) === norm(shown(row, col))) return;
      blocked.add(spec ? COLUMN_LABELS[spec.kind] : '（表外）');
    });
  });
  if (blocked.size) {
    return {
      ok: false,
      message: `粘贴的区域有 ${width} 列，其中有数值会落在“${[...blocked].join('、')}”列上（这些列由程序计算或在表格之外，不能粘贴），未粘贴。请只复制任务数、实绩数两列，按指标分别粘贴。`,
    };
  }
  return { ok: true, targets: out };
}

/** One cell of the grid a paste changes: 高新区 人才 任务数, 40 → 45. */
export interface PasteChange {
  where: string;
  before: string;
  after: string;
}

/**
 * The grid cells a paste changes, one per field that differs (a unit's 任务数 and 实绩数 are two
 * cells, as the person sees them): what the preview lists and what its threshold counts.
 */
export function pasteCells(changes: readonly CellChange[], unitName: (id: string) => string, indicatorName: (id: string) => string): PasteChange[] {
  const out: PasteChange[] = [];
  for (const c of changes) {
    const at = `${unitName(c.unitId)} ${indicatorName(c.indicatorId)}`;
    for (const [field, label] of [['target', '任务数'], ['actual', '实绩数']] as const) {
      const before = fieldText(c.before, field);
      const after = fieldText(c.after, field);
      if (before !== after) out.push({ where: `${at} ${label}`, before, after });
    }
    const manualBefore = c.before?.manualScore ?? null;
    const manualAfter = c.after?.manualScore ?? null;
    if (manualBefore !== manualAfter) out.push({ where: `${at} 手工得分`, before: manualBefore === null ? '' : String(manualBefore), after: manualAfter === null ? '' : String(manualAfter) });
  }
  return out;
}

/** The selection as copied: stored values (full precision) for entry columns, shown text for the rest. */
export function copySelection(d: GridData, r: Range): { text: string; html: string } {
  const rows: string[][] = [];
  for (let row = r.top; row <= r.bottom; row++) {
    const line: string[] = [];
    for (let col = r.left; col <= r.right; col++) line.push(d.columns[col]!.field ? cellEditText(d, row, col) : cellText(d, row, col));
    rows.push(line);
  }
  return copyPayload(d.columns.slice(r.left, r.right + 1).map((c) => c.kind), rows);
}
