/**
 * The grid's right-click menu: where it is open, and what it offers for the selection — 复制, 粘贴,
 * 清除, 向下填充, 填写备注, 设为未出 / 不适用, 求解… — each doing what its shortcut or the formula
 * bar does.
 */
import { createSignal } from 'solid-js';
import type { MenuItem } from './GridContextMenu';
import type { useGridEdits } from './useGridEdits';

export interface MenuActions {
  /** The focused column's field (target, actual, manual) or null for a computed one. */
  field: string | null;
  copy: () => void;
  paste: () => void;
  clear: () => void;
  fillDown: () => void;
  remark: () => void;
  setPending: () => void;
  setNotApplicable: () => void;
  goalSeek: () => void;
}

export function gridMenuItems(a: MenuActions): MenuItem[] {
  const entry = a.field === 'target' || a.field === 'actual';
  return [
    { label: '复制', shortcut: 'Ctrl+C', run: a.copy },
    { label: '粘贴', shortcut: 'Ctrl+V', run: a.paste },
    { label: '清除内容', shortcut: 'Delete', run: a.clear },
    { label: '向下填充', shortcut: 'Ctrl+D', run: a.fillDown },
    { label: '填写备注…', separated: true, disabled: !entry, run: a.remark },
    { label: '设为未出（暂取任务数）', disabled: a.field !== 'actual', run: a.setPending },
    { label: '设为不适用（/）', disabled: !entry, run: a.setNotApplicable },
    { label: '求解…', separated: true, disabled: !entry, run: a.goalSeek },
  ];
}

export interface GridMenuHost {
  field: () => string | null;
  scroller: () => HTMLElement;
  editing: () => boolean;
  edits: ReturnType<typeof useGridEdits>;
  fillDown: () => void;
  message: (text: string) => void;
}

export function useGridMenu(host: GridMenuHost) {
  const [at, setAt] = createSignal<{ x: number; y: number } | null>(null);
  /** Focus a control of the formula bar (the remark box, the 求解 target) once the menu is gone. */
  const formulaBar = (selector: string) => queueMicrotask(() => host.scroller().parentElement?.querySelector<HTMLElement>(selector)?.focus());
  const items = () =>
    gridMenuItems({
      field: host.field(),
      copy: () => {
        host.scroller().focus();
        document.execCommand('copy');
      },
      // The browser lets a page read the clipboard only with permission: if refused, Ctrl+V still works.
      paste: () =>
        void navigator.clipboard
          .readText()
          .then((text) => host.edits.pasteText(text, ''))
          .catch(() => host.message('浏览器不允许从菜单读取剪贴板，请按 Ctrl+V 粘贴。')),
      clear: host.edits.clearSelection,
      fillDown: host.fillDown,
      remark: () => formulaBar('.formula-bar .remark input'),
      setPending: () => host.edits.setAll('未出', ['actual'], '设为未出'),
      setNotApplicable: () => host.edits.setAll('/', ['target', 'actual'], '设为不适用'),
      goalSeek: () => formulaBar('.formula-bar select[aria-label="求解目标"]'),
    });
  return {
    at,
    items,
    close: () => setAt(null),
    /** On a grid cell (not in an open editor): the app's menu instead of the browser's. */
    open: (e: MouseEvent) => {
      if (!(e.target as HTMLElement).closest('[role=gridcell]') || host.editing()) return;
      e.preventDefault();
      setAt({ x: e.clientX, y: e.clientY });
    },
  };
}
