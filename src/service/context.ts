/**
 * What the worker's domain modules (workbooks, editing, files, what-if) share: the database, the
 * open workbook, the one queue every change goes through, the channel to other tabs and the
 * page's event listener.
 */
import { UserError } from '../model/errors';
import { NewerDatabaseError, SCRATCH_DB_NAME, openKaoheDB, type KaoheDatabase } from '../store/db';
import { newId } from '../store/repository';
import { createQueue, type Queue } from './queue';
import { WorkbookSession } from './session';
import type { WorkerEvent } from './protocol';

export interface ChannelLike {
  postMessage(msg: unknown): void;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export interface ServiceOptions {
  indexedDB?: IDBFactory;
  channel?: ChannelLike | null;
  /** Delays before retrying a failed write, in ms (the last one repeats). */
  retryDelays?: number[];
}

export type ChangedMessage = { type: 'changed'; workbookId: string; revision: number; from: string };

export class ServiceContext {
  readonly instance = newId('tab');
  readonly queue: Queue = createQueue();
  private database: KaoheDatabase | null = null;
  private closedWhy: string | null = null;
  private current: WorkbookSession | null = null;
  private listener: ((ev: WorkerEvent) => void) | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryCount = 0;

  constructor(readonly options: ServiceOptions) {}

  /**
   * Why the browser's own data is not used (written by a newer build), or null. This build then
   * works in a workspace of its own and never touches that data.
   */
  storageRefused: string | null = null;

  async openDb(): Promise<KaoheDatabase> {
    const events = { onClosed: (why: string) => (this.closedWhy = why) };
    if (!this.database) {
      try {
        this.database = await openKaoheDB(this.options.indexedDB, events);
      } catch (e) {
        if (!(e instanceof NewerDatabaseError)) throw e;
        this.storageRefused = e.message;
        this.database = await openKaoheDB(this.options.indexedDB, events, SCRATCH_DB_NAME);
      }
    }
    return this.database;
  }

  db(): KaoheDatabase {
    if (this.closedWhy) throw new UserError(`${this.closedWhy}，本窗口已停止保存。请刷新本页。`);
    if (!this.database) throw new UserError('浏览器存储尚未打开。');
    return this.database;
  }

  get hasSession(): boolean {
    return this.current !== null;
  }

  session(): WorkbookSession {
    if (!this.current) throw new UserError('尚未打开工作簿。');
    return this.current;
  }

  setSession(s: WorkbookSession | null): void {
    this.current = s;
  }

  listen(cb: (ev: WorkerEvent) => void): void {
    this.listener = cb;
  }

  emit(ev: WorkerEvent): void {
    try {
      this.listener?.(ev);
    } catch {
      /* the page went away */
    }
  }

  /** Tell other tabs a commit landed. */
  announce(): void {
    const s = this.current;
    if (this.options.channel && s) this.options.channel.postMessage({ type: 'changed', workbookId: s.workbook.id, revision: s.revision, from: this.instance } satisfies ChangedMessage);
  }

  /** After a change: announce it, and schedule a retry if a write failed. */
  afterChange(): void {
    const s = this.current;
    if (!s) return;
    this.announce();
    if (s.unsaved > 0) this.scheduleRetry();
    else this.retryCount = 0;
  }

  /** A failed write is retried in the queue, with growing delays, until it lands. */
  scheduleRetry(): void {
    if (this.retryTimer) return;
    const delays = this.options.retryDelays ?? [2000, 5000, 10000, 30000];
    const delay = delays[Math.min(this.retryCount, delays.length - 1)]!;
    this.retryCount++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.queue.run(() => this.retry());
    }, delay);
    (this.retryTimer as { unref?: () => void }).unref?.();
  }

  /** An edit answered from memory: its write runs as the queue's next task, and the page is told. */
  writeSoon(): void {
    void this.queue.run(() => this.write('edit')).catch(() => undefined);
  }

  /** Write what is unsaved now, as an edit's write would (a file saved then names the revision that holds it). */
  async writePending(): Promise<void> {
    if (this.current && this.current.unsaved > 0) await this.write('edit');
  }

    /** Try the unsaved writes again (in the queue). */
  async retry(): Promise<void> {
    if (this.current && this.current.unsaved > 0) await this.write('retry');
  }

  /**
   * Write what is unsaved and tell the page what came of it: the edits now on disk (their journal
   * entries can go), conflicts found by the write, or the failure (retried with growing delays).
   */
  private async write(why: 'edit' | 'retry'): Promise<void> {
    const s = this.current;
    if (!s) return;
    if (s.unsaved > 0) await s.flush();
    const found = s.takeFound();
    if (found.conflicts.length || found.messages.length) {
      this.emit({ type: 'conflicts', state: s.state(), conflicts: found.conflicts, message: [...found.messages, found.conflicts.length ? `${found.conflicts.map((c) => c.where).slice(0, 3).join('、')}已在另一窗口中被修改，您的值没有覆盖它。请在“修改冲突”中选择保留哪个值。` : ''].filter(Boolean).join(' ') });
    }
    this.emit({ type: 'written', state: s.state(), written: found.written });
    if (s.unsaved === 0) {
      this.retryCount = 0;
      this.announce();
      if (why === 'retry') this.emit({ type: 'saved', state: s.state() });
    } else this.scheduleRetry();
  }

  /** Before replacing the open workbook: everything it shows must be saved. */
  async requireSaved(action: string): Promise<void> {
    const s = this.current;
    if (!s || s.unsaved === 0) return;
    await s.flush();
    if (s.unsaved > 0) {
      throw new UserError(`当前工作簿还有 ${s.unsaved} 处修改没能写入浏览器存储（${s.saveError ?? '原因不明'}）。为免丢失，暂不能${action}。请先解决存储问题后点“重试保存”，或先“保存为文件”。`);
    }
  }
}
