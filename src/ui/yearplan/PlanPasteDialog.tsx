/**
 * 粘贴计划表 / 从 Excel 导入: the plan's tables pasted (copied from Word or Excel: 附件1's tasks,
 * 附件3's projects, 附件4's key work, several at once) or read from a file, shown as they would be
 * entered — each task with its kind, unit and the township indicator it would add up — and every row
 * that cannot be read named with its reason. Nothing changes until 确认 (one undoable step).
 */
import { createSignal, For, onMount, Show } from 'solid-js';
import { PLAN_KIND_LABELS, targetText } from '../../model';
import type { PlanPage, PlanPreview } from '../../service/protocol';
import * as client from '../../worker-client/client';
import { Dialog } from '../shared/Dialog';
import { userMessage } from '../shared/errors';

export function PlanPasteDialog(props: { periodId: string; page: PlanPage; file?: { name: string; bytes: Uint8Array }; onConfirm: (token: string) => Promise<void>; onCancel: () => void }) {
  const [preview, setPreview] = createSignal<PlanPreview | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  /** The preview of a paste or of the file: the newest answer shown. */
  const ask = async (input: { text: string } | { file: { name: string; bytes: Uint8Array } }) => {
    const pid = props.periodId;
    const engine = client.engine();
    setBusy(true);
    try {
      setPreview(await ('text' in input ? engine.previewPlanText(pid, input.text) : engine.previewPlanFile(pid, input.file.name, input.file.bytes)));
      setError(null);
    } catch (e) {
      setPreview(null);
      setError(userMessage(e).message);
    } finally {
      setBusy(false);
    }
  };
  onMount(() => {
    if (props.file) void ask({ file: props.file });
  });
  const indicatorName = (id: string | undefined) => props.page.indicators.find((i) => i.id === id)?.name ?? '';
  const confirm = async (token: string) => {
    setBusy(true);
    try {
      await props.onConfirm(token);
    } catch (e) {
      setError(userMessage(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={props.file ? `导入年度计划：${props.file.name}` : '粘贴年度计划表'} label="年度计划预览" class="wide" testId="plan-preview" busy={busy()} onCancel={props.onCancel}>
      <Show when={!props.file}>
        <p>从 Word 或 Excel 复制计划的表格（含表头，如“序号 | 指标类型 | 指标名称 | 2024年目标任务”；附件3“项目名称 | 建设主体 | 主要内容 | 投资资金”；附件4“项目名称 | 主要措施 | 责任单位”），粘贴到下面：</p>
        <textarea
          data-focus
          aria-label="计划表内容"
          rows={6}
          class="plan-paste"
          onPaste={(e) => {
            const text = e.clipboardData?.getData('text/plain') ?? '';
            e.preventDefault();
            e.currentTarget.value = text;
            void ask({ text });
          }}
          onChange={(e) => void ask({ text: e.currentTarget.value })}
        />
      </Show>
      <Show when={error()}>{(m) => <p class="flag" role="alert">{m()}</p>}</Show>
      <Show when={preview()}>
        {(p) => (
          <>
            <p data-testid="plan-preview-summary">
              {p().title ? `《${p().title}》：` : ''}
              {p().tasks.length} 项任务{p().projects ? `，${p().projects} 个平台项目` : ''}
              {p().keyWork ? `，${p().keyWork} 项重点工作` : ''}
              {p().progress ? `，${p().progress} 项任务带本期完成情况` : ''}。
            </p>
            <Show when={p().yearNote}>
              <p class="flag">{p().yearNote}</p>
            </Show>
            <Show when={p().problems.length > 0}>
              <div class="flag" role="alert">
                以下 {p().problems.length} 行未能读取，请改正后重新粘贴：
                <ul>
                  <For each={p().problems.slice(0, 20)}>{(x) => <li>{x}</li>}</For>
                </ul>
              </div>
            </Show>
            <Show when={p().tasks.length > 0}>
              <div class="scroll-box">
                <table aria-label="将要录入的年度任务">
                  <thead>
                    <tr>
                      <th>序号</th>
                      <th>指标类型</th>
                      <th>指标名称</th>
                      <th>目标</th>
                      <th>类别</th>
                      <th>来自乡镇指标</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={p().tasks}>
                      {(t, i) => (
                        <tr>
                          <td>{i() + 1}</td>
                          <td>{t.group}</td>
                          <td>{t.name}</td>
                          <td>{targetText(t)}</td>
                          <td>{PLAN_KIND_LABELS[t.kind]}</td>
                          <td>{indicatorName(t.indicatorId)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          </>
        )}
      </Show>
      <div class="modal-actions">
        <button type="button" class="primary" disabled={busy() || !preview() || (preview()?.problems.length ?? 0) > 0} onClick={() => void confirm(preview()!.token)}>
          确认录入
        </button>
        <button type="button" data-safe disabled={busy()} onClick={() => props.onCancel()}>
          取消
        </button>
      </div>
    </Dialog>
  );
}
