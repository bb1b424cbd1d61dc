/**
 * The bad-input battery (issue 9): files a township might send, each built here by a script (no
 * binary fixtures), each with what must happen — refused with a message, flagged, or imported as
 * stated — against the sample workbook (大冶市 2023 年一季度).
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import type { Cell } from '../../src/model';
import { c, rawXlsx, row, zip } from './raw-xlsx';

export type Expected =
  | { refused: RegExp }
  | {
      errors?: RegExp[];
      warnings?: RegExp[];
      /** Exactly these cells change, to these values ("unit|indicator" → fields). */
      changes: Record<string, Partial<Cell>>;
      unmatched?: number;
    };

export interface BadCase {
  name: string;
  fileName: string;
  build: () => Uint8Array | Promise<Uint8Array>;
  expected: Expected;
  /** Choices made in the preview (hidden sheets to read). */
  hiddenSheets?: string[];
  /** Import into a new next-quarter period copied from the sample (for previous-period checks). */
  nextPeriod?: boolean;
}

const u8 = (b: Buffer | ArrayBuffer | Uint8Array) => (b instanceof Uint8Array ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b));

type Aoa = unknown[][];

interface SheetSpec {
  name?: string;
  aoa: Aoa;
  merges?: string[];
  hidden?: boolean;
  /** Cell formats, e.g. { E4: '0.00%' }. */
  formats?: Record<string, string>;
}

export function book(sheets: SheetSpec[], bookType: XLSX.BookType = 'xlsx'): Uint8Array {
  const wb = XLSX.utils.book_new();
  sheets.forEach((s, i) => {
    const ws = XLSX.utils.aoa_to_sheet(s.aoa);
    if (s.merges) ws['!merges'] = s.merges.map((m) => XLSX.utils.decode_range(m));
    for (const [ref, z] of Object.entries(s.formats ?? {})) if (ws[ref]) (ws[ref] as XLSX.CellObject).z = z;
    XLSX.utils.book_append_sheet(wb, ws, s.name ?? `附件${i + 1}`);
  });
  if (sheets.some((s) => s.hidden)) wb.Workbook = { Sheets: sheets.map((s) => ({ Hidden: s.hidden ? 1 : 0 })) };
  return u8(XLSX.write(wb, { type: 'buffer', bookType }) as Buffer);
}

/** 附件2 研发人员 as a completion table: title, merged two-row header, rows [unit, 实绩数, 任务数, 完成率]. */
function staffTable(rows: unknown[][], opts: { label?: string; order?: 'actualFirst' | 'targetFirst'; title?: string } = {}): { aoa: Aoa; merges: string[] } {
  const label = opts.label ?? '规上企业研发人员（人）';
  const sub = opts.order === 'targetFirst' ? ['任务数', '实绩数', '完成率'] : ['实绩数', '任务数', '完成率'];
  const aoa: Aoa = [[opts.title ?? '各乡镇规上企业研发人员完成情况表'], ['序号', '乡镇', label, '', ''], ['', '', ...sub]];
  rows.forEach((r, i) => aoa.push([i + 1, ...r]));
  return { aoa, merges: ['A1:E1', 'A2:A3', 'B2:B3', 'C2:E2'] };
}

const staff = (rows: unknown[][], opts?: Parameters<typeof staffTable>[1]) => {
  const t = staffTable(rows, opts);
  return book([{ aoa: t.aoa, merges: t.merges }]);
};

/** One data row appended below `prefix` rows, shifting merges. */
function stacked(a: { aoa: Aoa; merges: string[] }, b: { aoa: Aoa; merges: string[] }, gap = 1): SheetSpec {
  const offset = a.aoa.length + gap;
  const shift = (m: string) => m.replace(/(\d+)/g, (n) => String(Number(n) + offset));
  const aoa: Aoa = [...a.aoa, ...Array.from({ length: gap }, () => []), ...b.aoa];
  return { aoa, merges: [...a.merges, ...b.merges.map(shift)] };
}

const K = (u: string, i: string) => `${u}|${i}`;
const v = (target: number, actual: number): Partial<Cell> => ({ state: 'value', target, actual });

/** A sheet part that inflates to `mb` MB of spaces, cached in the temp folder (building one takes seconds). */
function bombPart(mb: number): { bytes: Buffer; size: number; crc: number } {
  const dir = join(tmpdir(), 'kaohe-bombs');
  const file = join(dir, `sheet-${mb}mb.deflate`);
  const meta = `${file}.json`;
  if (existsSync(file) && existsSync(meta)) return { bytes: readFileSync(file), ...(JSON.parse(readFileSync(meta, 'utf8')) as { size: number; crc: number }) };
  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>乡镇</t></is></c></row>');
  const tail = Buffer.from('</sheetData></worksheet>');
  const body = Buffer.alloc(mb * 1024 * 1024, 0x20);
  head.copy(body, 0);
  tail.copy(body, body.length - tail.length);
  const bytes = deflateRawSync(body, { level: 9 });
  const info = { size: body.length, crc: crc32(body) };
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, bytes);
  writeFileSync(meta, JSON.stringify(info));
  return { bytes, ...info };
}

export function zipBomb(mb: number, opts: { lie?: boolean } = {}): Uint8Array {
  const part = bombPart(mb);
  return u8(rawXlsx([{ name: '附件2', rows: '', deflated: part, ...(opts.lie ? { declaredSize: 1024 } : {}) }]));
}

const STAFF = 'rd_staff';
const INVEST = 'rd_investment';

export const BAD_CASES: BadCase[] = [
  // ---- refused outright: nothing is read, the workbook is unchanged --------------------------------
  { name: 'random bytes named .xlsx', fileName: '照片.xlsx', build: () => new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), expected: { refused: /文件“照片.xlsx”无法读取/ } },
  { name: 'an empty file', fileName: '空.xlsx', build: () => new Uint8Array(0), expected: { refused: /文件“空.xlsx”无法读取/ } },
  { name: 'a PDF renamed .xlsx', fileName: '通知.xlsx', build: () => new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF'), expected: { refused: /文件“通知.xlsx”无法读取/ } },
  { name: 'a JPEG renamed .xls', fileName: '图.xls', build: () => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), expected: { refused: /文件“图.xls”无法读取/ } },
  { name: 'an xlsx cut off halfway (download interrupted)', fileName: '半个.xlsx', build: () => staff([['高新区', 5000, 4800, '104.17%']]).subarray(0, 900), expected: { refused: /文件“半个.xlsx”(已损坏|无法读取)/ } },
  { name: 'case 4: zip bomb, 300 MB declared honestly', fileName: '炸弹.xlsx', build: () => zipBomb(300), expected: { refused: /文件“炸弹.xlsx”解压后有 300 MB.*超过了可安全读取的 150 MB 上限/ } },
  { name: 'case 4: zip bomb whose sizes lie (declares 1 KB, inflates to 300 MB)', fileName: '炸弹2.xlsx', build: () => zipBomb(300, { lie: true }), expected: { refused: /文件“炸弹2.xlsx”的“xl\/worksheets\/sheet1.xml”解压后超过 .*文件声明仅 1 KB/ } },
  {
    name: 'case 5: malformed sheet XML is "damaged", not "empty"',
    fileName: '坏XML.xlsx',
    build: () => u8(rawXlsx([{ name: '附件2', rows: '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><row><<<', wholeXml: true }])),
    expected: { refused: /文件“坏XML.xlsx”工作表“附件2”已损坏/ },
  },
  {
    name: 'case 5: a shared-string index out of range gets a Chinese message',
    fileName: '坏字符串.xlsx',
    build: () => u8(rawXlsx([{ name: '附件2', rows: row(1, [c('A1', { s: 7 })]) }], ['乡镇'])),
    expected: { refused: /^文件“坏字符串.xlsx”(工作表“附件2”已损坏|无法读取)[^A-Za-z]*$/ },
  },
  { name: 'a zip that is not a workbook', fileName: '压缩包.xlsx', build: () => u8(zip([{ name: 'readme.txt', data: Buffer.from('hello') }])), expected: { refused: /文件“压缩包.xlsx”无法读取/ } },
  {
    name: 'a zip entry pointing past the end of the file',
    fileName: '越界.xlsx',
    build: () => {
      const b = Buffer.from(staff([['高新区', 5000, 4800, '104.17%']]));
      const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
      const cd = b.readUInt32LE(eocd + 16);
      b.writeUInt32LE(0x7fffffff, cd + 42);
      return u8(b);
    },
    expected: { refused: /文件“越界.xlsx”已损坏，无法读取/ },
  },
  {
    name: 'an OLE header with garbage behind it (.xls)',
    fileName: '旧格式.xls',
    build: () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(7)]),
    expected: { refused: /文件“旧格式.xls”无法读取/ },
  },

  // ---- case 2: stacked tables, each with its own header -------------------------------------------
  {
    name: 'case 2: a second table with 任务数/实绩数 in the other order is read with its own columns',
    fileName: '两个表.xlsx',
    build: () => book([stacked(staffTable([['高新区', 5000, 4800, '104.17%']]), staffTable([['大箕铺镇', 999, 111, '11.11%']], { order: 'targetFirst', title: '（续表）' }))]),
    expected: { changes: { [K('gxq', STAFF)]: v(4800, 5000), [K('djp', STAFF)]: v(999, 111) }, warnings: [] },
  },
  {
    name: 'case 2: a second table for another indicator (研发投入) goes into that indicator',
    fileName: '研发两表.xlsx',
    build: () =>
      book([
        stacked(
          staffTable([['金湖街道', 800, 760, '105.26%']]),
          staffTable([['金湖街道', 26000, 22000, '118.18%']], { label: '规上企业研发投入（万元）', title: '各乡镇规上企业研发投入完成情况表' }),
        ),
      ]),
    expected: { changes: { [K('jh', STAFF)]: v(760, 800), [K('jh', INVEST)]: v(22000, 26000) } },
  },
  {
    name: 'case 2: stacked tables with no blank row between them',
    fileName: '紧挨.xlsx',
    build: () => book([stacked(staffTable([['高新区', 5000, 4800, '104.17%']]), staffTable([['大箕铺镇', 999, 111, '11.11%']], { order: 'targetFirst', title: '续表' }), 0)]),
    expected: { changes: { [K('gxq', STAFF)]: v(4800, 5000), [K('djp', STAFF)]: v(999, 111) } },
  },

  // ---- case 3: merged cells across data rows ---------------------------------------------------------
  {
    name: 'case 3: one value merged down over three units is flagged with its range, not copied',
    fileName: '合并.xlsx',
    build: () => {
      const t = staffTable([['高新区', 5000, 4800, '104.17%'], ['金湖街道', 800, 760, ''], ['大箕铺镇', '', 760, ''], ['灵乡镇', '', 760, '']]);
      return book([{ aoa: t.aoa, merges: [...t.merges, 'D5:D7'] }]);
    },
    expected: { errors: [/工作表“附件1”第 5 行 D 列：金湖街道的数值在合并单元格 D5:D7 中/], changes: { [K('gxq', STAFF)]: v(4800, 5000), [K('jh', STAFF)]: v(750, 800) } },
  },
  {
    name: '“/” merged across 任务数 and 实绩数 of one unit is fine (one row)',
    fileName: '横向合并.xlsx',
    build: () => {
      const t = staffTable([['高新区', '/', '', '']]);
      return book([{ aoa: t.aoa, merges: [...t.merges, 'C4:D4'] }]);
    },
    expected: { changes: { [K('gxq', STAFF)]: { state: 'na', target: null, actual: null } } },
  },

  // ---- case 5: silent limits ------------------------------------------------------------------------
  {
    name: 'case 5: a changed row at 21 020 is read',
    fileName: '长表.xlsx',
    build: () => {
      const t = staffTable([]);
      const aoa: Aoa = [...t.aoa];
      for (let r = aoa.length; r < 21019; r++) aoa.push([]);
      aoa.push([1, '高新区', 5000, 4800, '104.17%']);
      return book([{ aoa, merges: t.merges }]);
    },
    expected: { changes: { [K('gxq', STAFF)]: v(4800, 5000) } },
  },
  {
    name: 'case 5: a table starting at column 500 is read',
    fileName: '右边.xlsx',
    build: () => {
      const pad = new Array(499).fill(null);
      return book([{ aoa: [[...pad, '序号', '乡镇', '规上企业研发人员（人）'], [...pad, '', '', '实绩数', '任务数'], [...pad, 1, '高新区', 5000, 4800]] }]);
    },
    expected: { changes: { [K('gxq', STAFF)]: v(4800, 5000) } },
  },
  {
    name: 'case 5: a formula with no cached value is an error naming the cell',
    fileName: '公式.xlsx',
    build: () =>
      u8(
        rawXlsx([
          {
            name: '附件2',
            rows: [
              row(1, [c('A1', '序号'), c('B1', '乡镇'), c('C1', '规上企业研发人员（人）')]),
              row(2, [c('C2', '实绩数'), c('D2', '任务数')]),
              row(3, [c('A3', 1), c('B3', '高新区'), c('C3', { f: 'D3*2' }), c('D3', 4800)]),
              row(4, [c('A4', 2), c('B4', '金湖街道'), c('C4', { f: '800', v: 800 }), c('D4', 760)]),
            ].join(''),
          },
        ]),
      ),
    expected: { errors: [/工作表“附件2”第 3 行 C 列：高新区「规上企业研发人员」的实绩数是错误值 公式没有计算结果/], changes: { [K('gxq', STAFF)]: { target: 4800, actual: 4917 }, [K('jh', STAFF)]: v(760, 800) } },
  },
  {
    name: 'case 5: a hidden sheet is marked and skipped',
    fileName: '隐藏.xlsx',
    build: () => {
      const t = staffTable([['高新区', 5000, 4800, '104.17%']]);
      const h = staffTable([['金湖街道', 1, 1, '100%']]);
      return book([{ aoa: t.aoa, merges: t.merges }, { name: '旧数据', aoa: h.aoa, merges: h.merges, hidden: true }]);
    },
    expected: { warnings: [/工作表“旧数据”是隐藏的工作表，未读取/], changes: { [K('gxq', STAFF)]: v(4800, 5000) } },
  },
  {
    name: 'case 5: a hidden sheet the user chose is read',
    fileName: '隐藏2.xlsx',
    hiddenSheets: ['旧数据'],
    build: () => {
      const t = staffTable([['高新区', 5000, 4800, '104.17%']]);
      const h = staffTable([['金湖街道', 800, 760, '105.26%']]);
      return book([{ aoa: t.aoa, merges: t.merges }, { name: '旧数据', aoa: h.aoa, merges: h.merges, hidden: true }]);
    },
    expected: { changes: { [K('gxq', STAFF)]: v(4800, 5000), [K('jh', STAFF)]: v(760, 800) } },
  },

  // ---- case 6: implausible values -----------------------------------------------------------------------
  { name: 'case 6: target 0', fileName: 't0.xlsx', build: () => staff([['高新区', 5000, 0, '']]), expected: { errors: [/第 4 行 D 列：高新区「规上企业研发人员」的任务数为 0，必须大于 0，未导入/], changes: { [K('gxq', STAFF)]: v(4700, 5000) } } },
  { name: 'case 6: target −4700', fileName: 'tneg.xlsx', build: () => staff([['高新区', 5000, -4700, '']]), expected: { errors: [/任务数为 -4700，必须大于 0/], changes: { [K('gxq', STAFF)]: v(4700, 5000) } } },
  { name: 'a negative actual', fileName: 'aneg.xlsx', build: () => staff([['高新区', -5, 4800, '']]), expected: { errors: [/实绩数为 -5，不能为负数/], changes: { [K('gxq', STAFF)]: v(4800, 4917) } } },
  { name: 'case 6: "20000%" in a 任务数 column', fileName: 'pct.xlsx', build: () => staff([['高新区', 5000, '20000%', '']]), expected: { errors: [/“20000%”是百分数，而该指标的单位是“人”/], changes: { [K('gxq', STAFF)]: v(4700, 5000) } } },
  { name: 'case 6: a percent-formatted number into a count', fileName: 'pct2.xlsx', build: () => book([{ ...staffTable([['高新区', 0.5, 4800, '']]), formats: { C4: '0.00%' } }]), expected: { errors: [/“50\.00%”是百分数/], changes: { [K('gxq', STAFF)]: v(4800, 4917) } } },
  { name: 'case 6: 1e308', fileName: 'huge.xlsx', build: () => staff([['高新区', 1e308, 4800, '']]), expected: { errors: [/实绩数为 .*超出合理范围/], changes: { [K('gxq', STAFF)]: v(4800, 4917) } } },
  { name: 'case 6: 1e12 typed by accident', fileName: 'huge2.xlsx', build: () => staff([['高新区', 5000, 1e12, '']]), expected: { errors: [/任务数为 .*超出合理范围/], changes: { [K('gxq', STAFF)]: v(4700, 5000) } } },
  { name: '"Infinity" as text', fileName: 'inf.xlsx', build: () => staff([['高新区', 'Infinity', 4800, '']]), expected: { errors: [/“Infinity”不是数字/], changes: { [K('gxq', STAFF)]: { target: 4800, actual: 4917 } } } },
  { name: '"abc" as the actual', fileName: 'abc.xlsx', build: () => staff([['高新区', 'abc', 4800, '']]), expected: { errors: [/第 4 行 C 列：高新区「规上企业研发人员」的实绩数“abc”不是数字，未导入/], changes: { [K('gxq', STAFF)]: { target: 4800, actual: 4917 } } } },
  { name: 'an error value #DIV/0!', fileName: 'div0.xlsx', build: () => u8(rawXlsx([{ name: 'S', rows: [row(1, [c('A1', '序号'), c('B1', '乡镇'), c('C1', '规上企业研发人员（人）')]), row(2, [c('C2', '实绩数'), c('D2', '任务数')]), row(3, [c('B3', '高新区'), '<c r="C3" t="e"><v>#DIV/0!</v></c>', c('D3', 4800)])].join('') }])), expected: { errors: [/实绩数是错误值 #DIV\/0!/], changes: { [K('gxq', STAFF)]: { target: 4800, actual: 4917 } } } },
  { name: 'a date in a value cell', fileName: 'date.xlsx', build: () => staff([['高新区', new Date(2023, 2, 31), 4800, '']]), expected: { errors: [/实绩数是日期（2023-3-31），不是数字/], changes: { [K('gxq', STAFF)]: { target: 4800, actual: 4917 } } } },
  { name: 'a TRUE in a value cell', fileName: 'bool.xlsx', build: () => staff([['高新区', true, 4800, '']]), expected: { errors: [/实绩数是逻辑值 TRUE/], changes: { [K('gxq', STAFF)]: { target: 4800, actual: 4917 } } } },
  {
    name: 'case 6: the file’s 合计 row ≠ Σ its rows',
    fileName: '合计.xlsx',
    build: () => staff([['高新区', 5000, 4800, '104.17%'], ['金湖街道', 800, 760, '105.26%'], ['合计', 5900, 5560, '']]),
    expected: { warnings: [/第 6 行 C 列：合计行的实绩数为 5900，而上面 2 个单位之和为 5800，不一致/], changes: { [K('gxq', STAFF)]: v(4800, 5000), [K('jh', STAFF)]: v(760, 800) } },
  },
  {
    name: 'a 合计 row that agrees is silent',
    fileName: '合计2.xlsx',
    build: () => staff([['高新区', 5000, 4800, '104.17%'], ['金湖街道', 800, 760, '105.26%'], ['合计', 5800, 5560, '104.32%']]),
    expected: { warnings: [], changes: { [K('gxq', STAFF)]: v(4800, 5000), [K('jh', STAFF)]: v(760, 800) } },
  },
  {
    name: 'case 6: the printed 完成率 ≠ 实绩数 ÷ 任务数',
    fileName: '完成率.xlsx',
    build: () => staff([['高新区', 5000, 4800, '96.00%']]),
    expected: { warnings: [/表中的完成率 96\.00% 与 实绩数 ÷ 任务数 = 104\.17% 不符/], changes: { [K('gxq', STAFF)]: v(4800, 5000) } },
  },
  {
    name: 'case 6: a value ≥ 10× the previous period’s is flagged',
    fileName: '十倍.xlsx',
    nextPeriod: true,
    build: () => staff([['高新区', 49170, 4700, '1046.17%']]),
    expected: { warnings: [/实绩数 49170 是上一考核期（2023年一季度）4917 的 10 倍以上/], changes: { [K('gxq', STAFF)]: v(4700, 49170) } },
  },

  // ---- what staff files really look like: imported as stated ------------------------------------------
  { name: 'a clean 附件2 row', fileName: 'ok.xlsx', build: () => staff([['高新区', 5000, 4800, '104.17%']]), expected: { changes: { [K('gxq', STAFF)]: v(4800, 5000) }, warnings: [], errors: [] } },
  { name: 'full-width digits', fileName: 'fw.xlsx', build: () => staff([['高新区', '５０００', '４８００', '']]), expected: { changes: { [K('gxq', STAFF)]: v(4800, 5000) } } },
  { name: 'thousands separators in text', fileName: 'sep.xlsx', build: () => staff([['高新区', '5,000', ' 4,800 ', '']]), expected: { changes: { [K('gxq', STAFF)]: v(4800, 5000) } } },
  { name: 'a unit name with spaces', fileName: 'sp.xlsx', build: () => staff([['金 湖 街 道', 800, 760, '']]), expected: { changes: { [K('jh', STAFF)]: v(760, 800) } } },
  { name: 'a unit alias (大冶湖高新区)', fileName: 'alias.xlsx', build: () => staff([['大冶湖高新区', 5000, 4800, '']]), expected: { changes: { [K('gxq', STAFF)]: v(4800, 5000) } } },
  { name: '"/" marks not applicable', fileName: 'na.xlsx', build: () => staff([['高新区', '/', '/', '']]), expected: { changes: { [K('gxq', STAFF)]: { state: 'na', target: null, actual: null } } } },
  { name: '"1e3" as text is a number', fileName: 'exp.xlsx', build: () => staff([['高新区', '5e3', 4800, '']]), expected: { changes: { [K('gxq', STAFF)]: v(4800, 5000) } } },
  { name: 'an unknown unit is listed, not guessed', fileName: 'unk.xlsx', build: () => staff([['黄石港区', 5000, 4800, '']]), expected: { changes: {}, unmatched: 1 } },
  { name: 'an unknown indicator is listed, not guessed', fileName: 'unkind.xlsx', build: () => staff([['高新区', 5000, 4800, '']], { label: '专利授权量（件）', title: '各乡镇专利授权量完成情况表' }), expected: { changes: {}, unmatched: 1 } },
  {
    name: 'the same unit twice with different figures keeps the first and says so',
    fileName: 'dup.xlsx',
    build: () => staff([['高新区', 5000, 4800, ''], ['高新区', 6000, 4800, '']]),
    expected: { warnings: [/为 6000，与.*的 5000 不一致，采用先读到的 5000/], changes: { [K('gxq', STAFF)]: v(4800, 5000) } },
  },
  {
    name: '“35.32亿元” into a 万元 indicator is converted',
    fileName: 'yi.xlsx',
    build: () => book([{ aoa: [['序号', '乡镇', '规上企业研发投入'], ['', '', '实绩数', '任务数'], [1, '高新区', '13.5亿元', 130000]] }]),
    expected: { changes: { [K('gxq', INVEST)]: v(130000, 135000) } },
  },
  {
    name: 'a header in 人 for a 万元 indicator is refused for its cells',
    fileName: 'unit.xlsx',
    build: () => book([{ aoa: [['序号', '乡镇', '规上企业研发投入（人）'], ['', '', '实绩数', '任务数'], [1, '高新区', 5000, 4800]] }]),
    expected: { errors: [/第 3 行 C 列：表头单位为“人”，而指标“规上企业研发投入”的单位为“万元”，无法换算/, /第 3 行 D 列：表头单位为“人”/], changes: {} },
  },
  { name: 'an empty sheet is reported as empty', fileName: 'blank.xlsx', build: () => book([{ aoa: [[]] }]), expected: { warnings: [/工作表“附件1”：工作表为空，已跳过/], changes: {} } },
  { name: 'a sheet with a title and no header', fileName: 'title.xlsx', build: () => book([{ aoa: [['关于报送一季度数据的通知'], ['请各乡镇于 4 月 5 日前报送']] }]), expected: { warnings: [/未找到表头/], changes: {} } },
  {
    name: 'a UTF-8 CSV',
    fileName: '研发人员.csv',
    build: () => {
      const text = '序号,乡镇,规上企业研发人员（人）\r\n,,实绩数,任务数\r\n1,高新区,5000,4800\r\n';
      return new Uint8Array(Buffer.from(new TextDecoder().decode(new TextEncoder().encode(text)), 'utf8'));
    },
    expected: { changes: { [K('gxq', STAFF)]: v(4800, 5000) } },
  },
  {
    name: 'an HTML table saved as .xls',
    fileName: '系统导出.xls',
    build: () => new TextEncoder().encode('<html><body><table><tr><td>序号</td><td>乡镇</td><td>规上企业研发人员（人）</td></tr><tr><td></td><td></td><td>实绩数</td><td>任务数</td></tr><tr><td>1</td><td>高新区</td><td>5000</td><td>4800</td></tr></table></body></html>'),
    expected: { changes: { [K('gxq', STAFF)]: v(4800, 5000) } },
  },
  {
    name: '考核得分明细 with 乡镇 merged down over its indicators (a legitimate merge)',
    fileName: '明细.xlsx',
    build: () =>
      book([
        {
          aoa: [
            ['序号', '乡镇', '指标名称', '目标任务数', '完成任务数', '目标分值', '考核得分', '总得分'],
            [1, '高新区', '规上企业研发人员', 4800, 5000, 5, 5, 90],
            ['', '', '规上企业研发投入', 131000, 132585.2, 5, 5, ''],
          ],
          merges: ['A2:A3', 'B2:B3', 'H2:H3'],
        },
      ]),
    expected: { changes: { [K('gxq', STAFF)]: v(4800, 5000), [K('gxq', INVEST)]: v(131000, 132585.2) } },
  },
  {
    name: 'an xls (BIFF8) written by old Excel',
    fileName: '旧版.xls',
    build: () => book([staffTable([['高新区', 5000, 4800, '']])], 'biff8'),
    expected: { changes: { [K('gxq', STAFF)]: v(4800, 5000) } },
  },
  {
    name: 'notes and signatures below the table are not units',
    fileName: 'notes.xlsx',
    build: () => staff([['高新区', 5000, 4800, ''], [], ['注：数据来源于统计局'], ['填表人：张三']]),
    expected: { changes: { [K('gxq', STAFF)]: v(4800, 5000) }, unmatched: 0 },
  },
];
