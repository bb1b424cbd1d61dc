import type ExcelJS from 'exceljs';
import { loadExcelJS } from './excel';
import { writeXlsx } from './writeXlsx';
import { exportMark } from './fileMarks';
import type { CompareView } from '../engine/whatif/scenario';

const thin: Partial<ExcelJS.Border> = { style: 'thin' };

/** The scenario comparison as a styled sheet: per unit baseline and each scenario's total, rank, Δ. */
export async function exportCompare(view: CompareView): Promise<Uint8Array> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.keywords = exportMark('情景对比表', '');
  const ws = wb.addWorksheet('情景对比', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const header = ['乡镇', '基准总得分', '基准排名', ...view.scenarioNames.flatMap((n) => [`${n} 总得分`, `${n} 排名`, `${n} 分差`, `${n} 名次变化`, `${n} 变化的指标得分`])];
  ws.addRow(header);
  for (const r of view.rows) {
    ws.addRow([
      r.name,
      r.base.total ?? '数据不全',
      r.base.rank,
      ...r.scenarios.flatMap((s) => [s.total ?? '数据不全', s.rank, s.deltaTotal, s.deltaRank, s.changed.map((c) => `${c.name} ${c.from}→${c.to}`).join('；')]),
    ]);
  }
  ws.columns = header.map((h, i) => ({ width: i === 0 ? 18 : h.endsWith('变化的指标得分') ? 40 : 12 }));
  ws.eachRow((row, n) =>
    row.eachCell((c) => {
      c.font = { name: '宋体', size: 11, bold: n === 1 };
      c.border = { top: thin, left: thin, bottom: thin, right: thin };
      c.alignment = { vertical: 'middle', wrapText: true };
    }),
  );
  ws.pageSetup.printTitlesRow = '1:1';
  return writeXlsx(wb);
}
