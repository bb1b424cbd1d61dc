/**
 * The grid's right-click menu, as in Excel: each item with its shortcut; it closes on a choice, a
 * click elsewhere or Esc (not on a scroll: a right click may scroll its cell into view). Kept inside the window.
 */
import { For, onCleanup, onMount, Show } from 'solid-js';

export interface MenuItem {
  label: string;
  shortcut?: string;
  disabled?: boolean;
  /** A line above this item. */
  separated?: boolean;
  run: () => void;
}

export function GridContextMenu(props: { x: number; y: number; items: MenuItem[]; onClose: () => void }) {
  let el!: HTMLDivElement;
  const outside = (e: Event) => {
    if (!el.contains(e.target as Node)) props.onClose();
  };
  const key = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      props.onClose();
    }
  };
  onMount(() => {
    window.addEventListener('mousedown', outside, true);
    window.addEventListener('keydown', key, true);
    window.addEventListener('blur', props.onClose);
    // Inside the window: opened near the right or bottom edge, it opens leftwards or upwards.
    const r = el.getBoundingClientRect();
    if (r.right > innerWidth) el.style.left = `${Math.max(0, props.x - r.width)}px`;
    if (r.bottom > innerHeight) el.style.top = `${Math.max(0, props.y - r.height)}px`;
    el.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  });
  onCleanup(() => {
    window.removeEventListener('mousedown', outside, true);
    window.removeEventListener('keydown', key, true);
    window.removeEventListener('blur', props.onClose);
  });
  return (
    <div class="context-menu no-print" role="menu" aria-label="单元格菜单" ref={el} style={{ left: `${props.x}px`, top: `${props.y}px` }}>
      <For each={props.items}>
        {(item) => (
          <>
            <Show when={item.separated}>
              <hr />
            </Show>
            <button
              type="button"
              role="menuitem"
              disabled={item.disabled}
              onClick={() => {
                props.onClose();
                item.run();
              }}
            >
              <span>{item.label}</span>
              <Show when={item.shortcut}>
                <span class="shortcut">{item.shortcut}</span>
              </Show>
            </button>
          </>
        )}
      </For>
    </div>
  );
}
