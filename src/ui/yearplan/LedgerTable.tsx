/**
 * 任务台账: the year's tasks for this period — target, the figure to date (typed, or the townships'
 * sum when the task follows an indicator), 完成率 and 较序时进度 for a level, the standing of a rate,
 * 责任科室, the indicator it adds up, and the 进展 text. Every box is judged where it is typed by the
 * plan's policy; the tasks behind are marked red and counted above the table.
 */
import { For, Show } from 'solid-js';
import { BOXES, formatPlain, linkable, planTextProblem, readBox, readReached, readTaskTarget, kindOf, PLAN_KIND_LABELS, UserError, type PlanTask } from '../../model';
import type { PlanPage } from '../../service/protocol';
import { CheckedBox } from '../shared/CheckedBox';
import { CheckedArea } from '../shared/CheckedArea';
import { idsOf, keyedRow } from '../shared/keyedRow';
import type { PlanEdits } from './planEdits';

type Row = PlanPage['ledger']['rows'][number];

/** 较序时进度 with its words for a level not yet done; the standing alone otherwise. */
const standing = (x: Row) => (x.vsTime && x.status !== '已完成全年目标' ? `${x.vsTime.text}（${x.status}）` : x.status);

const reasonOf = (r: { ok: true } | { ok: false; reason: string }) => (r.ok ? null : r.reason);

export function LedgerTable(props: { page: PlanPage; edits: PlanEdits; onFail: (e: unknown) => void }) {
  const task = (id: string) => (props.page.plan?.tasks ?? []).find((t) => t.id === id)!;
  const reachedShown = (r: Row) => (r.source === 'typed' ? formatPlain(r.reached!) : '');
  const commitReached = (r: Row, text: string) => {
    const read = readReached(task(r.id), text);
    if (!read.ok) return Promise.reject(new UserError(read.reason));
    return props.edits.task(r.id, { reached: read.value ?? undefined }, `填写“${r.name}”截至本期`);
  };
  const commitTarget = (r: Row, text: string) => {
    const read = readTaskTarget(text, r.name);
    if (!read.ok) return Promise.reject(new UserError(read.reason));
    return props.edits.editTask(r.id, read.value, `修改“${r.name}”的目标`);
  };
  const commitName = (r: Row, text: string) => {
    const read = readBox(BOXES.taskName, text);
    if (!read.ok) return Promise.reject(new UserError(read.reason));
    const t = task(r.id);
    return props.edits.editTask(r.id, { name: read.value, kind: kindOf(read.value, t.unit) }, `修改年度任务名称`);
  };
  const rows = () => props.page.ledger.rows;
  const linkChoices = (t: PlanTask) => props.page.indicators.filter((i) => linkable(t.unit, i.unit));
  return (
    <table class="plan-ledger" aria-label="年度任务台账">
      <colgroup>
        <For each={[3, 6, 19, 7, 9, 6, 12, 6, 10, 18, 4]}>{(w) => <col style={{ width: `${w}%` }} />}</For>
      </colgroup>
      <thead>
        <tr>
          <th>序号</th>
          <th>指标类型</th>
          <th>指标名称</th>
          <th>目标</th>
          <th>截至本期</th>
          <th>完成率</th>
          <th>较序时进度 / 情况</th>
          <th>责任科室</th>
          <th>来自乡镇指标</th>
          <th>进展（一是……二是……）</th>
          <th class="no-print" />
        </tr>
      </thead>
      <tbody>
        <For each={idsOf(rows())}>
          {(id) => {
            // Keyed by the task's id: a reply that arrives while the next box is typed in updates the
            // row in place (recreating it lost what was being typed).
            const r = keyedRow(rows, id);
            return (
            <tr classList={{ behind: r().behind }} data-task={r().name}>
              <td>{r().no}</td>
              <td>{r().group}</td>
              <td>
                <CheckedBox label={`${r().name} 指标名称`} value={r().name} check={(t) => reasonOf(readBox(BOXES.taskName, t))} onCommit={(t) => commitName(r(), t)} />
              </td>
              <td>
                <CheckedBox label={`${r().name} 目标`} value={r().targetText} title={PLAN_KIND_LABELS[r().kind]} check={(t) => reasonOf(readTaskTarget(t, r().name))} onCommit={(t) => commitTarget(r(), t)} />
              </td>
              <td>
                <Show when={r().source !== 'townships'} fallback={<span class="linked" title={r().sourceNote}>{r().reachedText}</span>}>
                  <CheckedBox
                    label={`${r().name} 截至本期`}
                    value={reachedShown(r())}
                   
                    placeholder={r().unit}
                    title={`以“${r().unit}”计${r().unit !== '%' ? '，也可写单位（如 8200万元）' : ''}`}
                    check={(t) => reasonOf(readReached(task(r().id), t))}
                    onCommit={(t) => commitReached(r(), t)}
                  />
                </Show>
                <Show when={r().source === 'townships' || r().sourceNote}>
                  <div class="hint">{r().sourceNote}</div>
                </Show>
              </td>
              <td class="num">{r().rateText}</td>
              <td classList={{ behind: r().behind }}>{standing(r())}</td>
              <td>
                <CheckedBox label={`${r().name} 责任科室`} value={r().office} check={(t) => reasonOf(readBox(BOXES.taskOffice, t))} onCommit={(t) => props.edits.editTask(r().id, { office: t.trim() }, `修改“${r().name}”的责任科室`)} />
              </td>
              <td>
                <select
                  aria-label={`${r().name} 来自乡镇指标`}
                  value={r().indicatorId}
                  onChange={(e) => void props.edits.editTask(r().id, { indicatorId: e.currentTarget.value }, `“${r().name}”${e.currentTarget.value ? '按乡镇实绩数合计' : '改为手填'}`).catch(props.onFail)}
                >
                  <option value="">（手填）</option>
                  <For each={linkChoices(task(r().id))}>{(i) => <option value={i.id}>{i.name}</option>}</For>
                </select>
              </td>
              <td>
                <CheckedArea label={`${r().name} 进展`} value={r().text} rows={2} class="progress-text" check={(t) => planTextProblem('进展', t)} onCommit={(t) => props.edits.task(r().id, { text: t.replace(/\r\n?/gu, '\n') }, `填写“${r().name}”的进展`)} />
              </td>
              <td class="no-print">
                <button type="button" class="link" onClick={() => void props.edits.removeTask(r().id).catch(props.onFail)}>
                  删除
                </button>
              </td>
            </tr>
          );
          }}
        </For>
      </tbody>
    </table>
  );
}
