/**
 * A box in a column of entry boxes (weights, scenario targets) that keeps every keystroke: what
 * the person types is never replaced while the box has the focus — the stored value is written
 * into it only when it is not being edited (a new answer arriving mid-typing once reset it, and
 * the digits typed before it were lost). Enter / Shift+Enter move down / up the column; Tab as
 * usual. The text is committed on change (leaving the box or Enter). A text the value policy
 * refuses stays in the box, marked, with the reason under it.
 */
import { createEffect, Show } from 'solid-js';
import { onColumnKey } from './columnEntry';

let boxes = 0;

/** `invalid`: the value policy's reason the text cannot be used (shown under the box, the box marked). */
export function EntryBox(props: { label: string; column: string; value: string; placeholder?: string; invalid?: string | null; onCommit: (text: string, box: HTMLInputElement) => void; onPaste?: (e: ClipboardEvent) => void }) {
  let box!: HTMLInputElement;
  const id = `entry-box-${++boxes}`;
  createEffect(() => {
    const v = props.value;
    if (document.activeElement !== box && box.value !== v) box.value = v;
  });
  return (
    <span class="checked-box">
      <input
        ref={box}
        class="narrow-input num"
        aria-label={props.label}
        aria-invalid={!!props.invalid}
        aria-describedby={props.invalid ? id : undefined}
        data-column={props.column}
        placeholder={props.placeholder}
        onKeyDown={onColumnKey}
        onPaste={(e) => props.onPaste?.(e)}
        onChange={(e) => props.onCommit(e.currentTarget.value, e.currentTarget)}
      />
      <Show when={props.invalid}>
        {(r) => (
          <span class="box-reason" id={id} role="alert">
            {r()}
          </span>
        )}
      </Show>
    </span>
  );
}
