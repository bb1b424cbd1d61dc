import { For } from 'solid-js';
import type { SessionState, WorkbookListItem } from '../../service/protocol';
import { useApp } from '../state/context';

/** Two workbooks of one name (the sample and a file opened on another PC) are told apart by when each was last changed. */
function pickerLabel(w: WorkbookListItem, all: readonly WorkbookListItem[]): string {
  if (all.filter((x) => x.name === w.name).length < 2) return w.name;
  const d = new Date(w.updatedAt);
  return Number.isNaN(d.getTime()) ? w.name : `${w.name}（${d.toLocaleString('zh-CN', { hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })} 修改）`;
}

/** Workbook picker and its operations: new, rename, duplicate, delete, open a saved file. */
export function WorkbookMenu(props: { session: SessionState; onOpenFile: (input: HTMLInputElement) => void }) {
  const app = useApp();
  let menu: HTMLDetailsElement | undefined;
  // Errors are reported by the app state (in Chinese); nothing more to do here.
  const act = (fn: () => Promise<unknown>) => void fn().catch(() => undefined);
  return (
    <>
      <label>
        <span class="picker-label">工作簿</span>
        <select aria-label="工作簿" title={props.session.name} value={props.session.workbookId} onChange={(e) => act(() => app.openWorkbook(e.currentTarget.value))}>
          <For each={app.workbooks()}>{(w) => <option value={w.id} selected={w.id === props.session.workbookId}>{pickerLabel(w, app.workbooks())}</option>}</For>
        </select>
      </label>
      {/* Any choice closes the menu, as a menu should. */}
      <details class="menu" ref={menu} onClick={(e) => (e.target as HTMLElement).tagName === 'BUTTON' && menu && (menu.open = false)}>
        <summary>工作簿操作</summary>
        <div class="menu-items">
          <button
            type="button"
            onClick={() => {
              const name = prompt('新工作簿名称：', '新考核工作簿');
              if (!name) return;
              const copyScheme = confirm('是否沿用当前工作簿的单位、指标和计分规则？\n确定 = 沿用；取消 = 从空白开始');
              act(() => app.createWorkbook(name, copyScheme ? 'scheme' : 'blank'));
            }}
          >
            新建…
          </button>
          <button type="button" onClick={() => act(() => app.createWorkbook('大冶市 2023 年一季度（示例）', 'sample'))}>
            新建示例工作簿
          </button>
          <button
            type="button"
            onClick={() => {
              const name = prompt('重命名工作簿：', props.session.name);
              if (name) act(() => app.renameWorkbook(name));
            }}
          >
            重命名…
          </button>
          <button
            type="button"
            onClick={() => {
              const name = prompt('副本名称：', `${props.session.name}（副本）`);
              if (name) act(() => app.duplicateWorkbook(name));
            }}
          >
            复制…
          </button>
          <button
            type="button"
            onClick={() => {
              const id = props.session.workbookId;
              if (confirm(`删除工作簿“${props.session.name}”？此操作不能撤销。`)) act(() => app.deleteWorkbook(id));
            }}
          >
            删除…
          </button>
          <label class="file-button" title="打开以前“保存为文件”得到的工作簿文件">
            打开文件…
            <input
              type="file"
              accept=".xlsx"
              aria-label="打开文件"
              onChange={(e) => {
                if (menu) menu.open = false;
                props.onOpenFile(e.currentTarget);
              }}
            />
          </label>
        </div>
      </details>
    </>
  );
}
