/**
 * 年度计划: the city's own plan for the period's year (seed 001 附件1, 3, 4) followed this period —
 * entered by pasting the plan's tables or importing them, the 任务台账 against 序时进度, the
 * projects and key work with their progress, the 进展情况报告 (seed 003) drafted from the ledger;
 * 导出台账 Excel and 导出报告 Word. A view asked twice shows the newest answer only (a resource).
 */
import { createResource, createSignal, Show } from 'solid-js';
import type { PlanPage } from '../../service/protocol';
import * as client from '../../worker-client/client';
import { useApp } from '../state/context';
import { download, pickedFile } from '../shared/files';
import { LedgerTable } from './LedgerTable';
import { AddTaskRow } from './AddTaskRow';
import { PlanLists } from './PlanLists';
import { ReportPanel } from './ReportPanel';
import { PlanPasteDialog } from './PlanPasteDialog';
import { planEdits } from './planEdits';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function YearPlanView(props: { periodId: string; version: number }) {
  const app = useApp();
  const [page] = createResource(() => ({ p: props.periodId, v: props.version }), (k) => client.engine().planPage(k.p));
  const [dialog, setDialog] = createSignal<{ file?: { name: string; bytes: Uint8Array } } | null>(null);
  let fileInput!: HTMLInputElement;
  // eslint-disable-next-line solid/reactivity -- read when a box commits, never tracked
  const edits = planEdits(app, () => page.latest!, () => props.periodId);
  const exportFile = async (which: 'ledger' | 'report') => {
    const pid = props.periodId;
    const engine = client.engine();
    try {
      const out = await app.run(() => (which === 'ledger' ? engine.exportPlanLedger(pid) : engine.exportPlanReport(pid)));
      download(out.bytes, out.fileName, which === 'report' ? DOCX : undefined);
    } catch {
      // told by app.run
    }
  };
  const apply = async (token: string) => {
    const pid = props.periodId;
    const engine = client.engine();
    await app.changeAtBox(() => engine.applyPlan(pid, token));
    setDialog(null);
    app.say('年度计划已录入（可撤销）。');
  };
  return (
    <section class="sheet yearplan">
      <h2 class="title">年度计划{page.latest ? `（${page.latest.year}年）` : ''}</h2>
      <Show when={page.latest}>
        {(p) => (
          <>
            <p class="no-print toolbar">
              <button type="button" onClick={() => setDialog({})}>
                粘贴计划表
              </button>
              <button type="button" onClick={() => fileInput.click()}>
                从 Excel 导入
              </button>
              <input
                ref={fileInput}
                type="file"
                hidden
                aria-label="选择年度计划文件"
                accept=".xlsx,.xls,.csv"
                onChange={async (e) => {
                  const f = await pickedFile(e.currentTarget);
                  if (f) setDialog({ file: f });
                }}
              />
              <button type="button" disabled={!p().ledger.rows.length} onClick={() => void exportFile('ledger')}>
                导出台账 Excel
              </button>
              <span class="hint">计划是全年的（本年各考核期共用）；完成情况和进展是{p().periodLabel}的。</span>
            </p>
            <Show when={p().plan} fallback={<PlanIntro year={p().year} />}>
              <PlanSummary page={p()} />
              <LedgerTable page={p()} edits={edits} onFail={app.fail} />
              <AddTaskRow edits={edits} onFail={app.fail} />
              <PlanLists page={p()} edits={edits} />
              <ReportPanel page={p()} edits={edits} onExport={() => void exportFile('report')} />
            </Show>
            <Show when={dialog()}>{(d) => <PlanPasteDialog periodId={props.periodId} page={p()} file={d().file} onConfirm={apply} onCancel={() => setDialog(null)} />}</Show>
          </>
        )}
      </Show>
    </section>
  );
}

function PlanIntro(props: { year: number }) {
  return (
    <p class="muted" data-testid="plan-empty">
      {props.year}年还没有年度计划。点“粘贴计划表”，把计划中“指标任务”表（序号、指标类型、指标名称、{props.year}年目标任务）连同“十大创新平台”“重点工作清单”复制粘贴进来，或从 Excel 导入。
    </p>
  );
}

function PlanSummary(props: { page: PlanPage }) {
  const l = () => props.page.ledger;
  return (
    <p data-testid="plan-summary" classList={{ flag: l().behind > 0 }}>
      {l().title ? `《${l().title}》` : ''}共 {l().rows.length} 项任务，{props.page.periodLabel}已填报 {l().reported} 项；序时进度 {l().timeProgressText}
      {l().behind ? `；${l().behind} 项落后（红色）` : '；没有落后的任务'}。
    </p>
  );
}
