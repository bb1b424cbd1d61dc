/**
 * 下载全部 as staff send them out: a .zip with one file per township (乡镇-期次.xlsx), each holding
 * only its own sheet, so no township sees another's figures. Each file is the one-township template
 * (same layout, same lock, same mark the importer checks). Zipped with the one JSZip exceljs and
 * docx share (scripts/sharedJSZip.mjs; no second zip library); the .xlsx files are zips already,
 * so they are stored, not compressed again. Names are UTF-8 (flagged), as Windows' Explorer reads them.
 */
import { periodLabel, windowsFileName, type Period } from '../model';
import { UserError } from '../model/errors';
import { writeReturnTemplate } from './returnTemplate';
import { loadJSZip } from './jszip';

/** More townships than this go out as the one workbook (a zip of thousands of files helps nobody). */
export const MAX_TEMPLATE_FILES = 500;

/** A file name Windows accepts (windowsFileName), unique in the zip whatever the letter case. */
function fileName(unitName: string, label: string, taken: Set<string>): string {
  const base = windowsFileName(`${unitName}-${label}`, 'xlsx').slice(0, -'.xlsx'.length);
  let name = `${base}.xlsx`;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}_${i}.xlsx`;
  taken.add(name.toLowerCase());
  return name;
}

export async function writeReturnTemplateZip(period: Period, unitIds: readonly string[], workbookId: string, onProgress: (step: string) => void = () => undefined): Promise<{ fileName: string; bytes: Uint8Array }> {
  const wanted = new Set(unitIds);
  const units = period.units.filter((u) => wanted.has(u.id));
  if (!units.length) throw new UserError('没有选择乡镇，未生成报送模板。');
  if (units.length > MAX_TEMPLATE_FILES) {
    throw new UserError(`${periodLabel(period)}有 ${units.length} 个单位，超过每个压缩包 ${MAX_TEMPLATE_FILES} 个文件的上限，请改用“每个乡镇一个工作表”的模板。`);
  }
  const JSZip = await loadJSZip();
  const zip = new JSZip();
  const taken = new Set<string>();
  const label = periodLabel(period);
  for (const [i, u] of units.entries()) {
    if (i % 20 === 0) onProgress(`正在生成第 ${i + 1}–${Math.min(i + 20, units.length)} 个（共 ${units.length} 个）`);
    zip.file(fileName(u.name, label, taken), await writeReturnTemplate(period, [u.id], workbookId), { binary: true, date: new Date(2000, 0, 1) });
  }
  onProgress('正在压缩');
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
  return { fileName: windowsFileName(`${period.area}${label}报送模板（${units.length}个乡镇）`, 'zip'), bytes };
}
