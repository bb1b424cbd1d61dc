/** What a workbook session keeps between calls: findings for the page, options of a command, the outbox. */
import type { CellInput, Command } from '../model';
import type { ConflictItem } from './protocol';

export interface Found {
  conflicts: ConflictItem[];
  messages: string[];
  /** The page's journal ids of edits now on disk. */
  written: string[];
}

export interface ExecuteOptions {
  clientId?: string;
  /** Conflicts and messages found before the command (they go into its outcome). */
  extras?: { conflicts: ConflictItem[]; messages: string[] };
  /** The history entry an undo or redo came from. */
  ref?: Command;
  /** Who the gate names when it refuses, and the texts typed. */
  gate?: { source: string; inputs?: ReadonlyMap<string, readonly CellInput[]> };
  /** Answer from memory; the write is queued after (the caller schedules it). */
  writeLater?: boolean;
}

export interface OutboxEntry {
  /** What is written. */
  cmd: Command;
  /** The history entry it came from (for undo/redo: the original command), dropped if it cannot land. */
  ref: Command;
  clientId?: string;
}
