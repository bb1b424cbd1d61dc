/**
 * A text box for a stored field that keeps what is being typed: the stored value is written into
 * it only while it does not have the focus (an answer arriving mid-typing — another save, another
 * window — once emptied it and the change was lost). Committed on change (leaving it, Enter).
 */
import { createEffect } from 'solid-js';

/** `onType`: every keystroke (for a view that follows the typing); `onCommit`: leaving it, Enter. */
export function FieldBox(props: { label: string; value: string; placeholder?: string; class?: string; onType?: (text: string) => void; onCommit: (text: string) => void }) {
  let box!: HTMLInputElement;
  createEffect(() => {
    const v = props.value;
    if (document.activeElement !== box && box.value !== v) box.value = v;
  });
  return <input ref={box} aria-label={props.label} class={props.class} placeholder={props.placeholder} onInput={(e) => props.onType?.(e.currentTarget.value)} onChange={(e) => props.onCommit(e.currentTarget.value)} />;
}
