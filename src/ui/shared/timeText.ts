/** A moment as staff read it (2026/12/2 11:51:06); '' for one that is missing or not a time. */
export function timeText(at: string | number | null | undefined): string {
  if (at === null || at === undefined) return '';
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString('zh-CN', { hour12: false });
}
