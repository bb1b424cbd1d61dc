/**
 * Reading a number the way staff write it: "1,234.5", "101.99%", full-width "１２３．４",
 * "/" for not applicable. Pure; used by the grid, paste and import alike.
 */
export type ParsedValue =
  /** `decimal`: the decimal written, plain digits (a percent as its e-2 form): what `value` must hold exactly. */
  | { kind: 'number'; value: number; decimal?: string }
  | { kind: 'empty' }
  | { kind: 'na' }
  | { kind: 'invalid'; text: string };

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;

/** Full-width ASCII (０-９, ．, ，, ％, －, ／) to half-width; ideographic space to space. */
const NEEDS_HALF_WIDTH = /[\uFF01-\uFF5E\u3000]/;

export function toHalfWidth(s: string): string {
  // Most text has nothing to convert: a test is far cheaper than two replaces with a callback.
  if (!NEEDS_HALF_WIDTH.test(s)) return s;
  return s.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

const NUMBER_SHAPE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED_SHAPE = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;
const EMPTY_MARKS = new Set(['', '-', '--', '—', '——', '–']);
const NA_MARKS = new Set(['/', '\\', '无', 'N/A', 'n/a', '不适用']);

export function parseNumeric(raw: unknown): ParsedValue {
  if (raw === null || raw === undefined) return { kind: 'empty' };
  if (typeof raw === 'number') {
    return Number.isFinite(raw) ? { kind: 'number', value: raw } : { kind: 'invalid', text: String(raw) };
  }
  const original = String(raw);
  const s = toHalfWidth(original).replace(/\s+/g, '');
  if (EMPTY_MARKS.has(s)) return { kind: 'empty' };
  if (NA_MARKS.has(s)) return { kind: 'na' };
  let body = s;
  let percent = false;
  if (body.endsWith('%')) {
    percent = true;
    body = body.slice(0, -1);
  }
  if (GROUPED_SHAPE.test(body)) body = body.replace(/,/g, '');
  if (!NUMBER_SHAPE.test(body)) return { kind: 'invalid', text: original };
  const n = Number(body);
  if (!Number.isFinite(n)) return { kind: 'invalid', text: original };
  // "101.99%" → 1.0199: divide the decimal text, not the double, to keep 101.99 / 100 exact.
  return { kind: 'number', value: percent ? Number(`${body}e-2`) : n, decimal: percent ? `${body}e-2` : body };
}
