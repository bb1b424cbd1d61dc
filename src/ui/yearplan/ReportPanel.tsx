/**
 * 进展情况报告: the report as it will be published — its title, opening paragraph, signing office
 * and date (drafted, and the person's once edited, kept with the period), then per task reported its
 * heading with the figure reached and the 进展 typed in the ledger — and 导出 Word.
 */
import { For, Show } from 'solid-js';
import { BOXES, planTextProblem, readBox } from '../../model';
import type { PlanPage } from '../../service/protocol';
import { CheckedBox } from '../shared/CheckedBox';
import { CheckedArea } from '../shared/CheckedArea';
import type { PlanEdits } from './planEdits';

const boxReason = (box: typeof BOXES.reportTitle) => (t: string) => {
  const r = readBox(box, t);
  return r.ok ? null : r.reason;
};

export function ReportPanel(props: { page: PlanPage; edits: PlanEdits; onExport: () => void }) {
  const r = () => props.page.report;
  const edited = () => props.page.progress.report ?? {};
  return (
    <section class="plan-report" aria-label="进展情况报告">
      <h3>进展情况报告</h3>
      <p class="no-print toolbar">
        <button type="button" class="primary" disabled={r().sections.length === 0} onClick={() => props.onExport()}>
          导出报告 Word
        </button>
        <span class="hint">每项任务的标题按台账中的数字生成；其下的文字取自台账的“进展”。</span>
      </p>
      <p class="no-print report-fields">
        <label>
          标题
          <CheckedBox label="报告标题" class="wide-input" value={edited().title ?? ''} placeholder={r().drafted.title} check={boxReason(BOXES.reportTitle)} onCommit={(t) => props.edits.report({ title: t.trim() }, '修改报告标题')} />
        </label>
        <label>
          署名
          <CheckedBox label="署名" value={edited().signer ?? ''} placeholder={r().drafted.signer} check={boxReason(BOXES.reportSigner)} onCommit={(t) => props.edits.report({ signer: t.trim() }, '修改报告署名')} />
        </label>
        <label>
          日期
          <CheckedBox label="日期" value={edited().date ?? ''} placeholder="如 2024年4月10日" check={boxReason(BOXES.reportDate)} onCommit={(t) => props.edits.report({ date: t.trim() }, '修改报告日期')} />
        </label>
      </p>
      <div class="report-page">
        <h4 class="report-title">{r().title}</h4>
        <CheckedArea label="开头段" class="report-opening" rows={3} value={edited().opening ?? r().drafted.opening} check={(t) => planTextProblem('开头段', t)} onCommit={(t) => props.edits.report({ opening: t.trim() === r().drafted.opening ? '' : t.trim() }, '修改报告开头段')} />
        <For each={r().sections}>
          {(s) => (
            <div class="report-section">
              <p class="report-heading">{s.heading}</p>
              <For each={s.text.split('\n').filter((x) => x.trim())}>{(x) => <p class="report-text">{x}</p>}</For>
            </div>
          )}
        </For>
        <p class="report-sign">{r().signer}</p>
        <Show when={r().date}>
          <p class="report-sign">{r().date}</p>
        </Show>
      </div>
      <Show when={r().left.length > 0}>
        <p class="hint">未填写完成情况和进展、不写入报告的任务：{r().left.join('、')}。</p>
      </Show>
    </section>
  );
}
