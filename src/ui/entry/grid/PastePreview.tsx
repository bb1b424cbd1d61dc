/** A large paste shown before it is applied: each cell, old → new; 确认粘贴 applies it as one step. */
import { For } from 'solid-js';
import type { PasteChange } from './clipboard';

export type { PasteChange };

export function PastePreview(props: { rows: PasteChange[]; onConfirm: () => void; onCancel: () => void }) {
  return (
    <div class="modal-backdrop" role="presentation">
      <div class="modal" role="dialog" aria-modal="true" aria-label="粘贴预览" data-testid="paste-preview">
        <h2>粘贴将改动 {props.rows.length} 个单元格</h2>
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
          <button type="button" onClick={() => props.onCancel()}>
            取消
          </button>
        </div>
      </div>
    </div>
  );
}
