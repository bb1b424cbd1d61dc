/**
 * 打开文件, asked in the app's own words: what the file holds (its name, when it was saved, its
 * periods and units), what is wrong with it if anything, and three choices — 替换当前工作簿 (when the
 * browser holds the same workbook), 作为副本打开, 取消. Nothing is written before a choice.
 */
import { For, Show } from 'solid-js';
import type { WorkbookFileInfo } from '../../service/protocol';
import { timeText } from '../shared/timeText';
import { Dialog } from '../shared/Dialog';

export type OpenChoice = 'replace' | 'copy' | null;

const when = (iso: string) => timeText(iso) || '（未记录）';

export function OpenFileDialog(props: { fileName: string; info: WorkbookFileInfo; currentId: string | null; onChoose: (c: OpenChoice) => void }) {
  const i = () => props.info;
  const periods = () => (i().periods.length > 6 ? `${i().periods.slice(0, 6).join('、')} 等 ${i().periods.length} 个` : i().periods.join('、'));
  return (
    <Dialog title="打开工作簿文件" class="narrow open-file" testId="open-file-dialog" onCancel={() => props.onChoose(null)}>
        <table class="facts">
          <tbody>
            <tr><th>文件</th><td data-testid="open-file-name">{props.fileName}</td></tr>
            <tr><th>工作簿</th><td>{i().name}</td></tr>
            <tr><th>保存时间</th><td data-testid="open-file-saved">{when(i().savedAt)}</td></tr>
            <tr><th>考核期</th><td data-testid="open-file-periods">{periods()}</td></tr>
            <tr><th>单位 / 指标</th><td data-testid="open-file-units">{i().unitCount} 个单位，{i().indicatorCount} 项指标（最后一期）</td></tr>
            <tr><th>版本</th><td>{i().snapshots} 个</td></tr>
          </tbody>
        </table>
        <Show when={i().integrity === 'mismatch'}>
          <p class="warn-text" role="alert">注意：文件中的模型数据与保存时的校验码不一致——文件在保存后被改动过（可能有人在 Excel 中改了隐藏的 _model 工作表）。内容已通过格式检查，但无法确认每个数字都是原样。</p>
        </Show>
        <Show when={i().integrity === 'legacy'}>
          <p class="hint">此文件由旧版程序保存，没有校验码。</p>
        </Show>
        <Show when={i().refused.length > 0}>
          <div class="warn-text" role="alert">
            文件中有 {i().refused.length} 个值不符合填报要求，打开后这些值留空（可再补填）：
            <ul>
              <For each={i().refused.slice(0, 5)}>{(r) => <li>{r}</li>}</For>
              <Show when={i().refused.length > 5}><li>……</li></Show>
            </ul>
          </div>
        </Show>
        <Show
          when={i().existing}
          fallback={<p>浏览器中没有这个工作簿，打开后会作为一个工作簿加入列表。</p>}
        >
          {(e) => (
            <p>
              浏览器中已有这个工作簿“{e().name}”（最后修改于 {when(e().updatedAt)}）。替换前，浏览器中的内容会先自动保存为一个版本；作为副本打开则两者都保留。
            </p>
          )}
        </Show>
        <div class="modal-actions">
          <Show
            when={i().existing}
            fallback={
              <button type="button" class="primary" onClick={() => props.onChoose('replace')}>
                打开
              </button>
            }
          >
            <button type="button" class="primary" onClick={() => props.onChoose('replace')}>
              {i().id === props.currentId ? '替换当前工作簿' : `替换“${i().existing?.name ?? ''}”`}
            </button>
            <button type="button" onClick={() => props.onChoose('copy')}>
              作为副本打开
            </button>
          </Show>
          {/* Focused first: Enter or Esc right away changes nothing. */}
          <button type="button" data-safe onClick={() => props.onChoose(null)}>
            取消
          </button>
        </div>
    </Dialog>
  );
}
