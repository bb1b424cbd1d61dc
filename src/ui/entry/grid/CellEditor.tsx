/**
 * The input over a cell being typed into, with what is said under it: why the text cannot be taken
 * (Esc cancels), or that another window saved a value into the cell meanwhile (never silent: Enter
 * then asks which value to keep).
 */
import { Show } from 'solid-js';
import { ROW_HEIGHT } from './layout';

export interface EditorBox {
  top: number;
  left: number;
  width: number;
}

export interface CellEditorProps {
  box: EditorBox;
  text: string;
  /** Why the text cannot be taken, or null. */
  error: string | null;
  /** What another window saved into the cell meanwhile, in words, or null. */
  changedElsewhere: string | null;
  ref: (el: HTMLInputElement) => void;
  onInput: (value: string) => void;
  onKey: (ev: KeyboardEvent) => void;
  onBlur: () => void;
}

export function CellEditor(props: CellEditorProps) {
  const note = () => ({ top: `${props.box.top + ROW_HEIGHT}px`, left: `${props.box.left}px` });
  return (
    <>
      <input
        ref={(el) => props.ref(el)}
        class="cell-editor"
        classList={{ 'changed-elsewhere': !!props.changedElsewhere }}
        title={props.changedElsewhere ? `另一窗口已把此格改为：${props.changedElsewhere}` : undefined}
        aria-label="编辑单元格"
        style={{ top: `${props.box.top}px`, left: `${props.box.left}px`, width: `${props.box.width}px` }}
        value={props.text}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        onKeyDown={(e) => props.onKey(e)}
        onBlur={() => props.onBlur()}
      />
      <Show when={props.error}>
        <div class="editor-note" role="alert" data-testid="editor-error" style={note()}>
          {props.error}。请改正，或按 Esc 取消。
        </div>
      </Show>
      <Show when={props.changedElsewhere}>
        <div class="editor-note" role="alert" data-testid="editor-conflict" style={note()}>
          另一窗口已把此格改为：{props.changedElsewhere}。按 Enter 后会请您选择保留哪个值。
        </div>
      </Show>
    </>
  );
}
