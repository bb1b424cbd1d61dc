/**
 * 导出 Word: the 通报 as a government notice is laid out (GB/T 9704): A4, margins 37 / 35 / 28 /
 * 26 mm, the title in 方正小标宋简体 (宋体 where it is missing) 二号, the body in 仿宋_GB2312 三号
 * with two-character indents, page numbers "— 1 —" at the foot; the 附件 tables each on a page of
 * their own with the same titles and figures as the Excel export; the issuing office and date at
 * the end of the text. The docx library is loaded only when a Word file is written.
 */
import type { BulletinDocument } from '../engine/bulletin/document';
import { deepWritable, writableText } from '../model';
import type { CompletionTable, RankingRow } from '../engine/views/tables';
import { SANHAO, TABLE_FONT, TITLE_FONT, WUHAO, XIAOSI, HEADING_FONT, layout, loadDocx, type Docx } from './docxLayout';

/** Charts the person ticked: each on a page of its own after the 附件, as wide as the text. */
export interface DocxPicture {
  title: string;
  png: Uint8Array;
  width: number;
  height: number;
}

/** The text block's width: A4 less the side margins (156 mm), in CSS pixels (96 per inch). */
const TEXT_WIDTH_PX = Math.floor(((210 - 28 - 26) / 25.4) * 96);

export async function exportBulletinDocx(written: BulletinDocument, shown: readonly DocxPicture[] = []): Promise<Uint8Array> {
  // Every text made valid for XML first (a body with BEL or U+FFFE made a file Word refuses).
  const doc = deepWritable(written);
  const pictures = shown.map((p) => ({ ...p, title: writableText(p.title) }));
  const d = await loadDocx();
  const { AlignmentType, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, BorderStyle, VerticalAlign } = d;
  const { body, paragraphs, title, document } = layout(d);

  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const cell = (text: string, opts: { bold?: boolean; right?: boolean; span?: number; rows?: number } = {}) =>
    new TableCell({
      borders,
      verticalAlign: VerticalAlign.CENTER,
      ...(opts.span ? { columnSpan: opts.span } : {}),
      ...(opts.rows ? { rowSpan: opts.rows } : {}),
      children: [new Paragraph({ alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.CENTER, children: [new TextRun({ text, font: TABLE_FONT, size: WUHAO, bold: opts.bold ?? false })] })],
    });
  const table = (rows: InstanceType<Docx['TableRow']>[]) => new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows });
  const annexHead = (no: number, title: string, asOf?: string) => [
    new Paragraph({ pageBreakBefore: true, children: [new TextRun({ text: `附件 ${no}`, font: HEADING_FONT, size: SANHAO })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 120 }, children: [new TextRun({ text: title, font: TITLE_FONT, size: 36 })] }),
    ...(asOf ? [new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 120 }, children: [new TextRun({ text: asOf, font: TABLE_FONT, size: XIAOSI })] })] : []),
  ];
  // A cumulative period's tables carry 序时进度 under the date and a 较序时进度 column, as on screen.
  const completion = (t: CompletionTable) => {
    const tp = t.timeProgress !== null;
    const vs = (v: string | null, bold = false) => (tp ? [cell(v ?? '', { bold, right: true })] : []);
    return [
      ...annexHead(t.annexNo, t.title, tp ? `${t.asOf ? `${t.asOf}\u3000` : ''}序时进度 ${t.timeProgress}` : t.asOf),
      table([
        new TableRow({ tableHeader: true, children: [cell('序号', { bold: true, rows: 2 }), cell('乡镇', { bold: true, rows: 2 }), cell(t.header, { bold: true, span: 3 }), ...(tp ? [cell('较序时进度（百分点）', { bold: true, rows: 2 })] : [])] }),
        new TableRow({ tableHeader: true, children: [cell('实绩数', { bold: true }), cell('任务数', { bold: true }), cell('完成率', { bold: true })] }),
        ...t.rows.map((r) => new TableRow({ children: [cell(String(r.no)), cell(r.name), cell(r.actualText, { right: true }), cell(r.targetText, { right: true }), cell(r.rateText, { right: true }), ...vs(r.vsTime)] })),
        new TableRow({ children: [cell('合计', { bold: true, span: 2 }), cell(t.sum.actualText, { bold: true, right: true }), cell(t.sum.targetText, { bold: true, right: true }), cell(t.sum.rateText, { bold: true, right: true }), ...vs(t.sum.vsTime, true)] }),
      ]),
    ];
  };
  const ranking = (title: string, rows: RankingRow[], no: number) => [
    ...annexHead(no, title),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new TextRun({ text: '(乡镇)', font: TABLE_FONT, size: XIAOSI })] }),
    table([
      new TableRow({ tableHeader: true, children: [cell('排名', { bold: true }), cell('乡镇', { bold: true }), cell('考核得分', { bold: true })] }),
      ...rows.map((r) => new TableRow({ children: [cell(r.rank === null ? '' : String(r.rank)), cell(r.name), cell(r.totalText, { right: true })] })),
    ]),
  ];

  const children = [
    title(doc.title),
    ...(doc.recipients ? [body(doc.recipients, { indent: false })] : []),
    ...paragraphs(doc.body),
    body(''),
    // 附件：1. …, the next ones under the first (full-width spaces as the notice sets them).
    ...doc.annexTitles.map((t, i) => body(`${i === 0 ? '附件：' : '\u3000\u3000\u3000'}${i + 1}. ${t}`, { align: AlignmentType.LEFT })),
    body(''),
    ...(doc.issuer ? [body(doc.issuer, { indent: false, align: AlignmentType.RIGHT })] : []),
    ...(doc.date ? [body(doc.date, { indent: false, align: AlignmentType.RIGHT })] : []),
    ...doc.completion.flatMap(completion),
    ...ranking(doc.ranking.title, doc.ranking.rows, doc.completion.length + 1),
    ...pictures.flatMap((p, i) => [
      new Paragraph({ pageBreakBefore: true, children: [new TextRun({ text: `附图 ${i + 1}`, font: HEADING_FONT, size: SANHAO })] }),
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240 }, children: [new TextRun({ text: p.title, font: TITLE_FONT, size: 36 })] }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new ImageRun({ type: 'png', data: p.png, transformation: { width: TEXT_WIDTH_PX, height: Math.round((TEXT_WIDTH_PX * p.height) / p.width) }, altText: { name: p.title, title: p.title, description: p.title } })],
      }),
    ]),
  ];

  const file = document(doc.title, children);
  return new Uint8Array(await Packer.toArrayBuffer(file));
}
