/**
 * 导入 Excel as a flow: the file read in its own cancellable worker (progress shown), the preview,
 * names mapped, 确认导入 or 取消; previews waiting their turn (a workbook file with edits in
 * several periods) are shown one after another.
 */
import { createSignal } from 'solid-js';
import { createProgress } from './ProgressDialog';
import type { ImportPreview } from '../../service/protocol';
import { handOver, ReadCancelled, readInWorker, type Engine } from '../../worker-client/client';
import type { AppState } from '../state/appState';
import { pickedFile } from '../shared/files';
import type { ImportChoices } from './ImportDialog';

export function createImportFlow(app: AppState, engine: Engine, fail: (e: unknown) => void) {
  const [importing, setImporting] = createSignal<{ preview: ImportPreview; periodId: string } | null>(null);
  /** Import previews waiting to be shown (a workbook file with edits in several periods). */
  const [queuedPreviews, setQueuedPreviews] = createSignal<ImportPreview[]>([]);
  // The preview carries the names its unmatched ones can be mapped to: nothing more to ask.
  const showPreview = (preview: ImportPreview) => setImporting({ preview, periodId: preview.periodId });
  const nextPreview = () => {
    const [first, ...rest] = queuedPreviews();
    setQueuedPreviews(rest);
    if (first) showPreview(first);
  };

  /** A file being read: what the reader says it is doing, and how to stop it. */
  const reading = createProgress();
  const onImportFile = async (input: HTMLInputElement) => {
    const f = await pickedFile(input);
    const pid = app.periodId();
    if (!f || !pid) return;
    // The reader hands its facts straight to the engine worker through this channel.
    const channel = new MessageChannel();
    const job = readInWorker(f.bytes, f.name, channel.port1, reading.step);
    reading.start({ title: `正在读取“${f.name}”`, step: '正在读取…', hint: '读取在后台进行，期间可以继续查看；取消不会改动工作簿。', testId: 'import-progress', cancel: job.cancel });
    try {
      await job.promise;
      reading.step('正在与当前考核期比对…');
      showPreview(await engine.previewImport(pid, f.name, handOver(channel.port2), { units: {}, indicators: {} }));
    } catch (e) {
      if (e instanceof ReadCancelled) app.say(`已取消读取“${f.name}”，工作簿未作任何改动。`);
      else fail(e);
    } finally {
      reading.done();
    }
  };
  const remapImport = async (choices: ImportChoices) => {
    const cur = importing();
    if (!cur) return;
    try {
      setImporting({ ...cur, preview: await engine.previewImport(cur.periodId, cur.preview.fileName, null, choices, cur.preview.token) });
    } catch (e) {
      fail(e);
    }
  };
  const confirmImport = async (choices: ImportChoices) => {
    const cur = importing();
    if (!cur) return;
    // The dialog stays, saying it is writing, until the import has landed (a province file takes seconds).
    try {
      const out = await app.applyImport(cur.periodId, cur.preview.token, choices);
      if (out.ok) app.say(`已导入“${cur.preview.fileName}”：${cur.preview.changeCount} 处修改（可撤销）。`);
    } catch (e) {
      fail(e);
    }
    setImporting(null);
    nextPreview();
  };
  const cancelImport = () => {
    const cur = importing();
    if (cur) void engine.discardImport(cur.preview.token);
    setImporting(null);
    nextPreview();
  };


  return {
    importing,
    reading,
    onImportFile,
    remapImport,
    confirmImport,
    cancelImport,
    /** Show these previews one after another (edits found in a workbook file's 数据 sheets). */
    queuePreviews(previews: ImportPreview[]) {
      setQueuedPreviews(previews);
      nextPreview();
    },
  };
}
