import { createEffect, createSignal, on, onCleanup } from 'solid-js';

/**
 * A long list shown in steps: the first `first` items at once (a county's whole table), then
 * `step` more per task, so no single task renders a whole province page (500 rows held the page
 * for 100–240 ms). Rows already shown stay (For keeps them by item); a new list starts again.
 */
export function createProgressiveList<T>(items: () => readonly T[], step: number, first = step): () => readonly T[] {
  const [shown, setShown] = createSignal(first);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  createEffect(
    on(
      items,
      () => {
        clearTimeout(timer);
        setShown(first);
      },
      { defer: true },
    ),
  );
  createEffect(() => {
    const more = shown() < items().length;
    clearTimeout(timer);
    if (more) timer = setTimeout(() => setShown((n) => n + step), 0);
  });
  return () => {
    const all = items();
    return shown() >= all.length ? all : all.slice(0, shown());
  };
}
