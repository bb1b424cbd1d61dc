/** Reading a .docx's XML back in tests: paragraphs as text, tables as rows of cell texts. */
const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

const runsText = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).join('');

/** Every paragraph's text in order (tables' paragraphs included), empty ones left out. */
export function docxText(xml: string): string[] {
  return [...xml.matchAll(/<w:p(?: [^>]*)?>([\s\S]*?)<\/w:p>/g)].map((m) => runsText(m[1]!)).filter((t) => t !== '');
}

/** Every table as rows of cell texts; a cell continuing a vertical merge is left out. */
export function docxTables(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr(?: [^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((r) =>
      [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].filter((c) => !/<w:vMerge(?: w:val="continue")?\/>/.test(c[1]!)).map((c) => runsText(c[1]!)),
    ),
  );
}
