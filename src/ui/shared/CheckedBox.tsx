/**
 * A box for one stored setting, judged where it is typed: on Enter or leaving it, the page's copy of
 * the value policy answers first (the reason shows under the box, the text stays for correcting, and
 * nothing is sent); the worker judges it again before writing, and its refusal shows there too.
 * Otherwise the box shows what is stored: written in only while it does not have the focus and
 * holds no refused text. Esc gives the stored value back.
 */
import { createEffect, createSignal, onCleanup, Show } from 'solid-js';
import { userMessage } from './errors';

let boxes = 0;

export function CheckedBox(props: {
  label: string;
  value: string;
  placeholder?: string;
  class?: string;
  title?: string;
  /** Width in characters (a name shown whole). */
  size?: number;
  /** The reason the text cannot be stored (the value policy's words), or null. */
  check?: (text: string) => string | null;
  /** Store it; a rejection (the worker's refusal) is shown at the box. */
  onCommit: (text: string) => Promise<unknown> | void;
  /** The text as it will be stored and shown ("５７" → "57"): the box shows it once it is taken. */
  normalize?: (text: string) => string;
  /** Every keystroke (a view that follows the typing, as a title over its table). */
  onType?: (text: string) => void;
  /** Also kept this long after the last keystroke (a title typed and the tab closed is not lost). */
  keepAfterMs?: number;
}) {
  let box!: HTMLInputElement;
  const id = `checked-box-${++boxes}`;
  const [reason, setReason] = createSignal<string | null>(null);
  // The stored value as last seen: read by the blur handler, which may run while the view that owns
  // the box is going away (reading props then is a stale read in Solid, and stopped a tab switch).
  let stored = '';
  let pause: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(pause));
  createEffect(() => {
    const v = (stored = props.value);
    if (document.activeElement !== box && reason() === null && box.value !== v) box.value = v;
  });
  const commit = async () => {
    clearTimeout(pause);
    const text = box.value;
    if (text === stored) return setReason(null);
    const why = props.check?.(text) ?? null;
    setReason(why);
    if (why) return;
    try {
      await props.onCommit(text);
      // Taken: the box shows it as stored (the answer's own value arrives with the next view).
      if (box.value === text) box.value = props.normalize?.(text) ?? text;
    } catch (e) {
      setReason(userMessage(e).message);
    }
  };
  return (
    <span class="checked-box">
      <input
        ref={box}
        aria-label={props.label}
        aria-invalid={reason() !== null}
        aria-describedby={reason() ? id : undefined}
        class={props.class}
        title={props.title}
        size={props.size}
        placeholder={props.placeholder}
        onInput={(e) => {
          props.onType?.(e.currentTarget.value);
          if (props.keepAfterMs === undefined) return;
          clearTimeout(pause);
          pause = setTimeout(() => void commit(), props.keepAfterMs);
        }}
        onChange={() => void commit()}
        onBlur={() => {
          // Left without a refusal: what is stored, never something else.
          if (reason() === null && box.value !== stored) box.value = stored;
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          box.value = stored;
          setReason(null);
        }}
      />
      <BoxReason id={id} reason={reason()} />
    </span>
  );
}

/** A box's refusal under it, read out as it appears (the box points at it with aria-describedby). */
export function BoxReason(props: { id: string; reason: string | null }) {
  return (
    <Show when={props.reason}>
      {(r) => (
        <span class="box-reason" id={props.id} role="alert">
          {r()}
        </span>
      )}
    </Show>
  );
}
