/**
 * 情景对比: what-if variants of the period's targets, edited indicator by indicator and compared
 * with the baseline side by side (total, rank, Δ, the indicator scores that changed).
 */
import { createEffect, createResource, createSignal, For, Index, on, Show } from 'solid-js';
import { EntryBox } from './EntryBox';
import { createColumnPaste } from './columnPaste';
import { ColumnPasteDialog } from './ColumnPasteDialog';
import { formatPlain, formatRate, formatScore, formatTotal } from '../../model/format';
import * as client from '../../worker-client/client';
import { useApp } from '../state/context';
import { download } from '../shared/files';
import { Pager } from '../shared/Pager';
import { TextField } from '../shared/Fields';
import { BOXES } from '../../model';
import type { CompareSortKey } from '../../service/protocol';

type SortKey = CompareSortKey;

/** A number as printed, or nothing. */
const orBlank = (x: number | null, f: (v: number) => string): string => (x === null ? '' : f(x));

/** A name box as wide as its name (Chinese characters count two), so no name is cut. */
const nameSize = (name: string) => Math.min(60, Math.max(16, [...name].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0) + 2));

export function ScenarioView(props: { periodId: string; version: number }) {
  const app = useApp();
  const engine = client.engine();
  /** Targets pasted by township name, or a lone column by position after a preview (columnPaste.ts), as one step. */
  const columnPaste = createColumnPaste(app, engine);
  const applyTargets = (values: Record<string, string>) => {
    const scenarioId = current();
    const indicator = ind();
    if (!scenarioId || !indicator) return;
    void act(async (pid) => app.adoptOutcome(await engine.setScenarioTargets(pid, scenarioId, indicator, values)));
  };
  const pasteTargets = (e: ClipboardEvent, from: number) => void columnPaste.paste(e, props.periodId, from, '情景任务数', applyTargets);
  const key = () => ({ p: props.periodId, r: props.version });
  const [scenarios] = createResource(key, (k) => engine.scenarios(k.p));
  const [selected, setSelected] = createSignal<string | null>(null);
  const current = () => selected() ?? scenarios()?.[0]?.id ?? null;
  const [meta] = createResource(key, (k) => engine.periodMeta(k.p));
  const [indicatorId, setIndicatorId] = createSignal<string | null>(null);
  const ind = () => indicatorId() ?? meta()?.indicators.find((i) => i.annex)?.id ?? meta()?.indicators[0]?.id ?? null;
  // Both tables come a page at a time, sorted in the worker (a province has 40 000 units).
  const [rowsOffset, setRowsOffset] = createSignal(0);
  createEffect(on([current, ind], () => setRowsOffset(0), { defer: true }));
  const [rows] = createResource(() => (current() && ind() ? { ...key(), s: current()!, i: ind()!, o: rowsOffset() } : null), (k) => engine.scenarioIndicator(k.p, k.s, k.i, k.o));
  const [sort, setSort] = createSignal<{ key: SortKey; asc: boolean }>({ key: 'base', asc: true });
  const [compareOffset, setCompareOffset] = createSignal(0);
  /**
   * The scenarios compared with the base, as ticked; untouched, the newest one (six side by side ran
   * off the screen). A scenario made meanwhile (作为情景应用) is the newest, so it is the one shown.
   */
  const [ticked, setTicked] = createSignal<string[] | null>(null);
  const ids = () => {
    const all = (scenarios() ?? []).map((s) => s.id);
    const chosen = ticked()?.filter((id) => all.includes(id));
    return chosen?.length ? chosen : all.slice(-1);
  };
  const tick = (id: string, on: boolean) => {
    const set = new Set(ids());
    if (on) set.add(id);
    else set.delete(id);
    // In the list's order, whatever order they were ticked in.
    setTicked((scenarios() ?? []).map((s) => s.id).filter((x) => set.has(x)));
    setCompareOffset(0);
  };
  const [compare] = createResource(
    () => ({ ...key(), ids: ids(), sort: sort(), o: compareOffset() }),
    (k) => engine.comparePage(k.p, k.ids, k.sort, k.o),
  );
  const [newName, setNewName] = createSignal('');

  /** Run a worker call for this period (read at click time), reporting errors. */
  const act = async (fn: (pid: string) => Promise<unknown>) => {
    const pid = props.periodId;
    try {
      await app.run(() => fn(pid));
    } catch (e) {
      app.say((e as Error).message, 'error');
    }
  };

  const sortBy = (k: SortKey) => {
    setSort((s) => ({ key: k, asc: s.key === k ? !s.asc : true }));
    setCompareOffset(0);
  };
  const arrow = (d: number | null) => (d === null ? '' : d > 0 ? `↑${d}` : d < 0 ? `↓${-d}` : '—');

  return (
    <section class="sheet scenarios">
      <h2 class="title">情景对比</h2>
      <p class="subtitle">在不改动基准数据的前提下试算任务数的调整：每个情景只记录与基准不同的任务数。</p>

      <form
        class="inline-form no-print"
        onSubmit={(e) => {
          e.preventDefault();
          const name = newName().trim() || `情景${(scenarios()?.length ?? 0) + 1}`;
          void act(async (pid) => {
            const r = await engine.createScenario(pid, name);
            app.adoptOutcome(r.outcome);
            setSelected(r.id);
            setNewName('');
          });
        }}
      >
        <input aria-label="情景名称" placeholder="情景名称，如：大箕铺镇任务调为15" size={nameSize(newName() || '情景名称，如：大箕铺镇任务调为15')} value={newName()} onInput={(e) => setNewName(e.currentTarget.value)} />
        <button type="submit">新建情景</button>
      </form>

      <Show when={(scenarios() ?? []).length > 0} fallback={<p class="muted">尚无情景。新建一个情景，或在“目标分解”中把分解结果作为情景应用。</p>}>
        <table class="grid small" aria-label="情景列表">
          <thead>
            <tr>
              <th>编辑</th>
              <th>对比</th>
              <th>情景名称</th>
              <th>说明</th>
              <th>调整的任务数</th>
              <th class="no-print">操作</th>
            </tr>
          </thead>
          <tbody>
            <For each={scenarios()}>
              {(s) => (
                <tr>
                  <td>
                    <input type="radio" name="scenario" aria-label={`编辑情景 ${s.name}`} checked={current() === s.id} onChange={() => setSelected(s.id)} />
                  </td>
                  <td>
                    <input type="checkbox" aria-label={`对比情景 ${s.name}`} checked={ids().includes(s.id)} onChange={(e) => tick(s.id, e.currentTarget.checked)} />
                  </td>
                  <td>
                    <TextField
                      box={BOXES.scenarioName}
                      value={s.name}
                      title={s.name}
                      size={nameSize(s.name)}
                      onCommit={(name) => engine.renameScenario(props.periodId, s.id, name).then(app.adoptOutcome)}
                    />
                  </td>
                  <td class="text">{s.note ?? ''}</td>
                  <td class="num">{Object.keys(s.overrides).length}</td>
                  <td class="actions no-print">
                    <button type="button" onClick={() => void act(async (pid) => app.adoptOutcome((await engine.duplicateScenario(pid, s.id)).outcome))}>复制</button>
                    <button type="button" onClick={() => confirm(`删除情景“${s.name}”？（可撤销）`) && void act(async (pid) => app.adoptOutcome(await engine.deleteScenario(pid, s.id)))}>删除</button>
                    <button
                      type="button"
                      onClick={() => confirm(`把情景“${s.name}”的任务数写入基准数据？（可撤销）`) && void act(async (pid) => app.adoptOutcome(await engine.applyScenarioToBaseline(pid, s.id)))}
                    >
                      应用到基准
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>

        <h3>
          编辑情景“{scenarios()?.find((s) => s.id === current())?.name}”的任务数：
          {/* Each option says whether it is chosen: options remade after an edit would otherwise show the first. */}
          <select aria-label="情景指标" value={ind() ?? ''} onChange={(e) => setIndicatorId(e.currentTarget.value)}>
            <For each={meta()?.indicators ?? []}>{(i) => <option value={i.id} selected={i.id === ind()}>{i.name}</option>}</For>
          </select>
        </h3>
        <table class="grid small" aria-label="情景任务数">
          <thead>
            <tr>
              <th>乡镇</th>
              <th>基准任务数</th>
              <th>情景任务数</th>
              <th>实绩数</th>
              <th>基准完成率</th>
              <th>情景完成率</th>
              <th>基准得分</th>
              <th>情景得分</th>
            </tr>
          </thead>
          <tbody>
            <Index each={rows.latest?.rows ?? []}>
              {(r, i) => (
                <tr data-unit={r().unitId}>
                  <td class="text">{r().name}</td>
                  <td class="num">{orBlank(r().baseTarget, formatPlain)}</td>
                  <td>
                    <EntryBox
                      label={`${r().name} 情景任务数`}
                      placeholder="同基准"
                      column="scenario-target"
                      value={orBlank(r().target, formatPlain)}
                      onPaste={(e) => pasteTargets(e, (rows.latest?.offset ?? 0) + i)}
                      onCommit={(text, box) => {
                        // The text goes to the worker as typed: the value policy reads and checks it there.
                        const scenarioId = current()!;
                        const indicator = ind()!;
                        // The row this box shows now (Index keeps the box; its row may change later).
                        const { unitId, target } = r();
                        void act(async (pid) => {
                          try {
                            app.adoptOutcome(await engine.setScenarioTarget(pid, scenarioId, unitId, indicator, text));
                          } catch (err) {
                            box.value = orBlank(target, formatPlain);
                            throw err;
                          }
                        });
                      }}
                    />
                  </td>
                  <td class="num">{orBlank(r().actual, formatPlain)}</td>
                  <td class="num">{orBlank(r().baseRate, formatRate)}</td>
                  <td class="num">{orBlank(r().rate, formatRate)}</td>
                  <td class="num">{orBlank(r().baseScore, formatScore)}</td>
                  <td class="num" classList={{ changed: r().score !== r().baseScore }}>{orBlank(r().score, formatScore)}</td>
                </tr>
              )}
            </Index>
          </tbody>
        </table>
        <Show when={rows.latest}>{(r) => <Pager offset={r().offset} pageSize={r().pageSize} rowCount={r().rowCount} what="个单位" onPage={setRowsOffset} />}</Show>

        <h3>
          与基准对比
          <button
            type="button"
            class="no-print"
            onClick={() => {
              const chosen = ids();
              void act(async (pid) => {
                const out = await engine.exportCompare(pid, chosen);
                download(out.bytes, out.fileName);
              });
            }}
          >
            导出对比
          </button>
        </h3>
        <p class="muted no-print">与基准对比的情景：在上表“对比”一列勾选（默认最新的一个）。</p>
        <div class="table-frame compare-frame">
        <table class="grid small compare" aria-label="情景对比">
          <thead>
            <tr>
              <th class="sortable" onClick={() => sortBy('name')}>乡镇</th>
              <th class="sortable" onClick={() => sortBy('base')}>基准总得分</th>
              <th>基准排名</th>
              <For each={compare.latest?.scenarioNames ?? []}>
                {(n, i) => (
                  <>
                    <th class="sortable" onClick={() => sortBy(`s${i()}`)}>{n} 总得分</th>
                    <th>排名</th>
                    <th>分差</th>
                    <th class="sortable" onClick={() => sortBy(`d${i()}`)}>名次变化</th>
                    <th>变化的指标得分</th>
                  </>
                )}
              </For>
            </tr>
          </thead>
          <tbody>
            <For each={compare.latest?.rows ?? []}>
              {(r) => (
                <tr data-unit={r.unitId}>
                  <td class="text">{r.name}</td>
                  <td class="num">{r.base.total === null ? '数据不全' : formatTotal(r.base.total)}</td>
                  <td class="num">{r.base.rank ?? '—'}</td>
                  <For each={r.scenarios}>
                    {(s) => (
                      <>
                        <td class="num">{s.total === null ? '数据不全' : formatTotal(s.total)}</td>
                        <td class="num">{s.rank ?? '—'}</td>
                        <td class="num" classList={{ up: (s.deltaTotal ?? 0) > 0, down: (s.deltaTotal ?? 0) < 0 }}>{s.deltaTotal === null ? '' : s.deltaTotal > 0 ? `+${formatTotal(s.deltaTotal)}` : formatTotal(s.deltaTotal)}</td>
                        <td class="num" classList={{ up: (s.deltaRank ?? 0) > 0, down: (s.deltaRank ?? 0) < 0 }}>{arrow(s.deltaRank)}</td>
                        <td class="text small-text">{s.changed.map((c) => `${c.name} ${c.from}→${c.to}`).join('；')}</td>
                      </>
                    )}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        </div>
        <Show when={compare.latest}>{(c) => <Pager offset={c().offset} pageSize={c().pageSize} rowCount={c().rowCount} what="个单位" onPage={setCompareOffset} />}</Show>
      </Show>
      <Show when={columnPaste.preview()}>{(p) => <ColumnPasteDialog preview={p()} onConfirm={columnPaste.confirm} onCancel={columnPaste.cancel} />}</Show>
    </section>
  );
}

