/**
 * 目标分解: split a city total over the units by weights, with parts that add up exactly, shown as
 * the 目标分解表 of seed 001 and applied as a scenario.
 */
import { createMemo, createResource, createSignal, For, Index, Show } from 'solid-js';
import { EntryBox } from './EntryBox';
import { createColumnPaste } from './columnPaste';
import { ColumnPasteDialog } from './ColumnPasteDialog';
import { TargetsDialog } from './TargetsDialog';
import type { TargetsAsk, TargetsPreview } from '../../service/protocol';
import { GROWTH_LABEL, ROUNDING_LABELS, WEIGHT_BASIS_LABELS, type WeightBasis } from '../../engine/text/weightWords';
import type { RoundingMode } from '../../model/exact';
import { formatNumber, formatPlain } from '../../model/format';
import { cityTotalRule, minimumRule, readAmount, readWeights, targetText } from '../../model';
import { createDecomposeForms, type DecomposeForm, type TargetRule } from './decomposeForm';
import * as client from '../../worker-client/client';
import { useApp } from '../state/context';
import { DecompositionTableSection } from './DecompositionTableSection';
import { Pager } from '../shared/Pager';
import { createProgressiveList } from '../shared/progressive';

/** Rows of the 目标分解表 at a time: a province's 40 000 drawn at once held the page for 2 s. */
const ROWS_PER_PAGE = 200;
const RULE_LABELS: Record<TargetRule, string> = { ...WEIGHT_BASIS_LABELS, growth: `${GROWTH_LABEL}（上年同期 ×（1 + 增长率））` };
/** Forms by workbook, period and indicator (kept in localStorage: a reload loses nothing typed). */
const forms = createDecomposeForms();
const [lastIndicator, setLastIndicator] = createSignal(new Map<string, string>());

/** A box's reason, under it (the value policy's words). */
function Reason(props: { text: string | null; id: string }) {
  return (
    <Show when={props.text}>
      {(t) => (
        <span class="box-reason" id={props.id} role="alert">
          {t()}
        </span>
      )}
    </Show>
  );
}

export function DecomposeView(props: { periodId: string; version: number; periods: { id: string; label: string }[]; onApplied: () => void }) {
  const app = useApp();
  const engine = client.engine();
  const [meta] = createResource(() => ({ p: props.periodId, r: props.version }), (k) => engine.periodMeta(k.p));
  const indicatorId = () => lastIndicator().get(props.periodId) ?? null;
  const setIndicatorId = (id: string) => setLastIndicator((m) => new Map(m).set(props.periodId, id));
  const ind = () => meta()?.indicators.find((i) => i.id === (indicatorId() ?? meta()?.indicators.find((x) => x.annex)?.id));
  const formKey = () => `${app.session()?.workbookId ?? ''}|${props.periodId}|${ind()?.id ?? ''}`;
  // This browser's form; else the one the period remembers the split was applied with.
  const form = (): DecomposeForm => forms.get(formKey(), ind() ? (meta()?.decompositions?.[ind()!.id] as DecomposeForm | undefined) : undefined);
  const update = (patch: Partial<DecomposeForm>) => forms.update(formKey(), patch);
  const totalText = () => form().totalText;
  /** The year plan's task that adds up this indicator (年度计划): its target offered as the city total. */
  const planTask = () => meta()?.plan?.tasks.find((t) => t.indicatorId !== undefined && t.indicatorId === ind()?.id);
  const basis = () => form().basis;
  const setBasis = (b: TargetRule) => update({ basis: b });
  const growth = () => basis() === 'growth';
  /** 设为本期任务数: the preview of the targets a plan changes, then one undoable step. */
  const [targets, setTargets] = createSignal<TargetsPreview | null>(null);
  const previewTargets = async (ask: TargetsAsk) => {
    try {
      const pid = props.periodId;
      setTargets(await app.run(() => engine.targetsPreview(pid, ask)));
    } catch (e) {
      app.fail(e);
    }
  };
  const applyTargets = async (p: TargetsPreview) => {
    try {
      const out = await app.run(() => engine.applyTargets(p.periodId, p.token));
      app.adoptOutcome(out);
      setTargets(null);
      if (out.ok) app.say(`已把 ${p.changeCount} 个单位的任务数设为分解结果，可按 Ctrl+Z 撤销。`);
    } catch (e) {
      app.fail(e);
    }
  };
  /** The scenario just made from this table (said beside the button, with the way to 情景对比). */
  const [applied, setApplied] = createSignal<string | null>(null);
  const source = () => form().source;
  const setSource = (id: string) => update({ source: id });
  /** The weights as typed (unit id → text); the ones the policy refuses are marked at their box and not used. */
  const typed = () => form().typed;
  const weightRead = () => readWeights(basis() === 'typed' ? typed() : {});
  const setWeight = (unitId: string, text: string) => update({ typed: { ...typed(), [unitId]: text } });
  /** Weights pasted by township name, or a lone column by position after a preview (columnPaste.ts). */
  const columnPaste = createColumnPaste(app, engine);
  const pasteWeights = (e: ClipboardEvent, from: number, unitId: string) => {
    const box = e.currentTarget as HTMLInputElement;
    const key = formKey();
    const periodId = props.periodId;
    void columnPaste.paste(e, periodId, from, '权重', (values) => {
      forms.update(key, { typed: { ...forms.get(key).typed, ...values } });
      // The box pasted into has the focus, so it is not refreshed by itself: it shows what it now holds.
      if (values[unitId] !== undefined) box.value = values[unitId]!;
    });
  };
  /** 全市目标 (the indicator's city target when the box is empty), read by the box policy. */
  const totalRead = () => (ind() ? readAmount(totalText().trim() || (ind()!.cityTarget === undefined ? '' : formatPlain(ind()!.cityTarget!)), cityTotalRule(ind()!)) : null);
  const totalReason = () => {
    const r = totalRead();
    return r && !r.ok && totalText().trim() !== '' ? r.reason : null;
  };
  const minimumRead = () => (ind() ? readAmount(form().minimumText, minimumRule(ind()!)) : null);
  const minimumReason = () => {
    const r = minimumRead();
    return r && !r.ok ? r.reason : null;
  };
  // By default the weights come from the period before this one (or this one, if it is the first).
  const sourceId = () => {
    const i = props.periods.findIndex((p) => p.id === props.periodId);
    return source() ?? (i > 0 ? props.periods[i - 1]!.id : props.periodId);
  };
  /** Every box readable: the split is asked for; else the boxes say why and nothing is computed. */
  const boxesOk = () => totalRead()?.ok === true && minimumRead()?.ok === true && Object.keys(weightRead().refused).length === 0;
  const [table] = createResource(
    () => {
      const f = form();
      if (!ind()) return null;
      if (f.basis === 'growth') return { p: props.periodId, i: ind()!.id, g: true as const, s: sourceId(), of: f.growthOf, rate: f.rateText, mode: f.rounding, r: props.version };
      return boxesOk() ? { p: props.periodId, i: ind()!.id, g: false as const, t: f.totalText, b: f.basis, s: sourceId(), w: f.typed, m: f.minimumText, r: props.version } : null;
    },
    (k) => (k.g ? engine.growthDecomposition(k.p, k.i, k.s, k.of, k.rate, k.mode) : engine.decomposition(k.p, k.i, k.t, k.b, k.b === 'prevActual' || k.b === 'prevTarget' ? k.s : null, k.w, k.m)),
  );
  /** The split, when there is one to show (not while a box is wrong or the worker refused it). */
  const split = () => (!table.error && (growth() || boxesOk()) ? table() : undefined);
  /** The rows: the split's, or — while it cannot be made — the townships, so weights can still be typed. */
  // Kept, not remade on each read: the page, the pager and the list each read it (40 000 rows at province scale).
  const rows = createMemo(() => split()?.rows ?? (meta()?.units ?? []).map((u) => ({ unitId: u.id, name: u.fullName ?? u.name, weight: 0, target: null as number | null })));
  const [pageOffset, setPageOffset] = createSignal(0);
  /** The page shown, kept within the rows (another indicator or period may have fewer). */
  const rowOffset = () => Math.min(pageOffset(), Math.max(0, Math.floor((rows().length - 1) / ROWS_PER_PAGE) * ROWS_PER_PAGE));
  // The page's rows 50 per frame (a row with a weight box is a few elements more).
  const rowsShown = createProgressiveList(() => rows().slice(rowOffset(), rowOffset() + ROWS_PER_PAGE), 50);

  return (
    <section class="sheet decompose">
      <h2 class="title">目标分解</h2>
      {/* No box before the scheme is here: a figure typed into a box not yet tied to its indicator was lost. */}
      <Show when={meta()} fallback={<p class="muted" data-testid="decompose-loading">正在读取本期的指标和单位……</p>}>
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
              <span class="checked-box">
                <input
                  aria-label="全市目标"
                  class="narrow-input"
                  value={totalText()}
                  aria-invalid={totalReason() !== null}
                  aria-describedby="decompose-total-reason"
                  placeholder={ind()?.cityTarget === undefined ? '如 818' : formatPlain(ind()!.cityTarget!)}
                  onInput={(e) => update({ totalText: e.currentTarget.value })}
                />
                <Reason id="decompose-total-reason" text={totalReason()} />
              </span>
              {ind()?.unit}
            </label>
            <Show when={planTask()}>
              {(t) => (
                <button type="button" title={`年度计划中“${t().name}”的目标`} onClick={() => update({ totalText: targetText(t()) })}>
                  按年度计划：{targetText(t())}
                </button>
              )}
            </Show>
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
              <span class="checked-box">
                <input
                  aria-label="每个单位至少"
                  class="narrow-input"
                  value={form().minimumText}
                  aria-invalid={minimumReason() !== null}
                  aria-describedby="decompose-minimum-reason"
                  placeholder="不限"
                  onChange={(e) => update({ minimumText: e.currentTarget.value })}
                />
                <Reason id="decompose-minimum-reason" text={minimumReason()} />
              </span>
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
        <Show when={!growth() && !boxesOk()}>
          <p class={totalText().trim() === '' && ind()?.cityTarget === undefined ? 'muted' : 'flag'} data-testid="decomposition-problem">
            {totalText().trim() === '' && ind()?.cityTarget === undefined ? '请输入全市目标。' : '有的格子填得不对（见标红处的说明），改正后即按新数分解。'}
          </p>
        </Show>
        <Show when={ind() && (split() || basis() === 'typed')}>
          <h3 class="title">{ind()!.name}目标分解表</h3>
          <Show when={split()}>
            {(t) => (
              <>
                <p class="subtitle" data-testid="decomposition-basis">
                  分解依据：{t().basisLabel}
                </p>
                <Show when={t().note}>
                  <p class="flag" data-testid="decomposition-note">
                    {t().note}
                  </p>
                </Show>
              </>
            )}
          </Show>
          <Pager offset={rowOffset()} pageSize={ROWS_PER_PAGE} rowCount={rows().length} what="个单位" onPage={setPageOffset} />
          <table class="grid" aria-label="目标分解表">
            <thead>
              <tr>
                <th>序号</th>
                <th>乡镇</th>
                <Show when={basis() === 'typed'}>
                  <th class="no-print">权重</th>
                </Show>
                <th>
                  {ind()!.name}({ind()!.unit})
                </th>
              </tr>
            </thead>
            <tbody>
              <Index each={rowsShown()}>
                {(r, k) => (
                  <tr>
                    <td class="num">{rowOffset() + k + 1}</td>
                    <td class="text">{r().name}</td>
                    <Show when={basis() === 'typed'}>
                      <td class="no-print">
                        <EntryBox
                          label={`${r().name} 权重`}
                          column="weight"
                          value={typed()[r().unitId] ?? ''}
                          invalid={weightRead().refused[r().unitId] ?? null}
                          onPaste={(e) => pasteWeights(e, rowOffset() + k, r().unitId)}
                          onCommit={(text) => setWeight(r().unitId, text)}
                        />
                      </td>
                    </Show>
                    <td class="num">{r().target === null || !split() ? '' : formatNumber(r().target!, split()!.decimals)}</td>
                  </tr>
                )}
              </Index>
              <tr class="sum">
                <td colSpan={basis() === 'typed' ? 3 : 2} class="text">
                  合计
                </td>
                <td class="num" data-testid="decomposition-sum">
                  {split() ? formatNumber(split()!.sum, split()!.decimals) : ''}
                </td>
              </tr>
            </tbody>
          </table>
          <Show when={split()}>
            {(t) => (
              <p class="no-print">
                <button
                  type="button"
                  disabled={!t().ready}
                  onClick={async () => {
                    const pid = props.periodId;
                    const total = totalRead();
                    const name = `目标分解：${t().indicatorName} ${formatPlain(growth() || !total?.ok ? t().sum : total.value!)}`;
                    const overrides = Object.fromEntries(t().rows.flatMap((r) => (r.target === null ? [] : [[`${r.unitId}|${ind()!.id}`, { target: r.target }]])));
                    try {
                      const note = `${name}，${growth() ? t().basisLabel : WEIGHT_BASIS_LABELS[basis() as WeightBasis]}`;
                      const made = { indicatorId: ind()!.id, form: form() };
                      const r = await app.run(() => engine.createScenario(pid, name, overrides, note, made));
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
                <button type="button" disabled={!t().ready} onClick={() => void previewTargets({ kind: 'split', indicatorId: ind()!.id, form: form() })}>
                  设为本期任务数
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
            )}
          </Show>
        </Show>
        <Show when={meta()}>{(m) => <DecompositionTableSection periodId={props.periodId} version={props.version} meta={m()} onSetTargets={(ask) => void previewTargets(ask)} />}</Show>
      </Show>
      <Show when={columnPaste.preview()}>{(p) => <ColumnPasteDialog preview={p()} onConfirm={columnPaste.confirm} onCancel={columnPaste.cancel} />}</Show>
      <Show when={targets()}>{(p) => <TargetsDialog preview={p()} onConfirm={() => applyTargets(p())} onCancel={() => setTargets(null)} />}</Show>
    </section>
  );
}
