/**
 * Column widths of the data-entry grid as the person dragged them, kept in this browser's
 * localStorage (a preference, not data: losing it loses nothing). Read back, every entry is
 * checked; anything else another page wrote there is ignored.
 */
const KEY = 'kaohe-gongzuobu:grid-widths';
export const MIN_WIDTH = 40;
export const MAX_WIDTH = 600;

export const clampWidth = (w: number) => Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w)));

export function loadColumnWidths(): Record<string, number> {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(raw)) if (typeof v === 'number' && Number.isFinite(v) && k.length < 200) out[k] = clampWidth(v);
    return out;
  } catch {
    return {};
  }
}

export function saveColumnWidths(widths: Record<string, number>): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(widths));
  } catch {
    /* storage full or refused: the widths last for this page */
  }
}
