/**
 * The workbook file as a flow: 保存为文件 (the durable copy on the share) and 打开文件 — a changed
 * checksum, values the value policy refuses, replace or open as a copy, and edits found in its
 * 数据 sheets handed to the import previews.
 */
import type { ImportPreview } from '../../service/protocol';
import type { AppState } from '../state/appState';
import { handOver, progress, type Engine } from '../../worker-client/client';
import { createProgress } from './ProgressDialog';
import { download, pickedFile } from '../shared/files';
import type { OpenChoice } from './OpenFileDialog';
import type { WorkbookFileInfo } from '../../service/protocol';
import { createSignal } from 'solid-js';

/** The open dialog's question while it is asked. */
export interface OpenAsk {
  fileName: string;
  info: WorkbookFileInfo;
  answer: (c: OpenChoice) => void;
}

export function createWorkbookFileFlow(app: AppState, engine: Engine, fail: (e: unknown) => void, queuePreviews: (p: ImportPreview[]) => void) {
  /** Saving or opening a province workbook takes seconds: each step is shown with the time so far. */
  const busy = createProgress();
  const [asking, setAsking] = createSignal<OpenAsk | null>(null);
  const saveToFile = async () => {
    // Ctrl+S pressed again while saving (or opening): one file at a time.
    if (busy.current() || asking()) return;
    busy.start({ title: '正在保存为文件', step: '正在准备…', hint: '保存在后台进行，完成后浏览器会下载该文件。', testId: 'file-progress' });
    try {
      const out = await engine.saveWorkbookFile(progress(busy.step));
      busy.done();
      download(out.bytes, out.fileName);
      app.markSavedToFile(out.revision);
      app.say(`已保存为文件“${out.fileName}”。请把它放到共享盘上，这是工作簿最可靠的副本。`);
    } catch (e) {
      busy.done();
      fail(e);
    }
  };

  const openFile = async (input: HTMLInputElement) => {
    const f = await pickedFile(input);
    if (!f) return;
    busy.start({ title: `正在打开“${f.name}”`, step: '正在读取…', hint: '打开前会逐项核对文件内容；在确认之前，浏览器中的工作簿不会改动。', testId: 'file-progress' });
    try {
      const info = await app.run(() => engine.inspectWorkbookFile(f.name, handOver(f.bytes), progress(busy.step))).finally(busy.done);
      // One dialog of the app says what the file holds and what is wrong with it; 取消 changes nothing.
      const mode = await new Promise<OpenChoice>((resolve) => setAsking({ fileName: f.name, info, answer: resolve }));
      setAsking(null);
      if (!mode) {
        app.say(`没有打开文件“${f.name}”，浏览器中的工作簿保持原样。`, 'info');
        return;
      }
      busy.start({ title: `正在打开“${f.name}”`, step: '正在写入浏览器存储', hint: '写入完成前，浏览器中的工作簿保持原样。', testId: 'file-progress' });
      const opened = await app.openWorkbookFile(info.token, mode, info.integrity === 'mismatch', info.refused.length > 0, busy.step).finally(busy.done);
      const legacy = info.integrity === 'legacy' ? '（此文件由旧版程序保存，没有校验码）' : '';
      const left = info.refused.length ? `其中 ${info.refused.length} 个不符合要求的值已留空。` : '';
      app.say(`已打开文件“${f.name}”：${info.periods.join('、')}，${info.snapshots} 个版本。${legacy}${left}`);
      if (opened.sheetEditPreviews.length) {
        app.say(`文件“${f.name}”的“…数据”工作表中有 ${info.sheetEdits} 处与保存时不同（可能是在 Excel 中改的），已列在导入预览中，确认后才会采用。`, 'warn');
        queuePreviews(opened.sheetEditPreviews);
      }
    } catch (e) {
      fail(e);
    }
  };


  return { saveToFile, openFile, busy, asking };
}
