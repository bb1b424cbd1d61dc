/**
 * The top bar: workbook and period pickers with their menus, undo/redo, import and export, saving
 * to a file, the save state and print. Rare actions sit in menus so it stays one line at 1366 px.
 */
import { For, Show } from 'solid-js';
import { useApp } from './state/context';
import { WorkbookMenu } from './workbook/WorkbookMenu';

export function TopBar(props: {
  ref?: (el: HTMLElement) => void;
  annexNos: number[];
  onImportFile: (input: HTMLInputElement) => void;
  onExport: (part: string) => Promise<void>;
  onSaveToFile: () => Promise<void>;
  onOpenFile: (input: HTMLInputElement) => void;
  onPeriodDialog: (mode: 'add' | 'move') => void;
  onDeletePeriod: () => void;
}) {
  const app = useApp();
  let periodMenu: HTMLDetailsElement | undefined;
  let moreMenu: HTMLDetailsElement | undefined;
  return (
    <header class="topbar no-print" ref={(el) => props.ref?.(el)}>
      <h1>考核工作簿</h1>
      <Show when={app.session()}>
        {(s) => (
          <>
            <WorkbookMenu session={s()} onOpenFile={(input) => props.onOpenFile(input)} />
            <label>
              <span class="picker-label">考核期</span>
              <select aria-label="考核期" value={app.periodId() ?? ''} onChange={(e) => app.setPeriodId(e.currentTarget.value)}>
                <For each={s().periods}>{(p) => <option value={p.id} selected={p.id === app.periodId()}>{p.label}</option>}</For>
              </select>
            </label>
            {/* Rare actions in a menu: the bar stays one line at 1366 px. */}
            <details class="menu" ref={periodMenu} onClick={(e) => (e.target as HTMLElement).tagName === 'BUTTON' && periodMenu && (periodMenu.open = false)}>
              <summary title="新增、改期、删除考核期">管理</summary>
              <div class="menu-items">
                <button type="button" onClick={() => props.onPeriodDialog('add')}>
                  新增考核期…
                </button>
                <button type="button" disabled={!app.periodId()} onClick={() => props.onPeriodDialog('move')}>
                  改期…
                </button>
                <button type="button" disabled={!app.periodId() || s().periods.length < 2} onClick={() => props.onDeletePeriod()}>
                  删除本考核期…
                </button>
              </div>
            </details>
            <span class="sep" />
            <button type="button" disabled={!s().undoLabel} title={s().undoLabel ? `撤销：${s().undoLabel}（Ctrl+Z）` : '没有可撤销的操作'} onClick={() => void app.undo().catch(() => undefined)}>
              撤销
            </button>
            <button type="button" disabled={!s().redoLabel} title={s().redoLabel ? `重做：${s().redoLabel}（Ctrl+Y）` : '没有可重做的操作'} onClick={() => void app.redo().catch(() => undefined)}>
              重做
            </button>
          </>
        )}
      </Show>
      <span class="sep" />
      <label class="file-button" title="导入完成情况表、考核得分明细、考核结果、目标分解表或指标任务（.xlsx/.xls/.csv）">
        导入 Excel
        <input type="file" accept=".xlsx,.xls,.csv" aria-label="导入 Excel" onChange={(e) => props.onImportFile(e.currentTarget)} />
      </label>
      <button type="button" onClick={() => void props.onExport('all')} title="附件1–6 与考核得分明细，一个文件">
        导出 Excel
      </button>
      <span class="sep" />
      <button type="button" onClick={() => void props.onSaveToFile()} title="把整个工作簿（含规则和版本）保存为一个 Excel 文件，放到共享盘（Ctrl+S）">
        保存为文件
      </button>
      <span class="spacer" />
      <span class={`save-state ${app.saveState()}`} data-testid="save-state" role="status" title={app.session()?.saveError ?? ''} hidden={!app.session()}>
        {app.saveState() === 'saving' ? '保存中…' : app.saveState() === 'unsaved' ? `未保存（${app.session()?.unsaved ?? 0} 处）` : '已保存'}
      </span>
      <Show when={app.saveState() === 'unsaved'}>
        <button type="button" onClick={() => void app.retrySaves().catch(() => undefined)} title={app.session()?.saveError ?? ''}>
          重试保存
        </button>
      </Show>
      <span class="file-state" data-testid="file-state" hidden={!app.session()} title="浏览器只能“尽力保存”数据：清理浏览器数据、重装或换电脑都会丢失。请定期保存为文件放到共享盘（Ctrl+S）。">{app.savedToFile() ? '已存为文件' : '未保存到文件'}</span>
      {/* Less-used: one table on its own, printing (Ctrl+P does it too). */}
      <details class="menu menu-right" ref={moreMenu} onClick={(e) => (e.target as HTMLElement).tagName === 'BUTTON' && moreMenu && (moreMenu.open = false)}>
        <summary title="单独导出一张表、打印">更多</summary>
        <div class="menu-items" role="menu" aria-label="更多">
          <For each={props.annexNos}>
            {(no) => (
              <button type="button" role="menuitem" onClick={() => void props.onExport(`annex${no}`)}>
                单独导出附件{no}
              </button>
            )}
          </For>
          <button type="button" role="menuitem" onClick={() => void props.onExport('ranking')}>
            单独导出附件6 考核结果
          </button>
          <button type="button" role="menuitem" onClick={() => void props.onExport('detail')}>
            单独导出考核得分明细
          </button>
          <button type="button" role="menuitem" onClick={() => window.print()}>
            打印（Ctrl+P）
          </button>
        </div>
      </details>
    </header>
  );
}
