/**
 * Entry boxes down a table column (weights, scenario targets) typed as in a grid: Enter moves to
 * the box below, Shift+Enter to the one above (Tab and Shift+Tab go there too, by the page order).
 * Moving commits the box left (its change event); nothing typed is lost.
 */
export function onColumnKey(e: KeyboardEvent): void {
  if (e.key !== 'Enter' || e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
  const box = e.currentTarget as HTMLInputElement;
  const column = box.dataset.column;
  const table = box.closest('table');
  if (!column || !table) return;
  const boxes = [...table.querySelectorAll<HTMLInputElement>(`input[data-column="${column}"]`)];
  const next = boxes[boxes.indexOf(box) + (e.shiftKey ? -1 : 1)];
  e.preventDefault();
  if (next) {
    next.focus();
    next.select();
  } else box.dispatchEvent(new Event('change', { bubbles: true }));
}
