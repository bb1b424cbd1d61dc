/**
 * The 通报: the draft of §一 from the figures, the document as the person edited it (kept in the
 * period, so versions, files and undo keep it), and the Word file. Saving is one undoable step
 * through the one queue; the Word file is written here, in the worker, with the docx library
 * loaded only then.
 */
import { UserError, bulletinFieldProblem, windowsFileName, type PeriodMeta } from '../model';
import { bulletinDraft } from '../engine/bulletin/draft';
import { bulletinDocument, bulletinPage } from '../engine/bulletin/document';
import { exportBulletinDocx } from '../xlsx/exportBulletinDocx';
import { periodMeta } from '../engine/workbook/commands';
import type { ServiceContext } from './context';
import { change, read } from './api';
import type { BulletinPage, BulletinPatch, BulletinPicture, EditOutcome, FileOut } from './protocol';

const MAX_PICTURES = 30;
const MAX_PICTURE_BYTES = 8 * 1024 * 1024;

/** Pictures sent by the page, checked before they go into a document: PNGs of sane size, a title each. */
function checkedPictures(pictures: unknown): BulletinPicture[] {
  if (!Array.isArray(pictures)) throw new UserError('附图的格式不正确，未导出。');
  if (pictures.length > MAX_PICTURES) throw new UserError(`附图最多 ${MAX_PICTURES} 张，这次有 ${pictures.length} 张，未导出。`);
  return pictures.map((p: Partial<BulletinPicture>, i) => {
    const ok =
      p &&
      typeof p.title === 'string' &&
      p.title.length <= 100 &&
      p.png instanceof Uint8Array &&
      p.png.byteLength <= MAX_PICTURE_BYTES &&
      p.png[0] === 0x89 &&
      p.png[1] === 0x50 &&
      [p.width, p.height].every((n) => Number.isInteger(n) && (n as number) > 0 && (n as number) <= 10_000);
    if (!ok) throw new UserError(`第 ${i + 1} 张附图不是可用的 PNG 图片，未导出。`);
    return p as BulletinPicture;
  });
}

type BulletinEdits = NonNullable<PeriodMeta['bulletin']>;
const FIELDS: (keyof BulletinEdits)[] = ['title', 'recipients', 'body', 'basedOn', 'date'];

export function bulletinApi(ctx: ServiceContext) {
  /** §一 as drafted from the figures (复制全文). */
  function bulletin(periodId: string) {
    const s = ctx.session();
    return bulletinDraft(s.period(periodId), s.result(periodId));
  }

  function documentPage(periodId: string): BulletinPage {
    const s = ctx.session();
    return bulletinPage(s.period(periodId), s.result(periodId));
  }

  /**
   * Keep what the person changed of the 通报: a patch over what is kept (so two quick saves from
   * the page, each made before the other's answer, do not undo each other); '' or null removes a
   * field (`body: null` goes back to the draft).
   */
  async function saveBulletin(periodId: string, patch: BulletinPatch, label: string): Promise<EditOutcome> {
    const s = ctx.session();
    const meta = periodMeta(s.period(periodId));
    const next: BulletinEdits = { ...meta.bulletin };
    for (const k of FIELDS) {
      if (!(k in patch)) continue;
      const v = patch[k];
      const why = typeof v === 'string' ? bulletinFieldProblem(k, v) : null;
      if (why) throw new UserError(`${why}，未保存。`);
      if (typeof v === 'string' && v.trim() !== '') next[k] = k === 'body' || k === 'basedOn' ? v.replace(/\r\n?/g, '\n') : v.trim();
      else delete next[k];
    }
    if ((next.body === undefined) !== (next.basedOn === undefined)) throw new UserError('通报正文与其所依据的草稿不一致，未保存。请刷新后重试。');
    if (Object.keys(next).length) meta.bulletin = next;
    else delete meta.bulletin;
    const out = await s.setMeta(periodId, meta, label);
    return out;
  }

  /** 导出 Word: the 通报 with its 附件 tables, as a .docx. */
  async function exportBulletinWord(periodId: string, pictures: BulletinPicture[] = []): Promise<FileOut> {
    const s = ctx.session();
    const doc = bulletinDocument(s.period(periodId), s.result(periodId));
    return { fileName: windowsFileName(doc.title, 'docx'), bytes: await exportBulletinDocx(doc, checkedPictures(pictures)) };
  }

  return {
    bulletin: read(bulletin),
    bulletinDocument: read(documentPage),
    saveBulletin: change(ctx, saveBulletin),
    exportBulletinWord: read(exportBulletinWord),
  };
}
