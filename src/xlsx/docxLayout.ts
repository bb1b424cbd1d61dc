/**
 * A government notice's page as GB/T 9704 lays it out, shared by the 通报 and the 进展情况报告:
 * A4, margins 37 / 35 / 28 / 26 mm, the title in 方正小标宋简体 二号, the body in 仿宋_GB2312 三号
 * at a fixed 28 pt line with two-character indents, page numbers "— 1 —" at the foot. The docx
 * library is loaded only when a Word file is written.
 */
type Docx = typeof import('docx');
export type { Docx };

let loading: Promise<Docx> | null = null;
export const loadDocx = (): Promise<Docx> => (loading ??= import('docx'));

const MM = 56.7; // twentieths of a point per millimetre
export const TITLE_FONT = { ascii: '方正小标宋简体', eastAsia: '方正小标宋简体', hAnsi: '方正小标宋简体', hint: 'eastAsia' as const };
export const BODY_FONT = { ascii: '仿宋_GB2312', eastAsia: '仿宋_GB2312', hAnsi: '仿宋_GB2312', hint: 'eastAsia' as const };
export const HEADING_FONT = { ascii: '黑体', eastAsia: '黑体', hAnsi: '黑体', hint: 'eastAsia' as const };
export const TABLE_FONT = { ascii: '宋体', eastAsia: '宋体', hAnsi: '宋体', hint: 'eastAsia' as const };
/** Half-points: 二号 22 pt, 三号 16 pt, 小四 12 pt, 五号 10.5 pt. */
export const ERHAO = 44;
export const SANHAO = 32;
export const XIAOSI = 24;
export const WUHAO = 21;

type Align = Docx['AlignmentType'][keyof Docx['AlignmentType']];
export interface BodyOptions {
  indent?: boolean;
  align?: Align;
  bold?: boolean;
  font?: typeof BODY_FONT;
}

/** The notice's parts made with one loaded docx library. */
export function layout(d: Docx) {
  const { AlignmentType, Document, Footer, LineRuleType, Paragraph, PageNumber, TextRun } = d;
  const body = (text: string, opts: BodyOptions = {}) =>
    new Paragraph({
      alignment: opts.align ?? AlignmentType.JUSTIFIED,
      spacing: { line: 560, lineRule: LineRuleType.EXACT },
      ...(opts.indent === false ? {} : { indent: { firstLine: SANHAO * 20 } }),
      children: [new TextRun({ text, font: opts.font ?? BODY_FONT, size: SANHAO, bold: opts.bold ?? false })],
    });
  const paragraphs = (text: string) =>
    text
      .split(/\n+/u)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => body(p));
  const title = (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 560 }, children: [new TextRun({ text, font: TITLE_FONT, size: ERHAO })] });
  /** The file: one A4 section with the page number at the foot. */
  const document = (titleText: string, children: ConstructorParameters<Docx['Document']>[0]['sections'][number]['children']) =>
    new Document({
      creator: '考核工作簿',
      title: titleText,
      styles: { default: { document: { run: { font: BODY_FONT, size: SANHAO } } } },
      sections: [
        {
          properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) } } },
          footers: {
            default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: { ascii: '宋体', eastAsia: '宋体', hAnsi: '宋体' }, size: 28 })] })] }),
          },
          children,
        },
      ],
    });
  return { body, paragraphs, title, document };
}
