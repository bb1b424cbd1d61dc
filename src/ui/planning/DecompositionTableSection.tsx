/**
 * The 目标分解表 of several indicators at once (seed 001's table): pick the indicators and where
 * their targets come from (each one's latest 目标分解, a scenario, or the period's own 任务数), then
 * see it, print it alone, or export it styled like the plan's table.
 */
import { createResource, createSignal, For, onMount, Show } from 'solid-js';
import * as v from 'valibot';
import { preference } from '../shared/preference';
import { formatNumber } from '../../model/format';
import type { PeriodMeta } from '../../model';
import type { TargetsAsk } from '../../service/protocol';
import * as client from '../../worker-client/client';
import { useApp } from '../state/context';
import { download } from '../shared/files';
import { createProgressiveList } from '../shared/progressive';
import { Pager } from '../shared/Pager';
import { TextField } from '../shared/Fields';
import { BOXES } from '../../model';
import { loadForm } from './decompositionForm';

/** Money units a column may be printed in (the figures are converted by moving the decimal point). */
const MONEY_UNITS = ['元', '万元', '亿元'] as const;
/** Rows asked for and shown at a time: a province's 40 000 were sent and drawn whole (seconds of layout). */
const ROWS_PER_PAGE = 200;

type Layout = NonNullable<PeriodMeta['decompositionTable']>;
const EMPTY_LAYOUT: Layout = { ids: null, source: 'decompositions', title: '', display: {}, order: [], orderFrom: '', date: '' };

/** A title typed and not yet kept in the workbook, per workbook and period. */
const titleDrafts = preference('decomposition-title-draft', v.pipe(v.string(), v.maxLength(1000)));

/** A form this browser kept before the layout was part of the workbook (decompositionForm.ts): read once, as a start. */
function fromBrowser(periodId: string): Layout | null {
  const f = loadForm(periodId);
  if (!f) return null;
  return { ids: f.ids, source: f.source, title: f.title, display: (f.layout.display ?? {}) as Layout['display'], order: f.layout.order ?? [], orderFrom: f.orderFrom, date: f.layout.date ?? '' };
}

export function DecompositionTableSection(props: { periodId: string; version: number; meta: PeriodMeta; onSetTargets: (ask: TargetsAsk) => void }) {
  const app = useApp();
  const engine = client.engine();
  /** The layout as the workbook holds it (undo, versions and the workbook file keep it). */
  const form = (): Layout => props.meta.decompositionTable ?? fromBrowser(props.periodId) ?? EMPTY_LAYOUT;
  /** A change of the layout: one undoable step through the worker (refused at its box when the box is wrong). */
  const update = (patch: Partial<Layout>, label = '修改目标分解表') => {
    const seen = { ...props.meta, decompositionTable: form() };
    return app.setMetaAtBox(props.periodId, { ...seen, decompositionTable: { ...form(), ...patch } }, label, props.version, seen);
  };
  const act = (patch: Partial<Layout>, label?: string) => void update(patch, label).catch(app.fail);
  const setDisplay = (id: string, unit: (typeof MONEY_UNITS)[number], decimals: number) => {
    const display = { ...form().display };
    const own = props.meta.indicators.find((i) => i.id === id)?.unit;
    if (unit === own) delete display[id];
    else display[id] = { unit, decimals };
    act({ display }, '修改分解表显示单位');
  };
  /** The plan's 乡镇 column pasted: its order for the rows (matched by name, aliases included). */
  const pasteOrder = async (e: ClipboardEvent) => {
    e.preventDefault();
    const text = e.clipboardData?.getData('text/plain') ?? '';
    try {
      const got = await engine.readUnitOrder(props.periodId, text);
      if (!got.unitIds.length) return app.say('粘贴的内容中没有认出任何乡镇名称，行顺序未改。', 'warn');
      await update({ order: got.unitIds, orderFrom: `按粘贴的名单（${got.unitIds.length} 个单位）` }, '分解表行顺序');
      const notes = [got.unknown.length ? `不认识的名称 ${got.unknown.join('、')}` : '', got.missing.length ? `名单中没有 ${got.missing.join('、')}（排在最后）` : ''].filter(Boolean);
      app.say(`行顺序已按粘贴的名单排列。${notes.join('；')}${notes.length ? '。' : ''}`, notes.length ? 'warn' : 'info');
    } catch (err) {
      app.fail(err);
    }
  };
  /**
   * The title as it is typed, over the table, before it is kept (a pause, Enter or leaving the box).
   * Each keystroke is also held in this browser, so a tab closed right after typing loses nothing:
   * the next visit keeps what was held.
   */
  const [typingTitle, setTypingTitle] = createSignal<string | null>(null);
  const draftKey = () => `${app.session()?.workbookId ?? ''}|${props.periodId}`;
  const typeTitle = (text: string) => {
    setTypingTitle(text);
    titleDrafts.write(draftKey(), text);
  };
  const keepTitle = (title: string) => {
    const key = draftKey();
    return update({ title }, '修改分解表表名').finally(() => {
      setTypingTitle(null);
      titleDrafts.remove(key);
    });
  };
  onMount(() => {
    const held = titleDrafts.read(draftKey());
    if (held === undefined) return;
    if (held.trim() === form().title) titleDrafts.remove(draftKey());
    else void keepTitle(held.trim()).catch(() => undefined);
  });
  const layoutOf = (f: Layout) => ({ display: f.display, order: f.order, date: f.date });
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
    act({ ids: props.meta.indicators.map((i) => i.id).filter((x) => set.has(x)) }, '选择分解表指标');
  };
  const [pageOffset, setPageOffset] = createSignal(0);
  const [table] = createResource(
    () => (ids().length ? { p: props.periodId, v: props.version, ids: ids(), s: form().source, t: typingTitle() ?? form().title, l: layoutOf(form()), o: pageOffset() } : null),
    (k) => engine.decompositionTable(k.p, k.ids, k.s, k.t, k.l, { offset: k.o, size: ROWS_PER_PAGE }),
  );
  /** The table's page, or undefined while reading or when it could not be made (the error is shown instead). */
  const ok = () => (table.error ? undefined : table());
  // The page's rows 50 per frame.
  const rows = createProgressiveList(() => ok()?.rows ?? [], 50);
  const exportIt = async () => {
    try {
      const pid = props.periodId;
      const f = form();
      const chosen = ids();
      const out = await app.run(() => engine.exportDecompositionTable(pid, chosen, f.source, f.title, layoutOf(f)));
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
              <Show when={ids().includes(i.id) && (MONEY_UNITS as readonly string[]).includes(i.unit)}>
                <select
                  aria-label={`${i.name} 显示单位`}
                  value={form().display[i.id]?.unit ?? i.unit}
                  onChange={(e) => setDisplay(i.id, e.currentTarget.value as (typeof MONEY_UNITS)[number], e.currentTarget.value === '亿元' ? 2 : i.decimals)}
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
          <select aria-label="任务数来自" onChange={(e) => act({ source: e.currentTarget.value }, '修改分解表任务数来源')}>
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
          <TextField
            box={BOXES.decompositionTitle}
            class="wide-input"
            value={form().title}
            placeholder={ok()?.title ?? ''}
            onType={typeTitle}
            keepAfterMs={800}
            onCommit={keepTitle}
          />
        </label>
        <label>
          日期
          <TextField box={BOXES.decompositionDate} class="narrow-input" value={form().date} placeholder="如 2024年1月" onCommit={(date) => update({ date }, '修改分解表日期')} />
        </label>
        <label>
          行顺序
          <input aria-label="行顺序" class="wide-input" readOnly value={form().orderFrom || '本工作簿的顺序'} title="从计划表中复制“乡镇”一列，粘贴到此处，即按计划表的顺序排列" onPaste={(e) => void pasteOrder(e)} />
        </label>
        <Show when={form().orderFrom}>
          <button type="button" onClick={() => act({ order: [], orderFrom: '' }, '分解表恢复本工作簿顺序')}>
            恢复本工作簿顺序
          </button>
        </Show>
        <button type="button" disabled={!ok()} onClick={() => void exportIt()}>
          导出 Excel
        </button>
        <button type="button" disabled={!ok()} title="把表中各指标的任务数设为本期任务数（先列出每一处修改，确认后一步完成，可撤销）" onClick={() => props.onSetTargets({ kind: 'table', indicatorIds: ids(), source: form().source })}>
          设为本期任务数
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
            <Pager offset={t().offset} pageSize={ROWS_PER_PAGE} rowCount={t().rowCount} what="个单位" onPage={setPageOffset} />
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
