/**
 * A township in several returned files (原件 and 更正): which file counts for it, chosen per township
 * (by default the one named 更正, else the newer), with the figures the files give differently.
 * Choosing another file asks the worker for the preview again; nothing is written.
 */
import { For, Show } from 'solid-js';
import type { ReturnsPreview } from '../../service/protocol';
import { timeText } from '../shared/timeText';

const WHY: Record<ReturnsPreview['duplicates'][number]['why'], string> = {
  named: '文件名注明更正',
  newer: '修改时间较新',
  picked: '您的选择',
  last: '最后选择的文件',
};

const when = (ms: number | null) => (ms === null ? '' : `（修改于 ${timeText(ms)}）`);

export function ReturnDuplicates(props: { duplicates: ReturnsPreview['duplicates']; busy: boolean; onChoose: (unitId: string, fileName: string) => void }) {
  return (
    <Show when={props.duplicates.length > 0}>
      <section class="import-errors" data-testid="returns-duplicates">
        <h3>同一乡镇有多个文件（{props.duplicates.length} 个乡镇）：每个乡镇只采用一个文件</h3>
        <For each={props.duplicates}>
          {(d) => (
            <div class="duplicate">
              <label>
                {d.unitName}采用：
                <select aria-label={`${d.unitName}采用的文件`} value={d.chosen} disabled={props.busy} onChange={(e) => props.onChoose(d.unitId, e.currentTarget.value)}>
                  <For each={d.files}>
                    {(f) => (
                      <option value={f.fileName} selected={f.fileName === d.chosen}>
                        {f.fileName}
                        {when(f.lastModified)}
                      </option>
                    )}
                  </For>
                </select>
              </label>
              <span class="muted">（{WHY[d.why]}）</span>
              <Show when={d.differences.length > 0} fallback={<p class="hint">各文件报送的数值相同。</p>}>
                <ul>
                  <For each={d.differences}>{(x) => <li>{x}</li>}</For>
                </ul>
              </Show>
            </div>
          )}
        </For>
      </section>
    </Show>
  );
}
