import { createResource, createSignal, For, Show } from 'solid-js';
import type { SnapshotInfo } from '../../service/protocol';
import { timeText as when } from '../shared/timeText';

/** 版本: named snapshots of the whole workbook, restorable (the replaced state is kept too). */
export function SnapshotsView(props: {
  onList: () => Promise<SnapshotInfo[]>;
  onCreate: (name: string) => Promise<unknown>;
  onRestore: (id: string) => Promise<unknown>;
  onRemove: (id: string) => Promise<unknown>;
}) {
  const [version, setVersion] = createSignal(0);
  // eslint-disable-next-line solid/reactivity -- the fetcher runs on each `version` change, reading props then
  const [snaps] = createResource(version, () => props.onList());
  const [name, setName] = createSignal('');
  return (
    <section class="sheet">
      <h2 class="title">版本</h2>
      <p class="subtitle">把当前工作簿的全部内容存为一个版本（如“一季度定稿”），以后可随时恢复。</p>
      <form
        class="inline-form no-print"
        onSubmit={async (e) => {
          e.preventDefault();
          await props.onCreate(name() || `版本 ${when(new Date().toISOString())}`);
          setName('');
          setVersion((v) => v + 1);
        }}
      >
        <input value={name()} onInput={(e) => setName(e.currentTarget.value)} placeholder="版本名称，如：一季度定稿" aria-label="版本名称" />
        <button type="submit">保存版本</button>
      </form>
      <table class="grid" aria-label="版本列表">
        <thead>
          <tr>
            <th>名称</th>
            <th>保存时间</th>
            <th class="no-print">操作</th>
          </tr>
        </thead>
        <tbody>
          <Show when={(snaps() ?? []).length > 0} fallback={<tr><td colSpan={3} class="muted">尚无版本</td></tr>}>
            <For each={snaps()}>
              {(s) => (
                <tr>
                  <td class="text">{s.name}{s.auto ? '（自动）' : ''}</td>
                  <td class="num">{when(s.createdAt)}</td>
                  <td class="no-print actions">
                    <button type="button" onClick={async () => confirm(`恢复到版本“${s.name}”？当前内容会先自动存为一个版本。`) && (await props.onRestore(s.id), setVersion((v) => v + 1))}>
                      恢复
                    </button>
                    <button type="button" onClick={async () => confirm(`删除版本“${s.name}”？`) && (await props.onRemove(s.id), setVersion((v) => v + 1))}>
                      删除
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </Show>
        </tbody>
      </table>
    </section>
  );
}
