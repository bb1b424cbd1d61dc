/**
 * 目标分解: split a city total over the units by weights, with parts that add up exactly, shown as
 * the 目标分解表 of seed 001 and applied as a scenario.
 */
import { createResource, createSignal, For, Index, Show } from 'solid-js';
import { EntryBox } from './EntryBox';
import { createColumnPaste } from './columnPaste';
import { ColumnPasteDialog } from './ColumnPasteDialog';
import { GROWTH_LABEL, ROUNDING_LABELS, WEIGHT_BASIS_LABELS, type WeightBasis } from '../engine/text/weightWords';
import type { RoundingMode } from '../model/exact';
import { formatNumber, formatPlain } from '../engine/text/format';
import { parseNumeric } from '../model/numeric';
import * as client from '../worker-client/client';
import { useApp } from './context';
import { DecompositionTableSection } from './DecompositionTableSection';

/** How the targets are made: a split of the city total by weights, or growth on an earlier period. */
type TargetRule = WeightBasis | 'growth';

/** One indicator's form: what was typed and chosen. */
interface DecomposeForm {
  totalText: string;
  basis: TargetRule;
  source: string | null;
  typed: Record<string, number>;
  /** Growth: the rate in percent, of actuals or targets, and how the result is rounded. */
  rateText: string;
  growthOf: 'actual' | 'target';
  rounding: RoundingMode;
  /** A split: what every township gets at least (empty: nothing). */
  minimumText: string;
}
const EMPTY_FORM: DecomposeForm = { totalText: '', basis: 'prevActual', source: null, typed: {}, rateText: '5', growthOf: 'actual', rounding: 'down', minimumText: '' };
const RULE_LABELS: Record<TargetRule, string> = { ...WEIGHT_BASIS_LABELS, growth: `${GROWTH_LABEL}（上年同期 ×（1 + 增长率））` };
/**
 * Forms by period and indicator, kept for the page's life: leaving the tab, or looking at another
 * indicator, loses nothing, and one indicator's weights never carry over to the next.
 */
const forms = new Map<string, DecomposeForm>();
const [lastIndicator, setLastIndicator] = createSignal(new Map<string, string>());

export function DecomposeView(props: { periodId: string; version: number; periods: { id: string; label: string }[]; onApplied: () => void }) {
  const app = useApp();
  const engine = client.engine();
  const [meta] = createResource(() => ({ p: props.periodId, r: props.version }), (k) => engine.periodMeta(k.p));
  const indicatorId = () => lastIndicator().get(props.periodId) ?? null;
  const setIndicatorId = (id: string) => setLastIndicator((m) => new Map(m).set(props.periodId, id));
  const ind = () => meta()?.indicators.find((i) => i.id === (indicatorId() ?? meta()?.indicators.find((x) => x.annex)?.id));
  const formKey = () => `${props.periodId}|${ind()?.id ?? ''}`;
  const [version, setVersion] = createSignal(0);
  const form = (): DecomposeForm => (version(), forms.get(formKey()) ?? EMPTY_FORM);
  const update = (patch: Partial<DecomposeForm>) => {
    forms.set(formKey(), { ...form(), ...patch });
    setVersion((v) => v + 1);
  };
  const totalText = () => form().totalText;
  const setTotalText = (t: string) => update({ totalText: t });
  const basis = () => form().basis;
  const setBasis = (b: TargetRule) => update({ basis: b });
  const growth = () => basis() === 'growth';
  /** The scenario just made from this table (said beside the button, with the way to 情景对比). */
  const [applied, setApplied] = createSignal<string | null>(null);
  const source = () => form().source;
  const setSource = (id: string) => update({ source: id });
  const typed = () => form().typed;
  const setTyped = (fn: (w: Record<string, number>) => Record<string, number>) => update({ typed: fn(typed()) });
  /** Weights pasted by township name, or a lone column by position after a preview (columnPaste.ts). */
  const columnPaste = createColumnPaste(app, engine);
  const applyWeights = (values: Record<string, string>) =>
    setTyped((w) => {
      const next = { ...w };
      for (const [unitId, text] of Object.entries(values)) {
        const p = parseNumeric(text);
        if (p.kind === 'number') next[unitId] = p.value;
      }
      return next;
    });
  const pasteWeights = (e: ClipboardEvent, from: number) => void columnPaste.paste(e, props.periodId, from, '权重', applyWeights);
  const total = () => {
    const p = parseNumeric(totalText() || (ind()?.cityTarget ?? ''));
    return p.kind === 'number' && p.value >= 0 ? p.value : null;
  };
  // By default the weights come from the period before this one (or this one, if it is the first).
  const sourceId = () => {
    const i = props.periods.findIndex((p) => p.id === props.periodId);
    return source() ?? (i > 0 ? props.periods[i - 1]!.id : props.periodId);
  };
  const minimum = () => {
    const p = parseNumeric(form().minimumText);
    return p.kind === 'number' ? p.value : 0;
  };
  const [table] = createResource(
    () => {
      const f = form();
      if (!ind()) return null;
      if (f.basis === 'growth') return { p: props.periodId, i: ind()!.id, g: true as const, s: sourceId(), of: f.growthOf, rate: f.rateText, mode: f.rounding, r: props.version };
      return total() !== null ? { p: props.periodId, i: ind()!.id, g: false as const, t: total()!, b: f.basis, s: sourceId(), w: typed(), m: minimum(), r: props.version } : null;
    },
    (k) => (k.g ? engine.growthDecomposition(k.p, k.i, k.s, k.of, k.rate, k.mode) : engine.decomposition(k.p, k.i, k.t, k.b, k.b === 'prevActual' || k.b === 'prevTarget' ? k.s : null, k.w, k.m)),
  );

  return (
    <section class="sheet decompose">
      <h2 class="title">目标分解</h2>
      <div class="inline-form no-print">
        <label>
          指标
          <select aria-label="分解指标" value={ind()?.id ?? ''} onChange={(e) => setIndicatorId(e.currentTarget.value)}>
            <For each={meta()?.indicators ?? []}>{(i) => <option value={i.id} selected={i.id === ind()?.id}>{i.name}</option>}</For>
          </select>
        </label>
        <Show when={!growth()}>
          <label>
            全市目标
            <input aria-label="全市目标" class="narrow-input" value={totalText()} placeholder={ind()?.cityTarget === undefined ? '如 818' : formatPlain(ind()!.cityTarget!)} onInput={(e) => setTotalText(e.currentTarget.value)} />
            {ind()?.unit}
          </label>
        </Show>
        <label>
          分解依据
          <select aria-label="分解依据" value={basis()} onChange={(e) => setBasis(e.currentTarget.value as TargetRule)}>
            <For each={Object.entries(RULE_LABELS)}>{([k, v]) => <option value={k}>{v}</option>}</For>
          </select>
        </label>
        <Show when={growth()}>
          <label>
            增长率
            <input aria-label="增长率" class="narrow-input" value={form().rateText} onChange={(e) => update({ rateText: e.currentTarget.value })} />%
          </label>
          <label>
            以
            <select aria-label="增长的基数" value={form().growthOf} onChange={(e) => update({ growthOf: e.currentTarget.value as 'actual' | 'target' })}>
              <option value="actual">实绩数</option>
              <option value="target">任务数</option>
            </select>
            为基数
          </label>
          <label>
            取整
            <select aria-label="取整" value={form().rounding} onChange={(e) => update({ rounding: e.currentTarget.value as RoundingMode })}>
              <For each={Object.entries(ROUNDING_LABELS)}>{([k, v]) => <option value={k}>{v}</option>}</For>
            </select>
          </label>
        </Show>
        <Show when={!growth()}>
          <label>
            每个单位至少
            <input aria-label="每个单位至少" class="narrow-input" value={form().minimumText} placeholder="不限" onChange={(e) => update({ minimumText: e.currentTarget.value })} />
          </label>
        </Show>
        <Show when={basis() === 'prevActual' || basis() === 'prevTarget' || growth()}>
          <label>
            依据的考核期
            <select aria-label="依据的考核期" value={sourceId()} onChange={(e) => setSource(e.currentTarget.value)}>
              <For each={props.periods}>{(p) => <option value={p.id} selected={p.id === sourceId()}>{p.label}</option>}</For>
            </select>
          </label>
        </Show>
      </div>

      <Show when={table.error}>
        <p class="flag" role="alert" data-testid="decomposition-problem">
          {(table.error as Error).message}
        </p>
      </Show>
      <Show when={!table.error && table()} fallback={<Show when={!table.error}><p class="muted">请输入全市目标。</p></Show>}>
        {(t) => (
          <>
            <h3 class="title">{t().indicatorName}目标分解表</h3>
            <p class="subtitle" data-testid="decomposition-basis">
              分解依据：{t().basisLabel}
            </p>
            <Show when={t().note}>
              <p class="flag" data-testid="decomposition-note">
                {t().note}
              </p>
            </Show>
            <table class="grid" aria-label="目标分解表">
              <thead>
                <tr>
                  <th>序号</th>
                  <th>乡镇</th>
                  <Show when={basis() === 'typed'}>
                    <th class="no-print">权重</th>
                  </Show>
                  <th>
                    {t().indicatorName}({t().unit})
                  </th>
                </tr>
              </thead>
              <tbody>
                <Index each={t().rows}>
                  {(r, i) => (
                    <tr>
                      <td class="num">{i + 1}</td>
                      <td class="text">{r().name}</td>
                      <Show when={basis() === 'typed'}>
                        <td class="no-print">
                          <EntryBox
                            label={`${r().name} 权重`}
                            column="weight"
                            value={String(typed()[r().unitId] ?? '')}
                            onPaste={(e) => pasteWeights(e, i)}
                            onCommit={(text) => {
                              const p = parseNumeric(text);
                              const unitId = r().unitId;
                              setTyped((w) => ({ ...w, [unitId]: p.kind === 'number' && p.value >= 0 ? p.value : 0 }));
                            }}
                          />
                        </td>
                      </Show>
                      <td class="num">{r().target === null ? '' : formatNumber(r().target!, t().decimals)}</td>
                    </tr>
                  )}
                </Index>
                <tr class="sum">
                  <td colSpan={basis() === 'typed' ? 3 : 2} class="text">
                    合计
                  </td>
                  <td class="num" data-testid="decomposition-sum">
                    {formatNumber(t().sum, t().decimals)}
                  </td>
                </tr>
              </tbody>
            </table>
            <p class="no-print">
              <button
                type="button"
                disabled={!t().ready}
                onClick={async () => {
                  const pid = props.periodId;
                  const name = `目标分解：${t().indicatorName} ${formatPlain(growth() ? t().sum : total()!)}`;
                  const overrides = Object.fromEntries(t().rows.flatMap((r) => (r.target === null ? [] : [[`${r.unitId}|${ind()!.id}`, { target: r.target }]])));
                  try {
                    const note = `${name}，${growth() ? t().basisLabel : WEIGHT_BASIS_LABELS[basis() as WeightBasis]}`;
                    const r = await app.run(() => engine.createScenario(pid, name, overrides, note));
                    app.adoptOutcome(r.outcome);
                    // Stay here (the next indicator is often next): the way to 情景对比 is offered beside the button.
                    setApplied(name);
                  } catch (e) {
                    app.say((e as Error).message, 'error');
                  }
                }}
              >
                作为情景应用
              </button>
              <Show when={applied()}>
                {(name) => (
                  <span class="applied" data-testid="decomposition-applied">
                    已作为情景“{name()}”保存。
                    <button type="button" class="link" onClick={() => props.onApplied()}>
                      到“情景对比”查看影响
                    </button>
                  </span>
                )}
              </Show>
            </p>
          </>
        )}
      </Show>
      <Show when={meta()}>{(m) => <DecompositionTableSection periodId={props.periodId} version={props.version} meta={m()} />}</Show>
      <Show when={columnPaste.preview()}>{(p) => <ColumnPasteDialog preview={p()} onConfirm={columnPaste.confirm} onCancel={columnPaste.cancel} />}</Show>
    </section>
  );
}
