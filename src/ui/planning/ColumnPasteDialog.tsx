/** A column of values pasted without names: every township with the value it would get, before anything is changed. */
import { For } from 'solid-js';
import type { ColumnPastePreview } from './columnPaste';
import { Dialog } from '../shared/Dialog';

export function ColumnPasteDialog(props: { preview: ColumnPastePreview; onConfirm: () => void; onCancel: () => void }) {
  return (
    <Dialog title={`按顺序粘贴${props.preview.what}`} label="按顺序粘贴" class="narrow" onCancel={props.onCancel}>
        <p>粘贴的内容没有乡镇名称，将按表中的顺序对应。请核对每个单位得到的值：</p>
        <div class="scroll-box">
          <table class="grid small" aria-label="按顺序粘贴预览">
            <thead>
              <tr>
                <th>乡镇</th>
                <th>{props.preview.what}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.preview.lines}>
                {(l) => (
                  <tr>
                    <td class="text">{l.name}</td>
                    <td class="num">{l.text}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <p class="hint">若顺序与表中不同，请取消，连同乡镇名称一起复制后再粘贴（两列：乡镇、数值），会按名称对应。</p>
        <div class="modal-actions">
          <button type="button" class="primary" onClick={() => props.onConfirm()}>
            确认粘贴
          </button>
          <button type="button" data-safe onClick={() => props.onCancel()}>
            取消
          </button>
        </div>
    </Dialog>
  );
}
