/**
 * 规则: the scoring scheme of a period — indicators with points, rule and parameters, units with
 * aliases. Every change is one undoable step.
 */
import { createSignal, For, Show } from 'solid-js';
import { Pager } from './Pager';
import { createProgressiveList } from './progressive';
import { CheckedBox } from './shared/CheckedBox';
import { actionName } from '../engine/text/describe';
import { RULE_KIND_LABELS, actionProblem, defaultRankDual, type Indicator, type PeriodMeta, type Rule, type RuleKind, type Unit } from '../model';
import { formatScore } from '../engine/text/format';
import { parseNumeric } from '../model/numeric';

/** Units listed at a time (a province has 40 000). */
const UNITS_PER_PAGE = 200;

export function RulesView(props: { meta: PeriodMeta; onChange: (meta: PeriodMeta, label: string) => void; onActionName: (name: string) => Promise<void> }) {
  const total = () => props.meta.indicators.reduce((s, i) => s + i.points, 0);
  const [unitOffset, setUnitOffset] = createSignal(0);
  // A page of 200 units with their inputs, shown 50 at a time (one task each).
  const unitsShown = createProgressiveList(() => props.meta.units.slice(unitOffset(), unitOffset() + UNITS_PER_PAGE), 50);
  const change = (label: string, fn: (m: PeriodMeta) => void) => {
    const next = structuredClone(props.meta);
    fn(next);
    props.onChange(next, label);
  };
  const setInd = (i: number, label: string, fn: (ind: Indicator) => void) => change(label, (m) => fn(m.indicators[i]!));
  const setUnit = (i: number, label: string, fn: (u: Unit) => void) => change(label, (m) => fn(m.units[i]!));
  const swap = <T,>(list: T[], i: number, j: number) => {
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j]!, list[i]!];
  };
  const moveRow = (list: 'indicators' | 'units', at: number, d: -1 | 1) => change(list === 'units' ? '调整单位顺序' : '调整指标顺序', (m) => swap(m[list] as unknown[], at, at + d));
  const removeRow = (list: 'indicators' | 'units', at: number, label: string) => {
    if (confirm(`删除${label}及其全部数据？（可撤销）`)) change(`删除${label}`, (m) => m[list].splice(at, 1));
  };
  const num = (s: string) => {
    const n = Number(s);
    return Number.isFinite(n) ? n : null;
  };
  const ruleFor = (kind: RuleKind, points: number): Rule => (kind === 'rankDual' ? defaultRankDual(points) : { kind });
  const newId = (p: string) => `${p}-${Math.random().toString(36).slice(2, 10)}`;

  return (
    <section class="sheet rules">
      <h2 class="title">计分规则</h2>
      <p class="subtitle" data-testid="scheme-points">
        方案总分值 {formatScore(total())} 分；总得分 = 各项得分之和 × 100 ÷ {formatScore(total())}（折算为百分制），四舍五入保留两位小数。
      </p>
      <h3>表头与落款</h3>
      <div class="inline-form no-print heading-fields">
        <label>
          行动名称
          <CheckedBox
            label="行动名称"
            class="action-input"
            value={actionName(props.meta)}
            title={`本年（${props.meta.year}年）各考核期的表名、通报标题和报送模板都用这个名称`}
            check={actionProblem}
            onCommit={(v) => props.onActionName(v)}
          />
        </label>
        <label>
          地区
          <input aria-label="地区" value={props.meta.area} onChange={(e) => change('修改地区', (m) => (m.area = e.currentTarget.value.trim()))} />
        </label>
        <label>
          截至
          <input aria-label="截至" value={props.meta.asOf} placeholder="如 2023 年 3 月 31 日" onChange={(e) => change('修改截至日期', (m) => (m.asOf = e.currentTarget.value.trim()))} />
        </label>
        <label>
          发文单位
          <input
            aria-label="发文单位"
            class="wide-input"
            value={props.meta.issuer ?? ''}
            placeholder="如 大冶市科技创新行动领导小组办公室" title="导出的每张表末尾落款"
            onChange={(e) =>
              change('修改发文单位', (m) => {
                const v = e.currentTarget.value.trim();
                if (v) m.issuer = v;
                else delete m.issuer;
              })
            }
          />
        </label>
      </div>
      <h3>年度计划</h3>
      <div class="inline-form no-print">
        <label>
          <input
            type="checkbox"
            aria-label="截至本期累计"
            checked={!!props.meta.cumulative}
            onChange={(e) =>
              change(e.currentTarget.checked ? '设为截至本期累计' : '取消截至本期累计', (m) => {
                if (e.currentTarget.checked) m.cumulative = true;
                else {
                  delete m.cumulative;
                  delete m.timeShare;
                }
              })
            }
          />
          截至本期累计（任务数为年度任务，实绩数为年初至今，各表对照序时进度）
        </label>
        <Show when={props.meta.cumulative}>
          <label>
            序时进度
            <input
              aria-label="序时进度"
              class="narrow-input"
              value={props.meta.timeShare === undefined ? '' : String(props.meta.timeShare)}
              placeholder={props.meta.month ? `${((props.meta.month * 100) / 12).toFixed(2)}` : String(props.meta.quarter * 25)}
              title="留空按时间计算：一季度 25%，二季度 50%……；月度为月数 ÷ 12。也可按计划填写，如开门红 300 ÷ 818 = 36.67"
              onChange={(e) =>
                change('修改序时进度', (m) => {
                  const p = parseNumeric(e.currentTarget.value.replace(/%$/u, ''));
                  if (p.kind === 'number') m.timeShare = p.value;
                  else delete m.timeShare;
                })
              }
            />
            %
          </label>
        </Show>
      </div>
      <p class="print-only">
        行动名称：{actionName(props.meta)}；地区：{props.meta.area}；截至：{props.meta.asOf}；发文单位：{props.meta.issuer ?? '（未填）'}{props.meta.cumulative ? '；截至本期累计' : ''}
      </p>
      <h3>指标</h3>
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
          <For each={props.meta.indicators}>
            {(ind, i) => (
              <tr>
                <td class="num">{i() + 1}</td>
                <td>
                  <input class="wide" value={ind.name} aria-label="指标名称" onChange={(e) => setInd(i(), '修改指标名称', (x) => (x.name = e.currentTarget.value.trim() || x.name))} />
                </td>
                <td>
                  <input class="narrow" value={ind.unit} aria-label="计量单位" onChange={(e) => setInd(i(), '修改计量单位', (x) => (x.unit = e.currentTarget.value.trim()))} />
                </td>
                <td>
                  <input value={ind.group} aria-label="类别" onChange={(e) => setInd(i(), '修改类别', (x) => (x.group = e.currentTarget.value.trim()))} />
                </td>
                <td>
                  <input
                    class="narrow num"
                    value={ind.points}
                    aria-label="分值"
                    onChange={(e) => {
                      const p = num(e.currentTarget.value);
                      if (p === null || p < 0) return void (e.currentTarget.value = String(ind.points));
                      setInd(i(), `修改分值 ${ind.name}`, (x) => {
                        // Keep the seed's convention (step = 1 % of points) unless it was changed by hand.
                        if (x.rule.kind === 'rankDual' && Math.abs(x.rule.step - x.points / 100) < 1e-12) x.rule.step = p / 100;
                        x.points = p;
                      });
                    }}
                  />
                </td>
                <td>
                  <select value={ind.rule.kind} aria-label="计分方法" onChange={(e) => setInd(i(), `修改计分方法 ${ind.name}`, (x) => (x.rule = ruleFor(e.currentTarget.value as RuleKind, x.points)))}>
                    <For each={Object.entries(RULE_KIND_LABELS)}>{([k, v]) => <option value={k}>{v}</option>}</For>
                  </select>
                </td>
                <td>
                  <Show when={ind.rule.kind === 'rankDual' && ind.rule} fallback={<span class="muted">—</span>}>
                    {(r) => (
                      <span class="params">
                        实绩数占
                        <input
                          class="narrow num"
                          value={r().actualShare * 100}
                          aria-label="实绩数排名所占比例"
                          onChange={(e) => {
                            const v = num(e.currentTarget.value);
                            if (v === null || v < 0 || v > 100) return;
                            setInd(i(), '修改分值拆分', (x) => x.rule.kind === 'rankDual' && (x.rule.actualShare = v / 100));
                          }}
                        />
                        %，每降一名扣
                        <input
                          class="narrow num"
                          value={r().step}
                          aria-label="每降一名扣分"
                          onChange={(e) => {
                            const v = num(e.currentTarget.value);
                            if (v === null || v < 0) return;
                            setInd(i(), '修改扣分步长', (x) => x.rule.kind === 'rankDual' && (x.rule.step = v));
                          }}
                        />
                        分
                      </span>
                    )}
                  </Show>
                </td>
                <td>
                  <input
                    class="narrow num"
                    value={ind.decimals}
                    aria-label="小数位"
                    onChange={(e) => {
                      const v = num(e.currentTarget.value);
                      if (v === null || v < 0 || v > 6) return;
                      setInd(i(), '修改小数位', (x) => (x.decimals = Math.round(v)));
                    }}
                  />
                </td>
                <RowActions what="指标" name={ind.name} onMove={(d) => moveRow('indicators', i(), d)} onRemove={() => removeRow('indicators', i(), `指标“${ind.name}”`)} />
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <p class="no-print">
        <button
          type="button"
          onClick={() =>
            change('添加指标', (m) =>
              m.indicators.push({ id: newId('ind'), name: `新指标${m.indicators.length + 1}`, aliases: [], unit: '', group: '', points: 5, rule: { kind: 'proportional' }, decimals: 2, padDecimals: false }),
            )
          }
        >
          添加指标
        </button>
      </p>

      <h3>单位</h3>
      <Pager offset={unitOffset()} pageSize={UNITS_PER_PAGE} rowCount={props.meta.units.length} what="个单位" onPage={setUnitOffset} />
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
              return (
              <tr>
                <td class="num">{i() + 1}</td>
                <td>
                  <input value={u.name} aria-label="单位简称" onChange={(e) => setUnit(i(), '修改单位名称', (x) => (x.name = e.currentTarget.value.trim() || x.name))} />
                </td>
                <td>
                  <input
                    value={u.fullName ?? ''}
                    aria-label="单位全称"
                    onChange={(e) =>
                      setUnit(i(), '修改单位全称', (x) => {
                        const v = e.currentTarget.value.trim();
                        if (v) x.fullName = v;
                        else delete x.fullName;
                      })
                    }
                  />
                </td>
                <td>
                  <input
                    class="wide"
                    value={u.aliases.join('，')}
                    aria-label="单位别名"
                    onChange={(e) => setUnit(i(), '修改单位别名', (x) => (x.aliases = e.currentTarget.value.split(/[,，、;；]/).map((s) => s.trim()).filter(Boolean)))}
                  />
                </td>
                <RowActions what="单位" name={u.name} onMove={(d) => moveRow('units', i(), d)} onRemove={() => removeRow('units', i(), `单位“${u.name}”`)} />
              </tr>
              );
            }}
          </For>
        </tbody>
      </table>
      <p class="no-print">
        <button type="button" onClick={() => change('添加单位', (m) => m.units.push({ id: newId('unit'), name: `新单位${m.units.length + 1}`, aliases: [] }))}>添加单位</button>
      </p>
    </section>
  );
}

/** ↑ ↓ 删除 for one row of the rule editor. */
function RowActions(props: { what: string; name: string; onMove: (d: -1 | 1) => void; onRemove: () => void }) {
  return (
    <td class="no-print actions">
      <button type="button" title={`上移${props.what}`} onClick={() => props.onMove(-1)}>
        ↑
      </button>
      <button type="button" title={`下移${props.what}`} onClick={() => props.onMove(1)}>
        ↓
      </button>
      <button type="button" title={`删除${props.what}“${props.name}”`} onClick={() => props.onRemove()}>
        删除
      </button>
    </td>
  );
}
