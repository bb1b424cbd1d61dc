/**
 * 修改冲突: cells two windows changed at once. Both values are shown and nothing is overwritten
 * until the user chooses; the panel stays until every item is answered (and, through the journal,
 * across a reload).
 */
import { For, Show } from 'solid-js';
import { describeCell } from '../engine/text/describe';
import { useApp } from './state/context';

export function ConflictPanel() {
  const app = useApp();
  return (
    <Show when={app.conflicts().length > 0}>
      <section class="conflicts no-print" role="alertdialog" aria-label="修改冲突" aria-live="assertive">
        <h3>修改冲突：以下 {app.conflicts().length} 个单元格在另一窗口中也被修改了，请逐一选择保留哪个值</h3>
        <table class="grid small">
          <thead>
            <tr>
              <th>单元格</th>
              <th>另一窗口保存的值（现在的值）</th>
              <th>本窗口输入的值</th>
              <th>选择</th>
            </tr>
          </thead>
          <tbody>
            <For each={app.conflicts()}>
              {(c) => (
                <tr data-testid="conflict">
                  <td class="text">{c.where}</td>
                  <td class="text">{describeCell(c.theirs)}</td>
                  <td class="text">{describeCell(c.mine)}</td>
                  <td class="actions">
                    <button type="button" onClick={() => void app.resolveConflict(c, 'theirs')}>
                      保留另一窗口的值
                    </button>
                    <button type="button" onClick={() => void app.resolveConflict(c, 'mine').catch(() => undefined)}>
                      改用本窗口的值
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
    </Show>
  );
}
