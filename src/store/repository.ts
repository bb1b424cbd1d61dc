/**
 * The store's operations on workbooks, in one place for the app (IndexedDB, schema level 3: every
 * record keyed under its workbook, cells in blocks — cellBlocks.ts). Reads validate every record;
 * what fails is set aside (setAside.ts), never scored and never silently dropped. Writes are single
 * transactions that abort on any error. Each job has a module of its own:
 *   workbookList.ts     listing (and repairing) workbook records, revisions
 *   loadWorkbook.ts     one workbook, every record validated
 *   putWorkbook.ts      whole workbooks written (new, copied, restored, from a file)
 *   workbookRecords.ts  rename, delete, add or delete a period (one revision helper)
 *   commit.ts           a command persisted, checked cell by cell against other tabs
 */
export { newId } from './ids';
export { listWorkbooks, readRevision, workbookExists, type WorkbookListItem } from './workbookList';
export { loadWorkbook, type LoadedWorkbook } from './loadWorkbook';
export { putWorkbook, type PutOptions } from './putWorkbook';
export { addPeriodRecord, deletePeriodRecord, deleteWorkbook, renameWorkbook } from './workbookRecords';
export { commitCommand, type CommitResult, type Conflict } from './commit';
