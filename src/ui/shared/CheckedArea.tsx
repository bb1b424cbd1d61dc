/**
 * A multi-line box for one stored text (a task's 进展, a report's opening), judged where it is
 * typed like CheckedBox: kept after a pause in typing and on leaving it, the value policy's reason
 * shown under it (the text stays for correcting, nothing is sent), the worker's refusal there too.
 * The stored text is written in only while the box is not being typed in.
 */
import { createEffect, createSignal, onCleanup } from 'solid-js';
import { BoxReason } from './CheckedBox';
import { userMessage } from './errors';

let areas = 0;
const KEEP_AFTER_MS = 800;

export function CheckedArea(props: { label: string; value: string; placeholder?: string; rows?: number; class?: string; check: (text: string) => string | null; onCommit: (text: string) => Promise<unknown> }) {
  let box!: HTMLTextAreaElement;
  const id = `checked-area-${++areas}`;
  const [reason, setReason] = createSignal<string | null>(null);
  let stored = '';
  let pause: ReturnType<typeof setTimeout> | undefined;
  createEffect(() => {
    const v = (stored = props.value);
    if (document.activeElement !== box && pause === undefined && reason() === null && box.value !== v) box.value = v;
  });
  const commit = async () => {
    clearTimeout(pause);
    pause = undefined;
    const text = box.value;
    if (text === stored) return setReason(null);
    const why = props.check(text);
    setReason(why);
    if (why) return;
    try {
      await props.onCommit(text);
    } catch (e) {
      setReason(userMessage(e).message);
    }
  };
  // Leaving the view with text typed and not yet kept: it is kept.
  onCleanup(() => {
    if (pause !== undefined) void commit();
  });
  return (
    <span class="checked-box checked-area">
      <textarea
        ref={box}
        aria-label={props.label}
        aria-invalid={reason() !== null}
        aria-describedby={reason() ? id : undefined}
        class={props.class}
        rows={props.rows ?? 2}
        placeholder={props.placeholder}
        onInput={() => {
          clearTimeout(pause);
          pause = setTimeout(() => void commit(), KEEP_AFTER_MS);
        }}
        onChange={() => void commit()}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          clearTimeout(pause);
          pause = undefined;
          box.value = stored;
          setReason(null);
        }}
      />
      <BoxReason id={id} reason={reason()} />
    </span>
  );
}
