/**
 * 附件3's projects (十大创新平台) and 附件4's key work, each with this period's progress: the
 * investment completed to date (万元) and the 进展 text — judged at the box by the plan's policy.
 */
import { For, Show } from 'solid-js';
import { formatPlain, planTextProblem, readInvestment, UserError } from '../../model';
import type { PlanPage } from '../../service/protocol';
import { CheckedBox } from '../shared/CheckedBox';
import { CheckedArea } from '../shared/CheckedArea';
import { idsOf, keyedRow } from '../shared/keyedRow';
import type { PlanEdits } from './planEdits';

export function PlanLists(props: { page: PlanPage; edits: PlanEdits }) {
  const projects = () => props.page.plan?.projects ?? [];
  const work = () => props.page.plan?.keyWork ?? [];
  const invested = (id: string) => props.page.progress.projects[id]?.invested;
  const commitInvested = (id: string, name: string, text: string) => {
    const r = readInvestment(text, '已完成投资');
    if (!r.ok) return Promise.reject(new UserError(r.reason));
    return props.edits.project(id, { invested: r.value ?? undefined }, `填写“${name}”已完成投资`);
  };
  return (
    <>
      <Show when={projects().length > 0}>
        <h3>创新平台项目（{projects().length} 个）</h3>
        <table class="plan-list" aria-label="创新平台项目">
          <thead>
            <tr>
              <th>序号</th>
              <th>项目名称</th>
              <th>建设主体</th>
              <th>投资资金（万元）</th>
              <th>已完成投资（万元）</th>
              <th>进展</th>
            </tr>
          </thead>
          <tbody>
            <For each={idsOf(projects())}>
              {(id, i) => {
                // Keyed by id: a reply while the next box is typed in updates the row in place.
                const p = keyedRow(projects, id);
                return (
                <tr>
                  <td>{i() + 1}</td>
                  <td title={p().content}>{p().name}</td>
                  <td>{p().owner}</td>
                  <td class="num">{p().investment === undefined ? '' : formatPlain(p().investment!)}</td>
                  <td>
                    <CheckedBox
                      label={`${p().name}（${p().owner}）已完成投资`}
                      value={invested(p().id) === undefined ? '' : formatPlain(invested(p().id)!)}
                      size={8}
                      check={(t) => {
                        const r = readInvestment(t, '已完成投资');
                        return r.ok ? null : r.reason;
                      }}
                      onCommit={(t) => commitInvested(p().id, p().name, t)}
                    />
                  </td>
                  <td>
                    <CheckedArea label={`${p().name}（${p().owner}）进展`} value={props.page.progress.projects[p().id]?.text ?? ''} check={(t) => planTextProblem('进展', t)} onCommit={(t) => props.edits.project(p().id, { text: t }, `填写“${p().name}”的进展`)} />
                  </td>
                </tr>
                );
              }}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={work().length > 0}>
        <h3>重点工作清单（{work().length} 项）</h3>
        <table class="plan-list" aria-label="重点工作清单">
          <thead>
            <tr>
              <th>项目名称</th>
              <th>主要措施</th>
              <th>责任单位</th>
              <th>进展</th>
            </tr>
          </thead>
          <tbody>
            <For each={idsOf(work())}>
              {(id, i) => {
                const w = keyedRow(work, id);
                return (
                <tr>
                  <td>{i() === 0 || work()[i() - 1]?.group !== w().group ? w().group : ''}</td>
                  <td class="measure">{w().measure}</td>
                  <td>{w().responsible}</td>
                  <td>
                    <CheckedArea label={`重点工作第 ${i() + 1} 项进展`} value={props.page.progress.keyWork[w().id]?.text ?? ''} check={(t) => planTextProblem('进展', t)} onCommit={(t) => props.edits.work(w().id, { text: t }, `填写重点工作第 ${i() + 1} 项的进展`)} />
                  </td>
                </tr>
                );
              }}
            </For>
          </tbody>
        </table>
      </Show>
    </>
  );
}
