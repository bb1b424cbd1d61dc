/**
 * 规则: the scoring scheme of a period — the headings, indicators with points, rule and parameters,
 * units with aliases. Every box is judged where it is typed (the box policy, model/boxes.ts) and
 * again in the worker; every change is one undoable step.
 */
import { createSignal, For } from 'solid-js';
import { Pager } from '../shared/Pager';
import { createProgressiveList } from '../shared/progressive';
import type { Indicator, PeriodMeta, Unit } from '../../model';
import { formatScore } from '../../model/format';
import { HeadingFields } from './HeadingFields';
import { IndicatorRow } from './IndicatorRow';
import { UnitRow } from './UnitRow';
import { actionName } from '../../engine/text/describe';

/** Units listed at a time (a province has 40 000). */
const UNITS_PER_PAGE = 200;

export function RulesView(props: { meta: PeriodMeta; onChange: (meta: PeriodMeta, label: string) => Promise<void>; onActionName: (name: string) => Promise<void>; onFail: (e: unknown) => void }) {
  const total = () => props.meta.indicators.reduce((s, i) => s + i.points, 0);
  const [unitOffset, setUnitOffset] = createSignal(0);
  // The indicators (ten boxes a row) and a page of 200 units with their boxes, a few rows per frame,
  // the units after the indicators: the page drawn at once was one 50–70 ms frame of layout.
  const indicatorsShown = createProgressiveList(() => props.meta.indicators, 7);
  const unitsShown = createProgressiveList(() => (indicatorsShown().length < props.meta.indicators.length ? [] : props.meta.units.slice(unitOffset(), unitOffset() + UNITS_PER_PAGE)), 25);
  /** The scheme with one change: sent as a whole, refused (and the reason shown at the box) or taken. */
  const change = (label: string, fn: (m: PeriodMeta) => void): Promise<void> => {
    const next = structuredClone(props.meta);
    fn(next);
    return props.onChange(next, label);
  };
  /** A change from a button (no box to show a refusal at): told as a notice. */
  const act = (label: string, fn: (m: PeriodMeta) => void) => void change(label, fn).catch(props.onFail);
  const setInd = (i: number, label: string, fn: (ind: Indicator) => void) => change(label, (m) => fn(m.indicators[i]!));
  const setUnit = (i: number, label: string, fn: (u: Unit) => void) => change(label, (m) => fn(m.units[i]!));
  const swap = <T,>(list: T[], i: number, j: number) => {
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j]!, list[i]!];
  };
  const moveRow = (list: 'indicators' | 'units', at: number, d: -1 | 1) => act(list === 'units' ? '调整单位顺序' : '调整指标顺序', (m) => swap(m[list] as unknown[], at, at + d));
  const removeRow = (list: 'indicators' | 'units', at: number, label: string) => {
    if (confirm(`删除${label}及其全部数据？（可撤销）`)) act(`删除${label}`, (m) => m[list].splice(at, 1));
  };
  const newId = (p: string) => `${p}-${Math.random().toString(36).slice(2, 10)}`;

  return (
    <section class="sheet rules">
      <h2 class="title">计分规则</h2>
      <p class="subtitle" data-testid="scheme-points">
        方案总分值 {formatScore(total())} 分；总得分 = 各项得分之和 × 100 ÷ {formatScore(total())}（折算为百分制），四舍五入保留两位小数。
      </p>
      <HeadingFields meta={props.meta} change={change} onActionName={props.onActionName} />
      <p class="print-only">
        行动名称：{actionName(props.meta)}；地区：{props.meta.area}；截至：{props.meta.asOf}；发文单位：{props.meta.issuer ?? '（未填）'}{props.meta.cumulative ? '；截至本期累计' : ''}
      </p>
      <h3>指标</h3>
      <div class="table-frame">
        <table class="grid rules-table" aria-label="指标与规则">
          <thead>
            <tr>
              <th>序号</th>
              <th>指标名称</th>
              <th>计量单位</th>
              <th>类别</th>
              <th>分值</th>
              <th>计分方法</th>
              <th>参数</th>
              <th>小数位</th>
              <th class="no-print">操作</th>
            </tr>
          </thead>
          <tbody>
            <For each={indicatorsShown()}>
              {(ind, i) => (
                <IndicatorRow ind={ind} no={i() + 1} set={(label, fn) => setInd(i(), label, fn)} onMove={(d) => moveRow('indicators', i(), d)} onRemove={() => removeRow('indicators', i(), `指标“${ind.name}”`)} />
              )}
            </For>
          </tbody>
        </table>
      </div>
      <p class="no-print">
        <button
          type="button"
          onClick={() =>
            act('添加指标', (m) =>
              m.indicators.push({ id: newId('ind'), name: `新指标${m.indicators.length + 1}`, aliases: [], unit: '', group: '', points: 5, rule: { kind: 'proportional' }, decimals: 2, padDecimals: false }),
            )
          }
        >
          添加指标
        </button>
      </p>

      <h3>单位</h3>
      <Pager offset={unitOffset()} pageSize={UNITS_PER_PAGE} rowCount={props.meta.units.length} what="个单位" onPage={setUnitOffset} />
      <div class="table-frame">
        <table class="grid rules-table" aria-label="单位">
          <thead>
            <tr>
              <th>序号</th>
              <th>简称（排名用）</th>
              <th>全称（表格用）</th>
              <th>别名（逗号分隔，导入时识别）</th>
              <th class="no-print">操作</th>
            </tr>
          </thead>
          <tbody>
            <For each={unitsShown()}>
              {(u, k) => {
                const i = () => unitOffset() + k();
                return <UnitRow unit={u} no={i() + 1} set={(label, fn) => setUnit(i(), label, fn)} onMove={(d) => moveRow('units', i(), d)} onRemove={() => removeRow('units', i(), `单位“${u.name}”`)} />;
              }}
            </For>
          </tbody>
        </table>
      </div>
      <p class="no-print">
        <button type="button" onClick={() => act('添加单位', (m) => m.units.push({ id: newId('unit'), name: `新单位${m.units.length + 1}`, aliases: [] }))}>
          添加单位
        </button>
      </p>
    </section>
  );
}
