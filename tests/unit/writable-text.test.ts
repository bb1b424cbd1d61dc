/**
 * Everything written into a .docx or .xlsx is valid XML (issue 26, item 7): a 通报 body or a remark
 * holding BEL, VT, FF, U+0001, U+FFFE or half an emoji wrote a document.xml Word refuses; and the
 * app's own workbook file with such a remark read back as "edited in Excel". Emoji stay as typed.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { samplePeriod, sampleWorkbook } from '../../src/sample/daye-2023q1';
import { scorePeriod } from '../../src/engine';
import { bulletinDocument } from '../../src/engine/bulletin/document';
import { exportBulletinDocx } from '../../src/xlsx/exportBulletinDocx';
import { exportTables } from '../../src/xlsx/export';
import { readWorkbookFileFull, writeWorkbookFile, FILE_FORMAT, FILE_FORMAT_VERSION } from '../../src/xlsx/workbookFile';
import { editedPeriods } from '../../src/xlsx/workbookFileSheets';
import { cellKey, remarkProblem, writableText } from '../../src/model';

const HOSTILE = '响铃\u0007垂直\u000b换页\u000c起始\u0001非字符\uFFFE半个\uD83D表情😀👍🏽';

/** Characters XML 1.0 does not allow, as a well-formedness check of a part's text. */
// eslint-disable-next-line no-control-regex -- finding them is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

async function partsOf(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) if (name.endsWith('.xml')) out[name] = await zip.file(name)!.async('string');
  return out;
}

describe('text made valid for XML in every file written', () => {
  it('writableText: controls dropped (VT, FF as line breaks), a lone surrogate replaced, emoji kept', () => {
    expect(writableText(HOSTILE)).toBe('响铃垂直\n换页\n起始非字符半个\uFFFD表情😀👍🏽');
    expect(writableText('普通文字 😀')).toBe('普通文字 😀');
  });

  it('the Word 通报 with such a body, 主送 and title: every part well-formed, the emoji there', async () => {
    const p = samplePeriod();
    const r = scorePeriod(p);
    const d0 = bulletinDocument(p, r);
    p.bulletin = { body: `${d0.drafted}\n\n二、${HOSTILE}`, basedOn: d0.drafted, recipients: `各乡镇${HOSTILE}`, title: `关于${HOSTILE}的通报` };
    const parts = await partsOf(await exportBulletinDocx(bulletinDocument(p, r)));
    for (const [name, xml] of Object.entries(parts)) expect(FORBIDDEN.test(xml), name).toBe(false);
    expect(parts['word/document.xml']).toContain('表情😀👍🏽');
  });

  it('the Excel 附件 with a unit name and a remark holding them: every part well-formed', async () => {
    const p = samplePeriod();
    p.units[0]!.name = `高新区${HOSTILE}`;
    p.cells[cellKey('lx', 'talent')] = { ...p.cells[cellKey('lx', 'talent')]!, remark: HOSTILE };
    p.issuer = `办公室${HOSTILE}`;
    const parts = await partsOf(await exportTables(p, scorePeriod(p), 'all'));
    for (const [name, xml] of Object.entries(parts)) expect(FORBIDDEN.test(xml), name).toBe(false);
    expect(Object.values(parts).join('')).toContain('表情😀👍🏽');
  });

  it('a workbook file holding such a remark (from an older build): valid, and read back as unedited', async () => {
    const wb = sampleWorkbook();
    const p = wb.periods[0]!;
    p.cells[cellKey('lx', 'talent')] = { ...p.cells[cellKey('lx', 'talent')]!, remark: HOSTILE };
    p.cells[cellKey('gxq', 'talent')] = { ...p.cells[cellKey('gxq', 'talent')]!, remark: '表情😀👍🏽 ' };
    const bytes = await writeWorkbookFile({ format: FILE_FORMAT, formatVersion: FILE_FORMAT_VERSION, savedAt: '2026-12-07T00:00:00Z', workbook: wb, snapshots: [] });
    for (const [name, xml] of Object.entries(await partsOf(bytes))) expect(FORBIDDEN.test(xml), name).toBe(false);
    const read = await readWorkbookFileFull(bytes, '工作簿.xlsx');
    expect(read.integrity).toBe('ok');
    expect(read.content.workbook.periods[0]!.cells[cellKey('lx', 'talent')]!.remark).toBe(HOSTILE);
    expect(editedPeriods(read.book, read.content.workbook, '工作簿.xlsx').reduce((n, e) => n + e.changes, 0)).toBe(0);
  });

  it('a new remark with such characters is refused by the policy, naming why', () => {
    expect(remarkProblem(`迟报${'\u0007'}`)).toBe('备注中有无法写入文件的控制字符，请删去后再输入');
    expect(remarkProblem('迟报材料 😀')).toBeNull();
  });
});
