/**
 * Notices floating over the page, bottom right: the storage note, records set aside, the last
 * message (with its technical detail folded), and a recovered draft. Appearing late, they must not
 * shift what a person is about to click. A few seconds after the last one appeared they fold to one
 * line each, so they stop covering the grid's last rows and the charts; pointing at them or tabbing
 * into them opens them again. Those that ask for an answer (撤销删除, 恢复, records set aside) stay open.
 */
import { createEffect, createSignal, For, onCleanup, Show } from 'solid-js';
import { useApp } from './state/context';
import { applyInput } from './state/cellInput';

const FOLD_AFTER_MS = 6000;

export function Notices(props: { showStorageNote: boolean; onCloseStorageNote: () => void; onExportSetAside: () => Promise<void> }) {
  const app = useApp();
  const [folded, setFolded] = createSignal(false);
  createEffect(() => {
    // Anything new unfolds them for a while.
    void [props.showStorageNote, app.setAside().length, app.message(), app.deletedPeriod(), app.recoveredDraft()];
    setFolded(false);
    const t = setTimeout(() => setFolded(true), FOLD_AFTER_MS);
    onCleanup(() => clearTimeout(t));
  });
  return (
    <div class="notices no-print" classList={{ folded: folded() }} data-testid="notices">
      <Show when={props.showStorageNote}>
        <div class="notice warn no-print" role="note">
          <div>提示：本程序从本地文件打开，浏览器只能“尽力保存”数据——清理浏览器数据、重装或换电脑都会丢失。请定期把工作簿保存为文件放到共享盘，那才是可靠的副本。</div>
          <button type="button" class="close" aria-label="关闭存储提示" onClick={() => props.onCloseStorageNote()}>
            ×
          </button>
        </div>
      </Show>
      <Show when={app.setAside().length > 0}>
        <div class="notice warn no-print keep" role="alert" data-testid="set-aside">
          <div>
            浏览器存储中有 {app.setAside().length} 组记录无法读取，已移到一边（没有删除），其余内容照常打开：
            <ul>
              <For each={app.setAside().slice(0, 5)}>{(x) => <li>{x.what}：{x.reason}</li>}</For>
            </ul>
            <button type="button" onClick={() => void props.onExportSetAside()}>
              导出这些记录
            </button>
            <button type="button" onClick={() => confirm('删除这些无法读取的记录？删除后不能恢复。建议先导出。') && void app.deleteSetAside().catch(() => undefined)}>
              删除这些记录
            </button>
          </div>
        </div>
      </Show>
      <Show when={app.message()}>
        {(m) => (
          <div class={`notice ${m().kind} no-print`} role="alert" data-testid="message">
            <div>
              {m().text}
              <Show when={m().detail}>
                <details>
                  <summary>技术细节</summary>
                  <pre>{m().detail}</pre>
                </details>
              </Show>
            </div>
            <button type="button" class="close" aria-label="关闭提示" onClick={() => app.clearMessage()}>
              ×
            </button>
          </div>
        )}
      </Show>
      <Show when={app.deletedPeriod()}>
        {(d) => (
          <div class="notice info no-print keep" role="alert" data-testid="deleted-period">
            <div>
              已删除考核期 {d().label}。删除前的工作簿已自动保存为版本（“版本”页）。
              <button type="button" onClick={() => void app.undoDeletePeriod().catch(() => undefined)}>
                撤销删除
              </button>
            </div>
            <button type="button" class="close" aria-label="关闭删除提示" onClick={() => app.dismissDeletedPeriod()}>
              ×
            </button>
          </div>
        )}
      </Show>
      <Show when={app.recoveredDraft()}>
        {(d) => (
          <div class="notice warn no-print keep" role="alert">
            发现上次关闭时未提交的输入：{d().where} = “{d().text}”。
            <button type="button" onClick={() => void app.restoreDraft(applyInput)}>
              恢复
            </button>
            <button type="button" onClick={() => app.dismissDraft()}>
              放弃
            </button>
          </div>
        )}
      </Show>

    </div>
  );
}
