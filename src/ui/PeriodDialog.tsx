/**
 * 新增考核期 / 改期: a period is named by its year and quarter. New: pick them and the period to
 * copy units, indicators, rules and targets from (actuals start empty). 改期: give the current
 * period another year and quarter (one undoable step). The worker refuses a quarter already used.
 */
import { createSignal, For, Show, untrack } from 'solid-js';
import type { Quarter } from '../model';

export interface PeriodChoice {
  year: number;
  quarter: Quarter;
  copyFrom: string;
}

const QUARTERS = ['一季度', '二季度', '三季度', '四季度'] as const;

export function PeriodDialog(props: {
  mode: 'add' | 'move';
  periods: { id: string; label: string }[];
  /** The period selected now: copied from by default, or the one being moved. */
  current: { id: string; label: string; year: number; quarter: Quarter };
  onConfirm: (choice: PeriodChoice) => Promise<void>;
  onCancel: () => void;
}) {
  // Initial values only (the dialog is made anew for each opening): the next quarter for a new
  // period, the period's own for 改期.
  const start = untrack(() => {
    const { year, quarter, id } = props.current;
    const at = props.mode === 'move' ? { year, quarter } : quarter === 4 ? { year: year + 1, quarter: 1 as Quarter } : { year, quarter: (quarter + 1) as Quarter };
    return { ...at, id };
  });
  const [year, setYear] = createSignal(String(start.year));
  const [quarter, setQuarter] = createSignal<Quarter>(start.quarter);
  const [copyFrom, setCopyFrom] = createSignal(start.id);
  const [problem, setProblem] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const title = () => (props.mode === 'add' ? '新增考核期' : `改期：${props.current.label}`);

  const submit = async () => {
    const y = Number(year().trim());
    if (!/^\d{4}$/.test(year().trim())) {
      setProblem(`年份“${year()}”无效，请填写四位数的年份，如 2024。`);
      return;
    }
    setBusy(true);
    setProblem('');
    try {
      await props.onConfirm({ year: y, quarter: quarter(), copyFrom: copyFrom() });
    } catch (e) {
      setProblem((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="modal-backdrop" role="presentation">
      <form
        class="modal narrow"
        role="dialog"
        aria-modal="true"
        aria-label={title()}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2>{title()}</h2>
        <p class="inline-form">
          <label>
            年份
            <input class="narrow-input" inputMode="numeric" aria-label="年份" value={year()} onInput={(e) => setYear(e.currentTarget.value)} />
          </label>
          <label>
            季度
            <select aria-label="季度" value={quarter()} onChange={(e) => setQuarter(Number(e.currentTarget.value) as Quarter)}>
              <For each={QUARTERS}>{(q, i) => <option value={i() + 1}>{q}</option>}</For>
            </select>
          </label>
        </p>
        <Show when={props.mode === 'add'}>
          <p class="inline-form">
            <label>
              复制自
              <select aria-label="复制自" value={copyFrom()} onChange={(e) => setCopyFrom(e.currentTarget.value)}>
                <For each={props.periods}>{(p) => <option value={p.id}>{p.label}</option>}</For>
              </select>
            </label>
          </p>
          <p class="muted">复制所选考核期的单位、指标、计分规则和任务数；实绩数留空，“不适用”保留。</p>
        </Show>
        <Show when={problem()}>
          <p class="flag" role="alert">
            {problem()}
          </p>
        </Show>
        <div class="modal-actions">
          <button type="submit" class="primary" disabled={busy()}>
            确定
          </button>
          <button type="button" disabled={busy()} onClick={() => props.onCancel()}>
            取消
          </button>
        </div>
      </form>
    </div>
  );
}
