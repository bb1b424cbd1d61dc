/**
 * The import preview: what the file holds, what would change (old → new), the names that matched
 * nothing (map each to a unit/indicator or skip it), and every rejected cell. Nothing changes
 * until 确认导入; the import is then one undoable step.
 */
import { createSignal, For, onCleanup, Show } from 'solid-js';
import type { ImportPreview } from '../../service/protocol';
import { ChangesTable, ProblemLists, UnmatchedNames } from '../shared/PreviewParts';
import { Dialog } from '../shared/Dialog';

export interface ImportChoices {
  units: Record<string, string>;
  indicators: Record<string, string>;
  hiddenSheets?: string[];
}

export function ImportDialog(props: {
  preview: ImportPreview;
  onRemap: (choices: ImportChoices) => void;
  onConfirm: (choices: ImportChoices) => void;
  onCancel: () => void;
}) {
  const [busy, setBusy] = createSignal(false);
  const [elapsed, setElapsed] = createSignal(0);
  let timer: ReturnType<typeof setInterval> | undefined;
  onCleanup(() => clearInterval(timer));
  const choices = (): ImportChoices => {
    const c: ImportChoices = { units: {}, indicators: {} };
    for (const u of props.preview.unmatched) if (u.chosen) (u.kind === 'unit' ? c.units : c.indicators)[u.key] = u.chosen;
    const hidden = [...new Set(props.preview.sheets.filter((s) => s.hidden && !s.reason && s.layout !== '未识别').map((s) => s.sheet))];
    if (hidden.length) c.hiddenSheets = hidden;
    return c;
  };
  const chooseHidden = (sheet: string, read: boolean) => {
    const c = choices();
    const set = new Set(c.hiddenSheets ?? []);
    if (read) set.add(sheet);
    else set.delete(sheet);
    props.onRemap({ ...c, hiddenSheets: [...set] });
  };
  const choose = (kind: 'unit' | 'indicator', key: string, value: string) => {
    const c = choices();
    const map = kind === 'unit' ? c.units : c.indicators;
    if (value) map[key] = value;
    else delete map[key];
    props.onRemap(c);
  };
  const unlisted = () => props.preview.changesTotal - props.preview.changes.length;
  /** At most this many names in a line of published totals or city targets. */
  const NAMED = 50;
  const namedLine = <T,>(items: T[], total: number, text: (t: T) => string) =>
    items.slice(0, NAMED).map(text).join('；') + (total > NAMED ? `……等共 ${total} 项` : '');
  return (
    <Dialog title={`导入预览：${props.preview.fileName}`} label="导入预览" busy={busy()} onCancel={props.onCancel}>
        <table class="grid small" aria-label="识别的工作表">
          <thead>
            <tr>
              <th>工作表</th>
              <th>识别为</th>
              <th>读取项数</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.preview.sheets}>
              {(s) => (
                <tr data-testid="import-sheet">
                  <td class="text">
                    {s.name}
                    <Show when={s.hidden}>
                      <span class="flag">（隐藏）</span>
                      <Show when={s.layout !== '未识别'}>
                        <label class="no-print">
                          <input type="checkbox" checked={!s.reason} onChange={(e) => chooseHidden(s.sheet, e.currentTarget.checked)} />
                          读取隐藏的工作表
                        </label>
                      </Show>
                    </Show>
                  </td>
                  <td class="text">{s.layout}</td>
                  <td class="num">{s.reason ? `${s.rows}（${s.reason}）` : s.rows}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>

        <ProblemLists errors={props.preview.errors} warnings={props.preview.warnings} errorsTitle={`以下 ${props.preview.errors.length} 个单元格有误，不会导入：`} />

        <UnmatchedNames unmatched={props.preview.unmatched} units={props.preview.names.units} indicators={props.preview.names.indicators} onChoose={choose} />

        <h3>将要修改 {props.preview.changeCount} 处</h3>
        <Show when={props.preview.changes.length > 0}>
          <div class="change-list">
            <ChangesTable label="将要修改的数据" changes={props.preview.changes} newHeader="新值" whereHeader="来源" />
            <Show when={unlisted() > 0}>
              <p class="muted">另有 {unlisted()} 处未列出。</p>
            </Show>
          </div>
        </Show>
        <Show when={props.preview.totals.length > 0}>
          <p>通报公布的总得分：{namedLine(props.preview.totals, props.preview.totalsCount, (t) => `${t.unitName} ${t.oldText || '（无）'} → ${t.newText}`)}</p>
        </Show>
        <Show when={props.preview.cityTargets.length > 0}>
          <p>全市目标任务：{namedLine(props.preview.cityTargets, props.preview.cityTargets.length, (t) => `${t.indicatorName} ${t.oldText || '（无）'} → ${t.newText}`)}</p>
        </Show>
        <Show when={busy()}>
          <p class="muted" role="status" data-testid="import-applying">
            正在写入 {props.preview.changeCount} 处修改……已用 {elapsed()} 秒。写入是一步完成的：完成后如需撤回，请按 Ctrl+Z 撤销。
          </p>
        </Show>
        <div class="modal-actions">
          <button
            type="button"
            class="primary"
            disabled={busy() || props.preview.changeCount === 0}
            onClick={() => {
              setBusy(true);
              const started = Date.now();
              timer = setInterval(() => setElapsed(Math.round((Date.now() - started) / 1000)), 500);
              props.onConfirm(choices());
            }}
          >
            确认导入
          </button>
          {/* Once writing has begun, 取消 could not stop it: it would only hide an import that still lands. */}
          <button type="button" data-safe disabled={busy()} title={busy() ? '正在写入，不能取消；完成后可撤销' : undefined} onClick={() => props.onCancel()}>
            取消
          </button>
        </div>
    </Dialog>
  );
}
