/**
 * The text of a workbook file's hidden `_model` sheet, read straight from its parts (workbook.xml,
 * its relationships, the sheet, the shared strings) without a spreadsheet library. SheetJS parsed
 * the whole 4 MB province file for it — 2.5 s and some 200 MB — where this reads four parts.
 *
 * It reads only the shape this app (and Excel or WPS saving the file again) writes: column A text
 * cells in rows from the first, the checksum in B of the first row, plain shared or inline strings.
 * Anything else — rich text, a number in A, an escape like _x0041_, a part missing, bytes that are
 * not UTF-8 — gives null, and the caller reads the file with SheetJS, which names what is wrong.
 * What it returns is checked like the other's: the JSON's checksum, its schema, every value.
 */
import { readZipParts } from './zipGuard';

export interface ModelText {
  /** The JSON, column A of each row from the first to the last joined. */
  json: string;
  /** B of the first row (the checksum), when it is text. */
  checksum: string | undefined;
  /** 0-based first and last row, for messages. */
  firstRow: number;
  lastRow: number;
  /** The workbook's sheet names, in order. */
  sheetNames: string[];
}

/**
 * XML text with its entities decoded; null when it holds an entity not known or an Excel escape.
 * The JSON's 2 million quotes are `&quot;`: decoded by plain replacements, `&amp;` last (a callback
 * per entity took 0.2 s).
 */
function xmlText(raw: string): string | null {
  if (raw.includes('_x')) return null;
  if (!raw.includes('&')) return raw;
  if (/&(?!(?:lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/.test(raw)) return null;
  let text = raw.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&apos;', "'");
  if (text.includes('&#')) {
    let bad = false;
    text = text.replace(/&#(x[0-9a-fA-F]+|\d+);/g, (_, e: string) => {
      const code = e[0] === 'x' ? parseInt(e.slice(1), 16) : parseInt(e, 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : ((bad = true), '');
    });
    if (bad) return null;
  }
  return text.replaceAll('&amp;', '&');
}

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** The content of an element's only `<t>` (a plain string); null for rich text or phonetics. */
function plainT(inner: string): string | null {
  const m = /^<t(?:\s[^>]*)?(?:\/>|>([^<]*)<\/t>)$/.exec(inner);
  return m ? xmlText(m[1] ?? '') : null;
}

function decode(bytes: Uint8Array | undefined): string | null {
  if (!bytes) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The shared strings at `wanted`, by index; null when one is missing or not plain text. */
function sharedStrings(xml: string, wanted: Set<number>): Map<number, string> | null {
  const out = new Map<number, string>();
  const last = Math.max(...wanted);
  let at = 0;
  for (let i = 0; i <= last; i++) {
    const open = xml.indexOf('<si>', at);
    if (open < 0) return null;
    const close = xml.indexOf('</si>', open);
    if (close < 0) return null;
    if (wanted.has(i)) {
      const text = plainT(xml.slice(open + 4, close));
      if (text === null) return null;
      out.set(i, text);
    }
    at = close + 5;
  }
  return out;
}

type Raw = { kind: 'shared'; index: number } | { kind: 'text'; text: string };

/** Column A and B cells of a sheet by 0-based row; null for any other cell or an unexpected one. */
function sheetCells(xml: string): Map<number, { a?: Raw; b?: Raw }> | null {
  const rows = new Map<number, { a?: Raw; b?: Raw }>();
  const cell = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
  for (let m = cell.exec(xml); m; m = cell.exec(xml)) {
    const ref = /^([AB])(\d+)$/.exec(attr(m[1]!, 'r') ?? '');
    if (!ref) return null;
    const inner = m[2] ?? '';
    const t = attr(m[1]!, 't');
    let raw: Raw;
    if (t === 's') {
      const v = /^<v>(\d+)<\/v>$/.exec(inner);
      if (!v) return null;
      raw = { kind: 'shared', index: Number(v[1]) };
    } else if (t === 'inlineStr' || t === 'str') {
      const body = t === 'str' ? /^<v>([^<]*)<\/v>$/.exec(inner)?.[1] : /^<is>([\s\S]*)<\/is>$/.exec(inner)?.[1];
      const text = body === undefined ? null : t === 'str' ? xmlText(body) : plainT(body);
      if (text === null) return null;
      raw = { kind: 'text', text };
    } else return null;
    const r = Number(ref[2]) - 1;
    const row = rows.get(r) ?? {};
    if (row[ref[1] === 'A' ? 'a' : 'b']) return null;
    row[ref[1] === 'A' ? 'a' : 'b'] = raw;
    rows.set(r, row);
  }
  return rows;
}

/** The part a relationship targets, as a path in the zip. */
const partPath = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target}`).replace(/\/\.\//g, '/');

/**
 * The parts of a workbook file the model is read from, kept when the zip is checked: the workbook,
 * its relationships and the shared strings (the model's text), and the sheets below 4 MB (the model
 * sheet is small; a province's ranking sheet is not needed).
 */
export const keepModelPart = (name: string, declared: number) =>
  /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml)$/.test(name) || (declared < 4 * 1024 * 1024 && /^xl\/worksheets\/[^/]+\.xml$/.test(name));

/**
 * The `_model` sheet's text, or null when the file is not in the shape read here (read it with
 * SheetJS then). `kept`: parts already inflated (guardZip); others are inflated here.
 */
export async function readModelText(bytes: Uint8Array, fileName: string, sheetName: string, kept = new Map<string, Uint8Array>()): Promise<ModelText | null> {
  const parts = async (names: string[]) => {
    const missing = names.filter((n) => !kept.has(n));
    const more = missing.length ? await readZipParts(bytes, fileName, missing) : new Map<string, Uint8Array>();
    return (n: string) => kept.get(n) ?? more.get(n);
  };
  const head = await parts(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels']);
  const workbook = decode(head('xl/workbook.xml'));
  const rels = decode(head('xl/_rels/workbook.xml.rels'));
  if (workbook === null || rels === null) return null;
  const sheets = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => ({ name: xmlText(attr(m[0], 'name') ?? ''), rid: attr(m[0], 'r:id') }));
  if (sheets.some((s) => s.name === null)) return null;
  const rid = sheets.find((s) => s.name === sheetName)?.rid;
  const target = [...rels.matchAll(/<Relationship\b[^>]*>/g)].find((m) => attr(m[0], 'Id') === rid);
  const sheetPath = target && partPath(attr(target[0], 'Target') ?? '');
  if (!sheetPath) return null;
  const part = await parts([sheetPath, 'xl/sharedStrings.xml']);
  const sheet = decode(part(sheetPath));
  const rows = sheet === null ? null : sheetCells(sheet);
  if (!rows?.size) return null;
  const numbers = [...rows.keys()];
  const firstRow = Math.min(...numbers);
  const lastRow = Math.max(...numbers);
  const wanted = new Set([...rows.values()].flatMap((r) => [r.a, r.b]).flatMap((x) => (x?.kind === 'shared' ? [x.index] : [])));
  let shared = new Map<number, string>();
  if (wanted.size) {
    const xml = decode(part('xl/sharedStrings.xml'));
    const found = xml === null ? null : sharedStrings(xml, wanted);
    if (!found) return null;
    shared = found;
  }
  const text = (x: Raw | undefined) => (x === undefined ? undefined : x.kind === 'text' ? x.text : shared.get(x.index)!);
  let json = '';
  for (let r = firstRow; r <= lastRow; r++) json += text(rows.get(r)?.a) ?? '';
  return { json, checksum: text(rows.get(firstRow)?.b), firstRow, lastRow, sheetNames: sheets.map((s) => s.name!) };
}
