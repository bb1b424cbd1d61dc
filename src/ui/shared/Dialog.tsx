/**
 * The one dialog of the app: modal, labelled by its title, focus starting on a form's first field
 * (`data-focus`) or else on the safe choice (`data-safe`, else the first button), kept inside while it is open (Tab and
 * Shift+Tab go round), Esc cancels, and focus goes back where it was when it closes.
 */
import { onCleanup, onMount, type JSX } from 'solid-js';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

let dialogs = 0;

/**
 * `title`: the heading shown; `label`: the dialog's name when it is shorter than the heading
 * (导入预览 for 导入预览：file.xlsx); `onCancel`: Esc (none while `busy`).
 */
export function Dialog(props: { title: JSX.Element; label?: string; class?: string; testId?: string; onCancel: () => void; children: JSX.Element; busy?: boolean }) {
  let box!: HTMLDivElement;
  const titleId = `dialog-title-${++dialogs}`;
  const before = document.activeElement as HTMLElement | null;
  const focusables = () => [...box.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
  onMount(() => {
    // A form's first field (data-focus), else the safe choice (data-safe), else the first button.
    const safe = box.querySelector<HTMLElement>('[data-focus]') ?? box.querySelector<HTMLElement>('[data-safe]') ?? focusables().find((el) => el.tagName === 'BUTTON') ?? focusables()[0];
    safe?.focus();
  });
  onCleanup(() => {
    if (before && document.contains(before)) before.focus();
  });
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      if (!props.busy) props.onCancel();
      return;
    }
    if (e.key !== 'Tab') return;
    const list = focusables();
    if (!list.length) return;
    const first = list[0]!;
    const last = list.at(-1)!;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  return (
    <div class="modal-backdrop" role="presentation">
      <div
        ref={box}
        class={`modal ${props.class ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={props.label}
        aria-labelledby={props.label ? undefined : titleId}
        data-testid={props.testId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}
