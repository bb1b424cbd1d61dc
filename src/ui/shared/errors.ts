/**
 * What a person reads when something fails: the Chinese sentence of a UserError (the worker sends
 * nothing else), or for anything unexpected on the page a Chinese sentence with the raw text
 * folded away as detail.
 */
export interface UserMessage {
  message: string;
  detail?: string;
}

const UNEXPECTED = '操作没有完成：页面遇到了意外的错误。请刷新后重试；如果反复出现，请先“保存为文件”，再把技术细节告诉维护人员。';

export function userMessage(e: unknown): UserMessage {
  const err = e as { name?: unknown; message?: unknown; detail?: unknown } | null;
  if (err?.name === 'UserError' && typeof err.message === 'string') return { message: err.message, ...(typeof err.detail === 'string' ? { detail: err.detail } : {}) };
  const raw = err && typeof err === 'object' ? `${String(err.name ?? 'Error')}: ${String(err.message ?? '')}` : String(e);
  return { message: UNEXPECTED, detail: raw };
}
