/** A large paste shown before it is applied: each cell, old → new; 确认粘贴 applies it as one step. */
import { For } from 'solid-js';
import type { PasteChange } from './clipboard';
import { Dialog } from '../../shared/Dialog';

export type { PasteChange };

export function PastePreview(props: { rows: PasteChange[]; onConfirm: () => void; onCancel: () => void }) {
  return (
    <Dialog title={`粘贴将改动 ${props.rows.length} 个单元格`} label="粘贴预览" testId="paste-preview" onCancel={props.onCancel}>
        <div class="preview-scroll">
          <table class="grid small">
            <thead>
              <tr>
                <th>单元格</th>
                <th>原值</th>
                <th>新值</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.rows.slice(0, 500)}>
                {(r) => (
                  <tr>
                    <td class="text">{r.where}</td>
                    <td class="text">{r.before}</td>
                    <td class="text">{r.after}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <div class="actions">
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
