/**
 * What a file says it is, in its document properties (关键字 / Keywords, which Excel and WPS keep
 * when they save): the returns template of one period, or a table exported by this app. A township
 * return is taken only from this period's template, never from last quarter's annexes, a workbook
 * file or a table typed elsewhere (issue 18).
 */
import { periodLabel, type Period } from '../model';

const RETURN = 'kaohe-return';
const EXPORT = 'kaohe-export';

export type FileMark =
  | { kind: 'return'; workbookId: string; periodId: string; label: string }
  | { kind: 'export'; what: string; label: string };

const field = (parts: string[], key: string) => {
  const hit = parts.find((p) => p.startsWith(`${key}=`));
  if (!hit) return '';
  try {
    return decodeURIComponent(hit.slice(key.length + 1));
  } catch {
    return '';
  }
};

/** The mark a returns template carries: its workbook and period. */
export function returnMark(workbookId: string, period: Period): string {
  return [RETURN, 'v1', `wb=${encodeURIComponent(workbookId)}`, `period=${encodeURIComponent(period.id)}`, `label=${encodeURIComponent(periodLabel(period))}`].join(';');
}

/** The mark of a table exported by the app (附件, 目标分解表…): `what` in words. */
export function exportMark(what: string, label: string): string {
  return [EXPORT, 'v1', `what=${encodeURIComponent(what)}`, `label=${encodeURIComponent(label)}`].join(';');
}

/** The mark in a file's keywords, or null when it has none. */
export function readMark(keywords: string | undefined | null): FileMark | null {
  const parts = String(keywords ?? '').split(';').map((p) => p.trim());
  if (parts[0] === RETURN) {
    const periodId = field(parts, 'period');
    return periodId ? { kind: 'return', workbookId: field(parts, 'wb'), periodId, label: field(parts, 'label') } : null;
  }
  if (parts[0] === EXPORT) return { kind: 'export', what: field(parts, 'what'), label: field(parts, 'label') };
  return null;
}
