/**
 * Boxes for stored settings, each judged by its entry in the one box policy (model/boxes.ts): the
 * reason under the box before anything is sent, the worker's refusal there too, and otherwise the
 * stored value shown as the policy shows it (57 for a share of 0.57).
 */
import { UserError, readBox, type NumberBox, type TextBox } from '../../model';
import { CheckedBox } from './CheckedBox';

interface FieldProps {
  label?: string;
  size?: number;
  class?: string;
  placeholder?: string;
  title?: string;
}

/** A number box: `onCommit` gets the value to store (null when emptied, where the box may be empty). */
export function NumberField(props: FieldProps & { box: NumberBox; value: number | undefined | null; onCommit: (stored: number | null) => Promise<unknown> }) {
  const read = (t: string) => readBox(props.box, t);
  return (
    <CheckedBox
      label={props.label ?? props.box.label}
      class={props.class ?? 'narrow num'}
      placeholder={props.placeholder}
      title={props.title}
      value={props.value === undefined || props.value === null ? '' : props.box.show(props.value)}
      check={(t) => {
        const r = read(t);
        return r.ok ? null : r.reason;
      }}
      normalize={(t) => {
        const r = read(t);
        return r.ok && r.value !== null ? props.box.show(r.value) : t.trim();
      }}
      onCommit={(t) => {
        const r = read(t);
        return r.ok ? props.onCommit(r.value) : Promise.reject(new UserError(r.reason));
      }}
    />
  );
}

/** A one-line text box (names, headings): trimmed; `onCommit` gets the text to store. */
export function TextField(props: FieldProps & { box: TextBox; value: string; onCommit: (text: string) => Promise<unknown>; onType?: (text: string) => void; keepAfterMs?: number }) {
  const read = (t: string) => readBox(props.box, t);
  return (
    <CheckedBox
      label={props.label ?? props.box.label}
      class={props.class}
      size={props.size}
      placeholder={props.placeholder}
      title={props.title}
      value={props.value}
      check={(t) => {
        const r = read(t);
        return r.ok ? null : r.reason;
      }}
      normalize={(t) => t.trim()}
      onType={props.onType}
      keepAfterMs={props.keepAfterMs}
      onCommit={(t) => {
        const r = read(t);
        return r.ok ? props.onCommit(r.value) : Promise.reject(new UserError(r.reason));
      }}
    />
  );
}
