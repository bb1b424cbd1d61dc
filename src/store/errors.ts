/**
 * IndexedDB failures in words staff can act on. The raw text ("The quota has been exceeded.")
 * is kept as the folded detail, never shown as the message.
 */
import { UserError } from '../model/errors';

const MESSAGES: Record<string, string> = {
  QuotaExceededError: '浏览器存储空间已满，修改没能写入。请关闭其他网页、清理浏览器中不需要的数据后重试，并先点“保存为文件”留一份副本。',
  InvalidStateError: '浏览器存储连接已关闭（可能在另一窗口中升级了程序或清除了浏览器数据）。请刷新本页。',
  AbortError: '写入浏览器存储时被中止，修改没能写入。',
  DataCloneError: '数据中有无法保存的内容，修改没能写入。',
  DataError: '数据中有无法保存的内容，修改没能写入。',
  ConstraintError: '浏览器存储中已有相同编号的记录，修改没能写入。',
  VersionError: '浏览器中的数据由更新版本的程序写入，本程序不能修改它。',
  UnknownError: '浏览器存储出现未知错误（可能是磁盘已满或文件损坏），修改没能写入。',
  NotFoundError: '浏览器存储中缺少所需的部分，请刷新本页。',
};

/** A UserError for any failure of a storage operation (a UserError passes through unchanged). */
export function storageError(e: unknown): UserError {
  if (e instanceof UserError) return e;
  const err = e as { name?: string; message?: string } | null;
  const name = err?.name ?? '';
  const detail = `${name}: ${err?.message ?? String(e)}`;
  return new UserError(MESSAGES[name] ?? '写入浏览器存储失败，修改没能写入。', detail);
}

/** A record another page changed so it can no longer be read: reload (it is set aside, named), then write again. */
export class DamagedRecordError extends UserError {}

/** What a write was for is gone (the workbook or period deleted in another window): retrying cannot help. */
export class GoneError extends UserError {}
