/**
 * A long task in words: what it is, the step it is at, the seconds so far, and 取消 where stopping
 * is safe (reading an import file). Used for reading imports and for saving and opening the
 * workbook file (a province workbook takes a few seconds each way).
 */
import { createSignal, onCleanup, Show } from 'solid-js';
import { Dialog } from '../shared/Dialog';

export interface Progress {
  /** 正在读取“文件名” */
  title: string;
  step: string;
  started: number;
  hint: string;
  testId: string;
  cancel?: () => void;
}

/** The task shown, its steps, and a clock for the seconds. */
export function createProgress() {
  const [current, setCurrent] = createSignal<Progress | null>(null);
  const [now, setNow] = createSignal(Date.now());
  const ticker = setInterval(() => current() && setNow(Date.now()), 500);
  onCleanup(() => clearInterval(ticker));
  return {
    current,
    now,
    start(p: Omit<Progress, 'started'>) {
      setNow(Date.now());
      setCurrent({ ...p, started: Date.now() });
    },
    step(step: string) {
      setCurrent((c) => (c ? { ...c, step } : c));
    },
    done() {
      setCurrent(null);
    },
  };
}

export function ProgressDialog(props: { progress: Progress; now: number }) {
  return (
    // Esc cancels what can be cancelled (reading an import); saving or opening a file runs to its end.
    <Dialog title={props.progress.title} label={props.progress.title} class="narrow" testId={props.progress.testId} onCancel={() => props.progress.cancel?.()}>
        <p aria-live="polite">
          {props.progress.step}（已用 {Math.max(0, Math.round((props.now - props.progress.started) / 1000))} 秒）
        </p>
        <p class="hint">{props.progress.hint}</p>
        <Show when={props.progress.cancel}>
          {(cancel) => (
            <div class="actions">
              <button type="button" data-safe onClick={() => cancel()()}>
                取消
              </button>
            </div>
          )}
        </Show>
    </Dialog>
  );
}
