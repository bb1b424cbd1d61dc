/**
 * 查找 (Ctrl+F) in the grid: a township by part of its name; typing goes to the first match at or
 * after the row selected, Enter / Shift+Enter to the next / previous one (wrapping), Esc back to the grid.
 */
import { createMemo, createSignal, onMount } from 'solid-js';
import { findRows, nextMatch } from './find';
import type { GridUnit } from '../../app/protocol';

export interface FindBarProps {
  units: GridUnit[];
  /** The row selected now. */
  focusRow: () => number;
  /** Some units are filtered out of the grid (said when nothing is found). */
  filtered: boolean;
  onJump: (row: number) => void;
  onClose: () => void;
}

export function FindBar(props: FindBarProps) {
  const [text, setText] = createSignal('');
  let input: HTMLInputElement | undefined;
  const matches = createMemo(() => findRows(props.units, text()));
  const next = (back = false) => {
    const row = nextMatch(matches(), props.focusRow(), back);
    if (row !== null) props.onJump(row);
  };
  const status = () => {
    if (!text().trim()) return '输入乡镇名称的一部分';
    const m = matches();
    if (!m.length) return props.filtered ? '没有找到（表格已筛选，只在显示的单位中查找）' : '没有找到';
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
        查找乡镇
        <input
          ref={input}
          aria-label="查找乡镇"
          value={text()}
          onInput={(e) => {
            setText(e.currentTarget.value);
            const m = matches();
            const row = m.find((r) => r >= props.focusRow()) ?? m[0];
            if (row !== undefined) props.onJump(row);
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
