/**
 * What is read back besides the domain itself: IndexedDB records, the page's localStorage journal
 * and drafts, and the workbook file. One schema each; the types are derived from them.
 */
import * as v from 'valibot';
import { CellChangeSchema, CellSchema, PeriodMetaSchema, WorkbookSchema } from './schema';

/** Every record the app writes carries this mark: all file:// pages of a profile share one origin. */
export const APP_MARK = 'kaohe-gongzuobu';

const nonEmpty = v.pipe(v.string(), v.minLength(1));
const count = v.pipe(v.number(), v.integer(), v.minValue(0));

export const WorkbookRecordSchema = v.object({
  app: v.literal(APP_MARK),
  id: nonEmpty,
  name: v.string(),
  schemaVersion: v.number(),
  /** Bumped by every committed change, from any tab. */
  revision: count,
  createdAt: v.string(),
  updatedAt: v.string(),
  /** The workbook's periods, in order. */
  periodIds: v.array(nonEmpty),
});
export type WorkbookRecord = v.InferOutput<typeof WorkbookRecordSchema>;

/** A period's scheme, keyed [workbookId, id]: two workbooks never share a period record. */
export const PeriodRecordSchema = v.object({
  app: v.literal(APP_MARK),
  workbookId: nonEmpty,
  id: nonEmpty,
  ...PeriodMetaSchema.entries,
});
export type PeriodRecord = v.InferOutput<typeof PeriodRecordSchema>;

/** One cell, keyed [workbookId, periodId, unitId, indicatorId]. */
export const CellRecordSchema = v.object({
  workbookId: nonEmpty,
  periodId: nonEmpty,
  unitId: nonEmpty,
  indicatorId: nonEmpty,
  ...CellSchema.entries,
});
export type CellRecord = v.InferOutput<typeof CellRecordSchema>;

/** A named version of a whole workbook, as the workbook file carries it. */
export const SnapshotContentSchema = v.object({
  name: v.string(),
  createdAt: v.string(),
  /** Made by the app (e.g. before a restore) rather than by the user. */
  auto: v.boolean(),
  workbook: WorkbookSchema,
});
export type SnapshotContent = v.InferOutput<typeof SnapshotContentSchema>;

/** The same, stored in IndexedDB under its workbook. */
export const SnapshotRecordSchema = v.object({
  app: v.literal(APP_MARK),
  id: nonEmpty,
  workbookId: nonEmpty,
  ...SnapshotContentSchema.entries,
});
export type SnapshotRecord = v.InferOutput<typeof SnapshotRecordSchema>;

/** Records that failed validation, moved out of the way (never deleted without the user's word). */
export const SetAsideRecordSchema = v.object({
  app: v.literal(APP_MARK),
  id: nonEmpty,
  at: v.string(),
  /** What it was, in words: 工作簿“…”的考核期 2023年一季度. */
  what: v.string(),
  /** Why it was set aside, in Chinese. */
  reason: v.string(),
  records: v.array(v.object({ store: v.string(), value: v.unknown() })),
});
export type SetAsideRecord = v.InferOutput<typeof SetAsideRecordSchema>;

/** An edit the page recorded (in localStorage) before sending it, replayed if the tab died first. */
export const JournalEntrySchema = v.object({
  id: nonEmpty,
  /** The page that wrote it (its entries are not replayed by others while it lives). */
  owner: v.optional(v.string()),
  workbookId: nonEmpty,
  periodId: nonEmpty,
  label: v.string(),
  changes: v.array(CellChangeSchema),
});
export type JournalEntry = v.InferOutput<typeof JournalEntrySchema>;

/** Text typed into a cell editor but not yet committed. */
export const DraftSchema = v.object({
  owner: v.optional(v.string()),
  workbookId: nonEmpty,
  periodId: nonEmpty,
  unitId: nonEmpty,
  indicatorId: nonEmpty,
  field: v.picklist(['target', 'actual', 'manualScore']),
  text: v.string(),
  /** Labels for the recovery message. */
  where: v.string(),
  /** The cell when editing began: a draft is offered back only over that same value. */
  before: v.nullable(CellSchema),
});
export type Draft = v.InferOutput<typeof DraftSchema>;

export const FILE_FORMAT = 'kaohe-gongzuobu-workbook';


/** The `_model` sheet of a workbook file. */
export const WorkbookFileContentSchema = v.object({
  format: v.literal(FILE_FORMAT),
  formatVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  savedAt: v.string(),
  workbook: WorkbookSchema,
  snapshots: v.array(SnapshotContentSchema),
});
export type WorkbookFileContent = v.InferOutput<typeof WorkbookFileContentSchema>;

/** The same with each workbook left unchecked (format 3 packs cells by column; checked after unpacking). */
export const WorkbookFileShellSchema = v.object({
  format: v.literal(FILE_FORMAT),
  formatVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  savedAt: v.string(),
  workbook: v.unknown(),
  snapshots: v.array(v.object({ name: v.string(), createdAt: v.string(), auto: v.boolean(), workbook: v.unknown() })),
});
