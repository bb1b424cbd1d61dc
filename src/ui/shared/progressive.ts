import { createEffect, createSignal, on, onCleanup } from 'solid-js';
import { inTurn } from './frameTurns';

/**
 * A long list shown in steps: the first `first` items at once (a county's whole table), then
 * `step` more per frame, so no single task renders a whole province page (500 rows held the page
 * for 100–240 ms). Rows already shown stay (For keeps them by item); a new list starts again.
 */
export function createProgressiveList<T>(items: () => readonly T[], step: number, first = step): () => readonly T[] {
  const [shown, setShown] = createSignal(first);
  let withdraw = () => {};
  const stop = () => withdraw();
  onCleanup(stop);
  createEffect(
    on(
      items,
      () => {
        stop();
        setShown(first);
      },
      { defer: true },
    ),
  );
  createEffect(() => {
    const more = shown() < items().length;
    stop();
    // One step per frame: timers alone ran several steps between two frames, and the frame then laid
    // out 400 new rows of a preview at once (68 ms); in turns, each frame lays out one step.
    if (more) withdraw = inTurn(() => setShown((n) => n + step));
  });
  return () => {
    const all = items();
    return shown() >= all.length ? all : all.slice(0, shown());
  };
}
