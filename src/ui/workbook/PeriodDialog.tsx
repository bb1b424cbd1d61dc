/**
 * 新增考核期 / 改期: a period is named by its year and a quarter or a month, and may be given a
 * name of its own (如 2024年“开门红”). New: pick them and the period to copy units, indicators,
 * rules and targets from (actuals start empty). 改期: give the current period another time or
 * name (one undoable step). The worker refuses a name already used.
 */
import { createSignal, For, Show, untrack } from 'solid-js';
import type { Quarter } from '../../model';
import { Dialog } from '../shared/Dialog';

export interface PeriodChoice {
  year: number;
  quarter: Quarter;
  /** A monthly period; absent for a quarter. */
  month?: number;
  /** A name of its own; absent: 2024年一季度 / 2024年1月. */
  label?: string;
  copyFrom: string;
}

/** The period selected now: `label` as listed, `name` the name it was given (if any). */
export interface PeriodDialogCurrent {
  id: string;
  label: string;
  year: number;
  quarter: Quarter;
  month?: number;
  name?: string;
}

const QUARTERS = ['一季度', '二季度', '三季度', '四季度'] as const;
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

export function PeriodDialog(props: {
  mode: 'add' | 'move';
  periods: { id: string; label: string }[];
  current: PeriodDialogCurrent;
  onConfirm: (choice: PeriodChoice) => Promise<void>;
  onCancel: () => void;
}) {
  // Initial values only (the dialog is made anew for each opening): the next quarter (or month)
  // for a new period, the period's own for 改期.
  const start = untrack(() => {
    const { year, quarter, month, id } = props.current;
    if (props.mode === 'move') return { year, quarter, month, id, name: props.current.name ?? '' };
    if (month) return { year: month === 12 ? year + 1 : year, quarter, month: month === 12 ? 1 : month + 1, id, name: '' };
    const next = quarter === 4 ? { year: year + 1, quarter: 1 as Quarter } : { year, quarter: (quarter + 1) as Quarter };
    return { ...next, month: undefined, id, name: '' };
  });
  const [year, setYear] = createSignal(String(start.year));
  const [kind, setKind] = createSignal<'quarter' | 'month'>(start.month ? 'month' : 'quarter');
  const [quarter, setQuarter] = createSignal<Quarter>(start.quarter);
  const [month, setMonth] = createSignal(start.month ?? (start.quarter - 1) * 3 + 1);
  const [name, setName] = createSignal(start.name);
  const [copyFrom, setCopyFrom] = createSignal(start.id);
  const [problem, setProblem] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const title = () => (props.mode === 'add' ? '新增考核期' : `改期：${props.current.label}`);
  const shownAs = () => name().trim() || `${year().trim()}年${kind() === 'month' ? `${month()}月` : QUARTERS[quarter() - 1]}`;

  const submit = async () => {
    const y = Number(year().trim());
    if (!/^\d{4}$/.test(year().trim())) {
      setProblem(`年份“${year()}”无效，请填写四位数的年份，如 2024。`);
      return;
    }
    setBusy(true);
    setProblem('');
    try {
      const m = kind() === 'month' ? month() : undefined;
      await props.onConfirm({
        year: y,
        quarter: m ? (Math.ceil(m / 3) as Quarter) : quarter(),
        ...(m ? { month: m } : {}),
        ...(name().trim() ? { label: name().trim() } : {}),
        copyFrom: copyFrom(),
      });
    } catch (e) {
      setProblem((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={title()} label={title()} class="narrow" busy={busy()} onCancel={props.onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p class="inline-form">
          <label>
            年份
            <input class="narrow-input" inputMode="numeric" aria-label="年份" data-focus value={year()} onInput={(e) => setYear(e.currentTarget.value)} />
          </label>
          <label>
            按
            <select aria-label="考核期类型" onChange={(e) => setKind(e.currentTarget.value as 'quarter' | 'month')}>
              <option value="quarter" selected={kind() === 'quarter'}>
                季度
              </option>
              <option value="month" selected={kind() === 'month'}>
                月份
              </option>
            </select>
          </label>
          <Show
            when={kind() === 'month'}
            fallback={
              <label>
                季度
                <select aria-label="季度" onChange={(e) => setQuarter(Number(e.currentTarget.value) as Quarter)}>
                  <For each={QUARTERS}>
                    {(q, i) => (
                      <option value={i() + 1} selected={quarter() === i() + 1}>
                        {q}
                      </option>
                    )}
                  </For>
                </select>
              </label>
            }
          >
            <label>
              月份
              <select aria-label="月份" onChange={(e) => setMonth(Number(e.currentTarget.value))}>
                <For each={MONTHS}>
                  {(m) => (
                    <option value={m} selected={month() === m}>
                      {m}月
                    </option>
                  )}
                </For>
              </select>
            </label>
          </Show>
        </p>
        <p class="inline-form">
          <label>
            名称（可不填）
            <input aria-label="考核期名称" value={name()} placeholder="如 2024年“开门红”" maxLength={40} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
        </p>
        <p class="muted" data-testid="period-shown-as">
          将显示为：{shownAs()}
        </p>
        <Show when={props.mode === 'add'}>
          <p class="inline-form">
            <label>
              复制自
              <select aria-label="复制自" onChange={(e) => setCopyFrom(e.currentTarget.value)}>
                <For each={props.periods}>
                  {(p) => (
                    <option value={p.id} selected={p.id === copyFrom()}>
                      {p.label}
                    </option>
                  )}
                </For>
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
    </Dialog>
  );
}
