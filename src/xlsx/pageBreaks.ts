/**
 * Where printed pages of an exported sheet should break so that a block of rows (a township's 16
 * lines of 考核得分明细: its name, its indicators and its total) never straddles two pages. Office
 * suites do not keep merged blocks together by themselves: 保安镇's name fell on one page and its
 * total on the next.
 *
 * The sheets print A4 landscape, fitted to one page wide (sheetStyle.ts): the scale is the page's
 * printable width over the table's width, and a page holds (printable height ÷ scale) points of
 * rows, less the header rows repeated on each page. Column widths become pixels as Excel sizes them
 * (7 px a character of the default font, plus 5). A margin is kept so that a suite that lays out a
 * little taller still breaks where we did.
 */

/** A4 landscape in points, and the margins sheetFor sets (0.5 in all round). */
const PAGE = { width: 841.89, height: 595.28, top: 0.5 * 72, bottom: 0.5 * 72, left: 0.5 * 72, right: 0.5 * 72 };
/** Room left on every page for a suite's own rounding of heights and scale. */
const SAFETY = 0.95;
/** Excel keeps at most 1 026 manual page breaks in a sheet: a province's sheet prints as the suite breaks it. */
export const MAX_BREAKS = 1000;

/** The scale (a whole percent, as Excel applies fit-to-width) at which columns of these widths fill the page's width. */
export function fitScale(widths: readonly number[]): number {
  const px = widths.reduce((s, w) => s + Math.floor(w * 7 + 5), 0);
  const tablePt = px * 0.75;
  const printable = PAGE.width - PAGE.left - PAGE.right;
  return Math.min(100, Math.floor((100 * printable) / tablePt)) / 100;
}

/** Points of rows one printed page holds at `scale`, with room for the repeated header rows. */
export function pageCapacity(scale: number, repeatedHeight: number): number {
  return ((PAGE.height - PAGE.top - PAGE.bottom) / scale) * SAFETY - repeatedHeight;
}

/**
 * The rows after which to break: blocks (first and last row, 1-based) are kept whole; a block taller
 * than a page starts on a page of its own and breaks where it must. `height(r)`: row r in points.
 * `firstRow`: the first row that prints on page one (rows above it — the title — take room there).
 */
export function blockBreaks(blocks: readonly { first: number; last: number }[], height: (r: number) => number, capacity: number, aboveFirst: number): number[] {
  const breaks: number[] = [];
  let used = aboveFirst;
  let started = false; // a block already on this page
  for (const b of blocks) {
    let size = 0;
    for (let r = b.first; r <= b.last; r++) size += height(r);
    if (started && used + size > capacity) {
      breaks.push(b.first - 1);
      used = 0;
    }
    started = true;
    used += size;
    // A block taller than a page: the suite breaks inside it; what follows starts after it.
    while (used > capacity) used -= capacity;
  }
  return breaks;
}
