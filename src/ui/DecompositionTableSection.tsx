/**
 * The 目标分解表 of several indicators at once (seed 001's table): pick the indicators and where
 * their targets come from (each one's latest 目标分解, a scenario, or the period's own 任务数), then
 * see it, print it alone, or export it styled like the plan's table.
 */
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { formatNumber } from '../engine/text/format';
import type { PeriodMeta } from '../model';
import * as client from '../worker-client/client';
import { useApp } from './context';
import { download } from './files';
import { createProgressiveList } from './progressive';
import { FieldBox } from './FieldBox';
import { EMPTY_FORM, loadForm, saveForm, type MultiForm } from './decompositionForm';

/** Money units a column may be printed in (the figures are converted by moving the decimal point). */
const MONEY_UNITS = ['元', '万元', '亿元'];
/** Per period, read once from localStorage (see decompositionForm.ts), kept there as it changes. */
const forms = new Map<string, MultiForm>();

export function DecompositionTableSection(props: { periodId: string; version: number; meta: PeriodMeta }) {
  const app = useApp();
  const engine = client.engine();
  const [tick, setTick] = createSignal(0);
  const form = (): MultiForm => {
    tick();
    if (!forms.has(props.periodId)) forms.set(props.periodId, loadForm(props.periodId) ?? EMPTY_FORM);
    return forms.get(props.periodId)!;
  };
  const setDisplay = (id: string, unit: string, decimals: number) => {
    const display = { ...form().layout.display };
    const own = props.meta.indicators.find((i) => i.id === id)?.unit;
    if (unit === own) delete display[id];
    else display[id] = { unit, decimals };
    update({ layout: { ...form().layout, display } });
  };
  /** The plan's 乡镇 column pasted: its order for the rows (matched by name, aliases included). */
  const pasteOrder = async (e: ClipboardEvent) => {
    e.preventDefault();
    const text = e.clipboardData?.getData('text/plain') ?? '';
    try {
      const got = await engine.readUnitOrder(props.periodId, text);
      if (!got.unitIds.length) return app.say('粘贴的内容中没有认出任何乡镇名称，行顺序未改。', 'warn');
      update({ layout: { ...form().layout, order: got.unitIds }, orderFrom: `按粘贴的名单（${got.unitIds.length} 个单位）` });
      const notes = [got.unknown.length ? `不认识的名称 ${got.unknown.join('、')}` : '', got.missing.length ? `名单中没有 ${got.missing.join('、')}（排在最后）` : ''].filter(Boolean);
      app.say(`行顺序已按粘贴的名单排列。${notes.join('；')}${notes.length ? '。' : ''}`, notes.length ? 'warn' : 'info');
    } catch (err) {
      app.fail(err);
    }
  };
  const update = (patch: Partial<MultiForm>) => {
    const next = { ...form(), ...patch };
    forms.set(props.periodId, next);
    saveForm(props.periodId, next);
    setTick((t) => t + 1);
  };
  // The title follows the typing (a pause of 300 ms), not only the box losing focus.
  let titleTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(titleTimer));
  // By default the bulletin's indicators (those with an 附件 table): seed 001's five.
  const ids = () => {
    const known = new Set(props.meta.indicators.map((i) => i.id));
    return (form().ids ?? props.meta.indicators.filter((i) => i.annex).map((i) => i.id)).filter((id) => known.has(id));
  };
  const toggle = (id: string, on: boolean) => {
    const set = new Set(ids());
    if (on) set.add(id);
    else set.delete(id);
    // In the scheme's order, whatever order they were ticked in.
    update({ ids: props.meta.indicators.map((i) => i.id).filter((x) => set.has(x)) });
  };
  const [table] = createResource(
    () => (ids().length ? { p: props.periodId, v: props.version, ids: ids(), s: form().source, t: form().title, l: form().layout } : null),
    (k) => engine.decompositionTable(k.p, k.ids, k.s, k.t, k.l),
  );
  /** The table, or undefined while reading or when it could not be made (the error is shown instead). */
  const ok = () => (table.error ? undefined : table());
  // 100 rows per task: a province's table would otherwise hold the page.
  const rows = createProgressiveList(() => (ok()?.rows ?? []), 100);
  const exportIt = async () => {
    try {
      const pid = props.periodId;
      const { source, title, layout } = form();
      const chosen = ids();
      const out = await app.run(() => engine.exportDecompositionTable(pid, chosen, source, title, layout));
      download(out.bytes, out.fileName);
    } catch (e) {
      app.fail(e);
    }
  };
  // Prints this table alone: the rest of the page is hidden while the print dialog is open.
  const printIt = () => {
    document.body.classList.add('printing-decomposition');
    const done = () => {
      document.body.classList.remove('printing-decomposition');
      window.removeEventListener('afterprint', done);
    };
    window.addEventListener('afterprint', done);
    window.print();
  };

  return (
    <section class="decomp-multi">
      <h3 class="no-print">多指标目标分解表</h3>
      <div class="indicator-picks no-print" role="group" aria-label="分解表指标">
        <span>指标：</span>
        <For each={props.meta.indicators}>
          {(i) => (
            <label>
              <input type="checkbox" checked={ids().includes(i.id)} onChange={(e) => toggle(i.id, e.currentTarget.checked)} />
              {i.name}
              <Show when={ids().includes(i.id) && MONEY_UNITS.includes(i.unit)}>
                <select
                  aria-label={`${i.name} 显示单位`}
                  value={form().layout.display?.[i.id]?.unit ?? i.unit}
                  onChange={(e) => setDisplay(i.id, e.currentTarget.value, e.currentTarget.value === '亿元' ? 2 : i.decimals)}
                >
                  <For each={MONEY_UNITS}>{(u) => <option value={u}>{u}</option>}</For>
                </select>
              </Show>
            </label>
          )}
        </For>
      </div>
      <div class="inline-form no-print">
        <label>
          任务数来自
          <select aria-label="任务数来自" onChange={(e) => update({ source: e.currentTarget.value })}>
            <option value="decompositions" selected={form().source === 'decompositions'}>
              各指标最近一次目标分解（没有的取本期任务数）
            </option>
            <option value="targets" selected={form().source === 'targets'}>
              本期任务数
            </option>
            <For each={props.meta.scenarios ?? []}>
              {(s) => (
                <option value={s.id} selected={form().source === s.id}>
                  情景：{s.name}
                </option>
              )}
            </For>
          </select>
        </label>
        <label>
          表名
          <FieldBox
            label="分解表表名"
            class="wide-input"
            value={form().title}
            placeholder={ok()?.title ?? ''}
            onType={(title) => {
              clearTimeout(titleTimer);
              titleTimer = setTimeout(() => update({ title }), 300);
            }}
            onCommit={(title) => (clearTimeout(titleTimer), update({ title }))}
          />
        </label>
        <label>
          日期
          <input aria-label="分解表日期" class="narrow-input" value={form().layout.date ?? ''} placeholder="如 2024年1月" onChange={(e) => update({ layout: { ...form().layout, date: e.currentTarget.value } })} />
        </label>
        <label>
          行顺序
          <input aria-label="行顺序" class="wide-input" readOnly value={form().orderFrom || '本工作簿的顺序'} title="从计划表中复制“乡镇”一列，粘贴到此处，即按计划表的顺序排列" onPaste={(e) => void pasteOrder(e)} />
        </label>
        <Show when={form().orderFrom}>
          <button type="button" onClick={() => update({ layout: { ...form().layout, order: [] }, orderFrom: '' })}>
            恢复本工作簿顺序
          </button>
        </Show>
        <button type="button" disabled={!ok()} onClick={() => void exportIt()}>
          导出 Excel
        </button>
        <button type="button" disabled={!ok()} onClick={printIt}>
          打印此表
        </button>
      </div>
      <Show when={table.error}>
        <p class="flag" role="alert">
          {(table.error as Error).message}
        </p>
      </Show>
      <Show when={ok()} fallback={
          <Show when={!ids().length}>
            <p class="muted no-print">请至少选择一个指标。</p>
          </Show>
        }
      >
        {(t) => (
          <>
            <h3 class="title" data-testid="multi-decomposition-title">
              {t().title}
            </h3>
            <Show when={t().date}>
              <p class="date-line" data-testid="multi-decomposition-date">
                {t().date}
              </p>
            </Show>
            <p class="subtitle no-print">{t().columns.map((c) => `${c.header}：${c.from}`).join('；')}</p>
            <table class="grid" aria-label="多指标分解表">
              <thead>
                <tr>
                  <th>序号</th>
                  <th>乡镇</th>
                  <For each={t().columns}>{(c) => <th>{c.header}</th>}</For>
                </tr>
              </thead>
              <tbody>
                <For each={rows()}>
                  {(r) => (
                    <tr>
                      <td class="num">{r.no}</td>
                      <td class="text">{r.name}</td>
                      <For each={r.values}>{(v, j) => <td class="num">{v === null ? '' : formatNumber(v, t().columns[j()]!.decimals, t().columns[j()]!.pad)}</td>}</For>
                    </tr>
                  )}
                </For>
                <tr class="sum">
                  <td colSpan={2} class="text">
                    合计
                  </td>
                  <For each={t().sum}>{(v, j) => <td class="num">{v === null ? '' : formatNumber(v, t().columns[j()]!.decimals, false)}</td>}</For>
                </tr>
              </tbody>
            </table>
            <Show when={props.meta.issuer}>
              <p class="issuer">{props.meta.issuer}</p>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
