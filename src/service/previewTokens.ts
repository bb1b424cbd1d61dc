/**
 * What a preview was made from, kept under a token until it is confirmed or dropped: the page sends
 * the token back with 确认 and the worker plans again from what it kept (never from the page's
 * figures). One store for every kind of preview (imports, returns, workbook files, 目标任务): only
 * the newest few of each are kept, and an old token is told as expired, in Chinese.
 */
import { UserError } from '../model';
import { newId } from '../store/repository';

export class PreviewTokens<T> {
  private readonly kept = new Map<string, T>();

  /**
   * `expired` is what the person reads when a token is gone (…已失效，请重新选择文件。); `keep` how
   * many are held at once — few for what is large (a whole workbook file read into memory).
   */
  constructor(
    private readonly prefix: string,
    private readonly expired: string,
    private readonly keep = 8,
  ) {}

  /** A new token for `value`; the oldest beyond `keep` are dropped (a Map keeps insertion order). */
  add(value: T): string {
    const token = newId(this.prefix);
    this.kept.set(token, value);
    while (this.kept.size > this.keep) this.kept.delete(this.kept.keys().next().value!);
    return token;
  }

  /** The kept value, which stays for another look; expired tokens are refused. */
  get(token: string | undefined | null): T {
    const v = token ? this.kept.get(token) : undefined;
    if (v === undefined) throw new UserError(this.expired);
    return v;
  }

  drop(token: string): void {
    this.kept.delete(token);
  }

  get size(): number {
    return this.kept.size;
  }
}
