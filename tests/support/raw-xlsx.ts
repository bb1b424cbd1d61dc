/**
 * .xlsx files written part by part, for the files no spreadsheet program would save: malformed
 * XML, shared-string indexes out of range, formulas without a cached value, sizes that lie, zip
 * bombs. A minimal zip writer (deflate via node:zlib) so nothing binary is checked in.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** Write this as the declared uncompressed size instead of the real one (a lying header). */
  declaredSize?: number;
  /** Already deflated bytes (with their real uncompressed size and CRC), e.g. a bomb built by streaming. */
  deflated?: { bytes: Buffer; size: number; crc: number };
}

export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.deflated ? e.deflated.bytes : deflateRawSync(e.data);
    const crc = e.deflated ? e.deflated.crc : crc32(e.data);
    const size = e.declaredSize ?? (e.deflated ? e.deflated.size : e.data.length);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(size >>> 0, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(cd, name);
    offset += 30 + name.length + body.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBuf, end]);
}

export interface RawSheet {
  name: string;
  /** The <sheetData> content, or the whole sheet XML when `wholeXml`. */
  rows: string;
  wholeXml?: boolean;
  state?: 'hidden' | 'veryHidden';
  merges?: string[];
  /** A ready-made deflated sheet part (bombs). */
  deflated?: ZipEntry['deflated'];
  declaredSize?: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A cell's XML: numbers as <v>, strings inline, `{f}` a formula (with or without a cached value). */
export function c(ref: string, v: string | number | { f: string; v?: number } | { s: number }): string {
  if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
  if (typeof v === 'string') return `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
  if ('s' in v) return `<c r="${ref}" t="s"><v>${v.s}</v></c>`;
  return `<c r="${ref}"><f>${esc(v.f)}</f>${v.v === undefined ? '' : `<v>${v.v}</v>`}</c>`;
}

export function row(r: number, cells: string[]): string {
  return `<row r="${r}">${cells.join('')}</row>`;
}

export function sheetXml(rows: string, merges: string[] = []): string {
  const m = merges.length ? `<mergeCells count="${merges.length}">${merges.map((x) => `<mergeCell ref="${x}"/>`).join('')}</mergeCells>` : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData>${m}</worksheet>`;
}

export function rawXlsx(sheets: RawSheet[], sharedStrings?: string[]): Buffer {
  const ct =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
    (sharedStrings ? `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` : '') +
    `</Types>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const wb =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` +
    sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('') +
    `</sheets></workbook>`;
  const wbRels =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
    (sharedStrings ? `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` : '') +
    `</Relationships>`;
  const entries: ZipEntry[] = [
    { name: '[Content_Types].xml', data: Buffer.from(ct) },
    { name: '_rels/.rels', data: Buffer.from(rels) },
    { name: 'xl/workbook.xml', data: Buffer.from(wb) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(wbRels) },
  ];
  sheets.forEach((s, i) => {
    const name = `xl/worksheets/sheet${i + 1}.xml`;
    if (s.deflated) entries.push({ name, data: Buffer.alloc(0), deflated: s.deflated, ...(s.declaredSize !== undefined ? { declaredSize: s.declaredSize } : {}) });
    else entries.push({ name, data: Buffer.from(s.wholeXml ? s.rows : sheetXml(s.rows, s.merges)), ...(s.declaredSize !== undefined ? { declaredSize: s.declaredSize } : {}) });
  });
  if (sharedStrings) {
    const sst = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${sharedStrings.length}" uniqueCount="${sharedStrings.length}">${sharedStrings.map((s) => `<si><t>${esc(s)}</t></si>`).join('')}</sst>`;
    entries.push({ name: 'xl/sharedStrings.xml', data: Buffer.from(sst) });
  }
  return zip(entries);
}
