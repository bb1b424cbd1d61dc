/**
 * The workbook file as a flow: 保存为文件 (the durable copy on the share) and 打开文件 — a changed
 * checksum, values the value policy refuses, replace or open as a copy, and edits found in its
 * 数据 sheets handed to the import previews.
 */
import type { ImportPreview } from '../../app/protocol';
import type { AppState } from '../appState';
import { handOver, progress, type Engine } from '../../worker-client/client';
import { createProgress } from '../ProgressDialog';
import { download, pickedFile } from '../files';

export function createWorkbookFileFlow(app: AppState, engine: Engine, fail: (e: unknown) => void, queuePreviews: (p: ImportPreview[]) => void) {
  /** Saving or opening a province workbook takes seconds: each step is shown with the time so far. */
  const busy = createProgress();
  const saveToFile = async () => {
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
      if (
        info.integrity === 'mismatch' &&
        !confirm(`文件“${f.name}”中的模型数据与保存时的校验码不一致：文件在保存后被改动过（可能有人在 Excel 中修改了隐藏的 _model 工作表）。\n内容已通过格式检查，但无法确认每个数字都是原样。\n确定 = 仍然打开；取消 = 不打开`)
      ) {
        app.say(`没有打开文件“${f.name}”。`, 'info');
        return;
      }
      // Values the policy refuses (a hand-edited model, or a value an older build let in): named, and
      // the file opens only without them, if the person says so.
      if (
        info.refused.length &&
        !confirm(`文件“${f.name}”中有 ${info.refused.length} 个值不符合填报要求：\n${info.refused.slice(0, 5).join('\n')}${info.refused.length > 5 ? '\n……' : ''}\n确定 = 打开文件，这些值留空（打开后可补填）；取消 = 不打开`)
      ) {
        app.say(`没有打开文件“${f.name}”，浏览器中的工作簿保持原样。`, 'info');
        return;
      }
      let mode: 'replace' | 'copy' = 'replace';
      if (info.exists) {
        mode = confirm(`浏览器中已有工作簿“${info.name}”。\n确定 = 用文件中的内容替换它（替换前会自动保存一个版本）\n取消 = 作为副本打开`) ? 'replace' : 'copy';
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


  return { saveToFile, openFile, busy };
}
