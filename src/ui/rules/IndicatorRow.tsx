/** One indicator of the 规则 page: name, measure, group, points, rule and its parameters, decimals. */
import { For, Show } from 'solid-js';
import { BOXES, RULE_KIND_LABELS, defaultRankDual, shiftPoint, type Indicator, type Rule, type RuleKind } from '../../model';
import { NumberField, TextField } from '../shared/Fields';
import { RowActions } from './RowActions';

const ruleFor = (kind: RuleKind, points: number): Rule => (kind === 'rankDual' ? defaultRankDual(points) : { kind });

export function IndicatorRow(props: {
  ind: Indicator;
  no: number;
  set: (label: string, fn: (ind: Indicator) => void) => Promise<void>;
  onMove: (d: -1 | 1) => void;
  onRemove: () => void;
}) {
  const ind = () => props.ind;
  const rankDual = () => (ind().rule.kind === 'rankDual' ? (ind().rule as Extract<Rule, { kind: 'rankDual' }>) : null);
  return (
    <tr>
      <td class="num">{props.no}</td>
      <td>
        <TextField box={BOXES.indicatorName} class="wide" value={ind().name} onCommit={(v) => props.set('修改指标名称', (x) => (x.name = v))} />
      </td>
      <td>
        <TextField box={BOXES.measure} class="narrow" value={ind().unit} onCommit={(v) => props.set('修改计量单位', (x) => (x.unit = v))} />
      </td>
      <td>
        <TextField box={BOXES.group} value={ind().group} onCommit={(v) => props.set('修改类别', (x) => (x.group = v))} />
      </td>
      <td>
        <NumberField
          box={BOXES.points}
          value={ind().points}
          onCommit={(p) =>
            props.set(`修改分值 ${ind().name}`, (x) => {
              // Keep the seed's convention (step = 1 % of points) unless it was changed by hand.
              if (x.rule.kind === 'rankDual' && shiftPoint(x.rule.step, 2) === x.points) x.rule.step = shiftPoint(p!, -2);
              x.points = p!;
            })
          }
        />
      </td>
      <td>
        <select value={ind().rule.kind} aria-label="计分方法" onChange={(e) => void props.set(`修改计分方法 ${ind().name}`, (x) => (x.rule = ruleFor(e.currentTarget.value as RuleKind, x.points))).catch(() => undefined)}>
          <For each={Object.entries(RULE_KIND_LABELS)}>{([k, v]) => <option value={k}>{v}</option>}</For>
        </select>
      </td>
      <td>
        <Show when={rankDual()} fallback={<span class="muted">—</span>}>
          {(r) => (
            <span class="params">
              <span>实绩数占</span>
              <NumberField box={BOXES.actualShare} value={r().actualShare} onCommit={(v) => props.set('修改分值拆分', (x) => x.rule.kind === 'rankDual' && (x.rule.actualShare = v!))} />
              <span>%</span>
              <span>每降一名扣</span>
              <NumberField box={BOXES.step} value={r().step} onCommit={(v) => props.set('修改扣分步长', (x) => x.rule.kind === 'rankDual' && (x.rule.step = v!))} />
              <span>分</span>
            </span>
          )}
        </Show>
      </td>
      <td>
        <NumberField box={BOXES.decimals} value={ind().decimals} onCommit={(v) => props.set('修改小数位', (x) => (x.decimals = v!))} />
      </td>
      <RowActions what="指标" name={ind().name} onMove={props.onMove} onRemove={props.onRemove} />
    </tr>
  );
}
