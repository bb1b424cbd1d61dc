/**
 * What a preview was made from, kept under a token until it is confirmed or dropped: the page sends
 * the token back with 确认 and the worker plans again from what it kept (never from the page's
 * figures). Only the newest few are kept; an old token is told as expired, in Chinese.
 */
import { UserError } from '../model';
import { newId } from '../store/repository';

const KEEP = 8;

export class PreviewTokens<T> {
  private readonly kept = new Map<string, T>();

  /** `what` names the preview in the message for an expired token (目标任务, 报送文件 …). */
  constructor(private readonly what: string) {}

  keep(value: T): string {
    const token = newId('preview');
    this.kept.set(token, value);
    // The oldest go first: a Map keeps insertion order.
    while (this.kept.size > KEEP) this.kept.delete(this.kept.keys().next().value!);
    return token;
  }

  /** The kept value, which stays for another look; expired tokens are refused. */
  get(token: string): T {
    const v = this.kept.get(token);
    if (v === undefined) throw new UserError(`${this.what}预览已失效，请重新操作。`);
    return v;
  }

  /** The kept value, taken (a token is confirmed once). */
  take(token: string): T {
    const v = this.get(token);
    this.kept.delete(token);
    return v;
  }

  drop(token: string): void {
    this.kept.delete(token);
  }
}
