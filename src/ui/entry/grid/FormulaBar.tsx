/**
 * The bar above the grid for the selected cell: where it is and what it holds, its state and remark
 * (setting them is a change like any other), the rule and arithmetic of a score, rate or total in
 * words, and goal seek (求解) from a target or actual: how much it takes to move up a place, reach
 * 100 %, a rank or a total — and 采用 to take the answer.
 */
import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import { BOXES, rankGoalBox, readBox, type Cell } from '../../../model';
import { userMessage } from '../../shared/errors';
import { latestOnly, OVERTAKEN } from '../../../worker-client/client';
import { setRemark, setState } from '../../state/cellInput';
import { COLUMN_LABELS, type GridColumnSpec, type Pos } from './layout';
import type { Explanation, Goal, GoalSeekResult, Vary } from '../../../service/protocol';

const STATE_LABELS: Record<Cell['state'], string> = { value: '数值', na: '不适用（/）', pending: '数据未出（暂取任务数）', missing: '无数据' };

/** The cell selected, as the bar shows it. */
export interface ActiveCell {
  f: Pos;
  spec: GridColumnSpec;
  unit: { id: string; name: string };
  ind: { id: string; name: string } | null;
  cell: Cell | null;
  text: string;
}

export interface FormulaBarProps {
  active: ActiveCell | null;
  /** Changes with each new view: explanations are read again, a goal-seek answer is dropped. */
  version: number;
  onExplain?: ((unitId: string, indicatorId: string | null) => Promise<Explanation>) | undefined;
  onGoalSeek?: ((unitId: string, indicatorId: string, goal: Goal, vary: Vary) => Promise<GoalSeekResult>) | undefined;
  /** Change the selected cell (its state or remark) as one step. */
  onChange: (after: (c: Cell | null) => Cell | null, label: string) => void;
  /** Take a goal-seek answer into the selected cell. */
  onApply: (value: number, label: string) => void;
}

export function FormulaBar(props: FormulaBarProps) {
  // Explanation of the active score / rate / total cell, refreshed with each new view.
  const [explanation] = createResource(
    () => {
      const a = props.active;
      const k = a?.spec.kind;
      if (!a || !props.onExplain || (k !== 'score' && k !== 'rate' && k !== 'total')) return null;
      return { unitId: a.unit.id, indicatorId: a.ind?.id ?? null, version: props.version, explain: props.onExplain };
    },
    async (k) => ({ unitId: k.unitId, indicatorId: k.indicatorId, ...(await k.explain(k.unitId, k.indicatorId)) }),
  );
  /** Only the selected cell's: a resource keeps its last value when its source turns null. */
  const current = () => {
    const a = props.active;
    const e = explanation.latest;
    const k = a?.spec.kind;
    if (!a || !e || (k !== 'score' && k !== 'rate' && k !== 'total')) return null;
    return e.unitId === a.unit.id && e.indicatorId === (a.ind?.id ?? null) ? e : null;
  };
  const [goalKind, setGoalKind] = createSignal<'upOne' | 'complete' | 'rank' | 'total'>('upOne');
  const [goalValue, setGoalValue] = createSignal('');
  const [seek, setSeek] = createSignal<GoalSeekResult | null>(null);
  // Latest wins: an answer for a cell left meanwhile, or for an earlier goal, is not shown.
  const ask = latestOnly();
  createEffect(
    on(
      () => `${props.active?.f.row}:${props.active?.f.col}:${props.version}`,
      () => {
        void ask(Promise.resolve(null));
        setSeek(null);
      },
      { defer: true },
    ),
  );
  /** The goal's box (名次, 总得分) read by the box policy: the value, or the reason shown beside it. */
  const goalRead = () => {
    const k = goalKind();
    if (k !== 'rank' && k !== 'total') return null;
    return readBox(k === 'rank' ? rankGoalBox(Number.MAX_SAFE_INTEGER) : BOXES.totalGoal, goalValue());
  };
  const [goalReason, setGoalReason] = createSignal<string | null>(null);
  const runSeek = async () => {
    const a = props.active;
    if (!a?.ind || !props.onGoalSeek || (a.spec.kind !== 'target' && a.spec.kind !== 'actual')) return;
    const read = goalRead();
    setGoalReason(read && !read.ok ? read.reason : null);
    if (read && !read.ok) return setSeek(null);
    const n = read?.ok ? read.value! : 0;
    const goal: Goal = goalKind() === 'rank' ? { kind: 'rank', rank: n } : goalKind() === 'total' ? { kind: 'total', total: n } : { kind: goalKind() as 'upOne' | 'complete' };
    try {
      const got = await ask(props.onGoalSeek(a.unit.id, a.ind.id, goal, a.spec.kind));
      if (got !== OVERTAKEN) setSeek(got);
    } catch (e) {
      // The worker's refusal of the goal (a place beyond the units ranked): said at the box.
      setGoalReason(userMessage(e).message);
    }
  };
  const apply = () => {
    const a = props.active;
    const r = seek();
    if (a?.ind && r?.ok && r.value !== null) props.onApply(r.value, `求解 ${a.unit.name} ${a.ind.name}`);
  };
  return (
    <div class="formula-bar">
      <Show when={props.active} fallback={<span class="where muted">未选中单元格</span>}>
        {(a) => (
          <>
            <span class="where" data-testid="active-cell">
              {a().unit.name}
              {a().ind ? ` · ${a().ind!.name}` : ''} · {COLUMN_LABELS[a().spec.kind]}
            </span>
            <span class="value">{a().text}</span>
            <Show when={a().ind}>
              <label>
                状态
                <select value={a().cell?.state ?? 'missing'} onChange={(e) => props.onChange((c) => setState(c, e.currentTarget.value as Cell['state']), `设置状态 ${a().unit.name} ${a().ind!.name}`)}>
                  <For each={Object.entries(STATE_LABELS)}>{([k, v]) => <option value={k}>{v}</option>}</For>
                </select>
              </label>
              <label class="remark">
                备注
                <input type="text" value={a().cell?.remark ?? ''} placeholder="如：迟报材料" onChange={(e) => props.onChange((c) => setRemark(c, e.currentTarget.value), `备注 ${a().unit.name} ${a().ind!.name}`)} />
              </label>
            </Show>
            <Show when={current()}>
              {(e) => (
                <span class="explain" data-testid="explanation">
                  {e().text}
                </span>
              )}
            </Show>
            <Show when={props.onGoalSeek && a().ind && (a().spec.kind === 'target' || a().spec.kind === 'actual')}>
              <span class="goal-seek no-print">
                求解：{a().spec.kind === 'actual' ? '实绩数至少多少才能' : '任务数至多多少才能'}
                <select aria-label="求解目标" value={goalKind()} onChange={(e) => setGoalKind(e.currentTarget.value as 'upOne')}>
                  <option value="upOne">排名上升一位</option>
                  <option value="complete">完成率达到 100%</option>
                  <option value="rank">排名达到第…名</option>
                  <option value="total">总得分达到…</option>
                </select>
                <Show when={goalKind() === 'rank' || goalKind() === 'total'}>
                  <span class="checked-box">
                    <input
                      aria-label="求解目标值"
                      class="narrow-input"
                      aria-invalid={goalReason() !== null}
                      aria-describedby={goalReason() ? 'goal-reason' : undefined}
                      placeholder={goalKind() === 'rank' ? '如 3' : '如 85'}
                      value={goalValue()}
                      onInput={(e) => {
                        setGoalValue(e.currentTarget.value);
                        setGoalReason(null);
                      }}
                      onKeyDown={(e) => e.key === 'Enter' && void runSeek()}
                    />
                    <Show when={goalReason()}>
                      {(r) => (
                        <span class="box-reason" id="goal-reason" role="alert">
                          {r()}
                        </span>
                      )}
                    </Show>
                  </span>
                </Show>
                <button type="button" onClick={() => void runSeek()}>
                  求解
                </button>
                <Show when={seek()}>
                  {(r) => (
                    <>
                      <span data-testid="goal-seek-result" classList={{ explain: r().ok, flag: !r().ok }}>
                        {r().message}
                      </span>
                      <Show when={r().ok}>
                        <button type="button" onClick={apply}>
                          采用
                        </button>
                      </Show>
                    </>
                  )}
                </Show>
              </span>
            </Show>
          </>
        )}
      </Show>
    </div>
  );
}
