/**
 * 表头与落款 and 年度计划 of the 规则 page: the action's name (for the whole year), the area, the
 * 截至 line, the issuing office, 截至本期累计 and 序时进度 — each box judged by the box policy.
 */
import { Show } from 'solid-js';
import { BOXES, roundQuotient, type PeriodMeta } from '../../model';
import { actionName } from '../../engine/text/describe';
import { NumberField, TextField } from '../shared/Fields';

export interface MetaChange {
  (label: string, fn: (m: PeriodMeta) => void): Promise<void>;
}

export function HeadingFields(props: { meta: PeriodMeta; change: MetaChange; onActionName: (name: string) => Promise<void> }) {
  const optional = (v: string) => (v ? v : undefined);
  return (
    <>
      <h3>表头与落款</h3>
      <div class="inline-form no-print heading-fields">
        <label>
          行动名称
          <TextField
            box={BOXES.action}
            class="action-input"
            value={actionName(props.meta)}
            title={`本年（${props.meta.year}年）各考核期的表名、通报标题和报送模板都用这个名称`}
            onCommit={(v) => props.onActionName(v)}
          />
        </label>
        <label>
          地区
          <TextField box={BOXES.area} value={props.meta.area} onCommit={(v) => props.change('修改地区', (m) => (m.area = v))} />
        </label>
        <label>
          截至
          <TextField box={BOXES.asOf} class="asof-input" value={props.meta.asOf} placeholder="如 2023 年 3 月 31 日" onCommit={(v) => props.change('修改截至日期', (m) => (m.asOf = v))} />
        </label>
        <label>
          发文单位
          <TextField
            box={BOXES.issuer}
            class="wide-input"
            value={props.meta.issuer ?? ''}
            placeholder="如 大冶市科技创新行动领导小组办公室"
            title="导出的每张表末尾落款"
            onCommit={(v) =>
              props.change('修改发文单位', (m) => {
                if (optional(v)) m.issuer = v;
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
              void props.change(e.currentTarget.checked ? '设为截至本期累计' : '取消截至本期累计', (m) => {
                if (e.currentTarget.checked) m.cumulative = true;
                else {
                  delete m.cumulative;
                  delete m.timeShare;
                }
              }).catch(() => undefined)
            }
          />
          截至本期累计（任务数为年度任务，实绩数为年初至今，各表对照序时进度）
        </label>
        <Show when={props.meta.cumulative}>
          <label>
            序时进度
            <NumberField
              box={BOXES.timeShare}
              class="narrow-input"
              value={props.meta.timeShare}
              placeholder={props.meta.month ? BOXES.timeShare.show(roundQuotient(props.meta.month * 100, 12, 2)) : String(props.meta.quarter * 25)}
              title="留空按时间计算：一季度 25%，二季度 50%……；月度为月数 ÷ 12。也可按计划填写，如开门红 300 ÷ 818 = 36.67"
              onCommit={(v) =>
                props.change('修改序时进度', (m) => {
                  if (v === null) delete m.timeShare;
                  else m.timeShare = v;
                })
              }
            />
            %
          </label>
        </Show>
      </div>
    </>
  );
}
