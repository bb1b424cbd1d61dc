/**
 * The worker owns the workbook: the page asks for views and never scores on the main thread.
 * Loaded as an inline classic worker (see src/worker-client/engine.ts and DESIGN.md §4).
 */
import { expose } from 'comlink';
import type { Workbook } from '../src/model';
import { sampleWorkbook } from '../src/sample/daye-2023q1';
import { buildPeriodView, workbookInfo, type PeriodView, type WorkbookInfo } from '../src/engine/view';

let workbook: Workbook | null = null;

function current(): Workbook {
  if (!workbook) throw new Error('尚未打开工作簿');
  return workbook;
}

const api = {
  /** Open the sample workbook (大冶市 2023 年一季度); what a first-time user sees. */
  openSample(): WorkbookInfo {
    workbook = sampleWorkbook();
    return workbookInfo(workbook);
  },
  /** Everything the screens show for one period, scored here. */
  periodView(periodId: string): PeriodView {
    const period = current().periods.find((p) => p.id === periodId);
    if (!period) throw new Error(`找不到考核期：${periodId}`);
    return buildPeriodView(period);
  },
};

export type EngineApi = typeof api;

expose(api);
