/**
 * 查找 (Ctrl+F) in the grid, and 转到 as Excel's 名称框: a township by part of its name, an indicator
 * (its column), or both with a column word ("陈贵镇 研发投入 实绩数"); typing goes to the first match
 * at or after the row selected, Enter / Shift+Enter to the next / previous one (wrapping), Esc back
 * to the grid.
 */
import { createMemo, createSignal, onMount } from 'solid-js';
import { findPlace, nextMatch } from './find';
import type { GridUnit, GridView } from '../../../service/protocol';

export interface FindBarProps {
  units: GridUnit[];
  indicators: GridView['indicators'];
  /** The row selected now. */
  focusRow: () => number;
  /** Some units are filtered out of the grid (said when nothing is found). */
  filtered: boolean;
  /** To a row (null: stay in it) and an indicator's column of that kind (null: stay in the column). */
  onJump: (row: number | null, column: { indicator: number; kind: 'target' | 'actual' | 'rate' | 'score' } | null) => void;
  onClose: () => void;
}

export function FindBar(props: FindBarProps) {
  const [text, setText] = createSignal('');
  let input: HTMLInputElement | undefined;
  const place = createMemo(() => findPlace(props.units, props.indicators, text()));
  const matches = () => place().rows;
  const column = () => {
    const p = place();
    if (p.indicator === null) return null;
    // In a filtered table a lone word is looked for among the townships only: it may name one the
    // filter hides (高新 is 高新区 before it is 高新技术产业产值).
    if (props.filtered && !p.kind && text().trim().split(/[\s·,，]+/u).length === 1) return null;
    return { indicator: p.indicator, kind: p.kind ?? 'target' };
  };
  const next = (back = false) => {
    const row = nextMatch(matches(), props.focusRow(), back);
    if (row !== null || column()) props.onJump(row, column());
  };
  const status = () => {
    if (!text().trim()) return '输入乡镇或指标名称的一部分，如“陈贵镇 研发投入 实绩数”';
    const m = matches();
    const c = column();
    const ind = c ? `指标“${props.indicators[c.indicator]!.name}”` : '';
    if (!m.length) return ind ? `已转到${ind}` : props.filtered ? '没有找到（表格已筛选，只在显示的单位中查找）' : '没有找到';
    const at = m.indexOf(props.focusRow());
    return at >= 0 ? `第 ${at + 1} 个，共 ${m.length} 个` : `共 ${m.length} 个`;
  };
  onMount(() => queueMicrotask(() => {
    input?.focus();
    input?.select();
  }));
  return (
    <div class="find-bar no-print" role="search">
      <label>
        查找 / 转到
        <input
          ref={input}
          aria-label="查找乡镇"
          placeholder="乡镇、指标，或“陈贵镇 研发投入 实绩数”"
          value={text()}
          onInput={(e) => {
            setText(e.currentTarget.value);
            const m = matches();
            const row = m.find((r) => r >= props.focusRow()) ?? m[0];
            if (row !== undefined || column()) props.onJump(row ?? null, column());
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              next(e.shiftKey);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              props.onClose();
            }
          }}
        />
      </label>
      <button type="button" onClick={() => next(true)}>
        上一个
      </button>
      <button type="button" onClick={() => next(false)}>
        下一个
      </button>
      <span class="muted" data-testid="find-status">
        {status()}
      </span>
      <button type="button" aria-label="关闭查找" onClick={() => props.onClose()}>
        ×
      </button>
    </div>
  );
}
