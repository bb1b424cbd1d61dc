/**
 * 设为本期任务数: every target a plan (one indicator's 目标分解, or the 目标分解表) would change,
 * old → new, before anything is changed; 确认 applies them as one undoable step.
 */
import { createSignal, For, Show } from 'solid-js';
import type { TargetsPreview } from '../../service/protocol';
import { Dialog } from '../shared/Dialog';
import { ChangesTable } from '../shared/PreviewParts';

export function TargetsDialog(props: { preview: TargetsPreview; onConfirm: () => Promise<void>; onCancel: () => void }) {
  const [busy, setBusy] = createSignal(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await props.onConfirm();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title="设为本期任务数" class="wide" testId="targets-preview" busy={busy()} onCancel={props.onCancel}>
      <p>{props.preview.label}：将修改 {props.preview.changeCount} 个单位的任务数（可撤销）。</p>
      <Show when={props.preview.changes.length > 0} fallback={<p class="muted">任务数已与之相同，没有要改的。</p>}>
        <div class="scroll-box">
          <ChangesTable label="将要修改的任务数" changes={props.preview.changes} newHeader="新任务数" whereHeader="依据" />
        </div>
        <Show when={props.preview.changeCount > props.preview.changes.length}>
          <p class="muted">另有 {props.preview.changeCount - props.preview.changes.length} 处未列出。</p>
        </Show>
      </Show>
      <Show when={props.preview.skipped.length > 0}>
        <p class="flag">
          不适用（/）的单元格不改：
          <For each={props.preview.skipped.slice(0, 20)}>{(x, i) => <>{i() ? '、' : ''}{x}</>}</For>
          {props.preview.skipped.length > 20 ? ` 等 ${props.preview.skipped.length} 处` : ''}。
        </p>
      </Show>
      <div class="modal-actions">
        <button type="button" class="primary" disabled={busy() || props.preview.changeCount === 0} onClick={() => void confirm()}>
          确认修改任务数
        </button>
        <button type="button" data-safe disabled={busy()} onClick={() => props.onCancel()}>
          取消
        </button>
      </div>
    </Dialog>
  );
}
