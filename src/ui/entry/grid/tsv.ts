/**
 * Tab-separated text as Excel and WPS put it on the clipboard: rows end in \r\n or \n, a field
 * holding a tab, newline or quote is wrapped in quotes with inner quotes doubled.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === '\t') {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  // Blank lines at the end are how a clipboard ends, not rows to paste (pasted, they cleared the
  // townships below the block). One empty cell copied alone stays: pasted, it clears, as in Excel.
  while (rows.length > 1 && rows.at(-1)!.every((f) => f.trim() === '')) rows.pop();
  return rows;
}

export function toTsv(rows: string[][]): string {
  const quote = (s: string) => (/[\t\n\r"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return rows.map((r) => r.map(quote).join('\t')).join('\r\n') + '\r\n';
}
