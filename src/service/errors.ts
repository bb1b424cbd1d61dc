/**
 * No raw exception text reaches a user: a UserError (a Chinese sentence naming the place) passes
 * through; anything else becomes a Chinese sentence with the original folded into `detail`.
 */
import { UserError } from '../model/errors';

export const UNEXPECTED = '操作没有完成：程序遇到了意外的错误。数据没有被改动。请刷新后重试；如果反复出现，请先“保存为文件”，再把下面的技术细节告诉维护人员。';

export function toUserError(e: unknown): UserError {
  if (e instanceof UserError) return e;
  const err = e as { name?: string; message?: string; detail?: string } | null;
  if (err?.name === 'UserError' && typeof err.message === 'string') return new UserError(err.message, err.detail);
  return new UserError(UNEXPECTED, `${err?.name ?? 'Error'}: ${err?.message ?? String(e)}`);
}

/** The same object, each method's errors turned into UserErrors (sync and async alike). */
export function guardAll<T extends Record<string, unknown>>(api: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, fn] of Object.entries(api)) {
    if (typeof fn !== 'function') {
      out[k] = fn;
      continue;
    }
    const guarded = (...args: unknown[]) => {
      let r: unknown;
      try {
        r = (fn as (...a: unknown[]) => unknown).apply(out, args);
      } catch (e) {
        throw toUserError(e);
      }
      return r instanceof Promise ? r.catch((e: unknown) => Promise.reject(toUserError(e))) : r;
    };
    // Keep what the method was declared as (a mutation or a read, see api.ts).
    for (const sym of Object.getOwnPropertySymbols(fn)) (guarded as unknown as Record<symbol, unknown>)[sym] = (fn as unknown as Record<symbol, unknown>)[sym];
    out[k] = guarded;
  }
  return out as T;
}
