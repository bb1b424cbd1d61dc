/**
 * File names Windows accepts (issue 26, item 7): 下载全部 with a township named like a device (NUL.txt,
 * CON, aux) or with characters Windows forbids gave names Explorer refuses to unpack.
 */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { samplePeriod } from '../../src/sample/daye-2023q1';
import { writeReturnTemplateZip } from '../../src/xlsx/returnTemplateZip';
import { windowsFileName } from '../../src/model';

/** What Windows refuses in a file name (Naming Files, Paths, and Namespaces). */
function windowsRefuses(name: string): boolean {
  const stem = name.split('.')[0]!.trim();
  // eslint-disable-next-line no-control-regex -- control characters are what Windows refuses
  return /[\\/:*?"<>|\u0000-\u001f]/u.test(name) || /[. ]$/u.test(name) || /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/iu.test(stem) || name.length > 255;
}

describe('file names Windows accepts', () => {
  it('device names, forbidden characters, trailing dots', () => {
    expect(windowsFileName('NUL.txt-2023年一季度', 'xlsx')).toBe('_NUL.txt-2023年一季度.xlsx');
    expect(windowsFileName('con', 'xlsx')).toBe('_con.xlsx');
    expect(windowsFileName('COM1', 'docx')).toBe('_COM1.docx');
    expect(windowsFileName('关于“A/B”的通报：2023?', 'docx')).toBe('关于“A_B”的通报：2023_.docx');
    expect(windowsFileName('报表. . ', 'xlsx')).toBe('报表.xlsx');
    expect(windowsFileName('\u0007', 'xlsx')).toBe('_.xlsx');
    expect(windowsFileName('', 'xlsx')).toBe('未命名.xlsx');
    expect(windowsFileName('CONSOLE', 'xlsx')).toBe('CONSOLE.xlsx');
  });

  it('下载全部: every name in the zip is one Windows takes, and no two differ only by case', async () => {
    const p = samplePeriod();
    const hostile = ['NUL.txt', 'CON', 'aux', 'a<b>c', 'x:y', '末尾点.', 'Lpt1', 'nul.TXT'];
    hostile.forEach((name, i) => (p.units[i]!.name = name));
    const zip = await writeReturnTemplateZip(p, p.units.map((u) => u.id), 'w');
    expect(windowsRefuses(zip.fileName)).toBe(false);
    const names = Object.keys(unzipSync(zip.bytes));
    expect(names).toHaveLength(14);
    expect(names.filter(windowsRefuses)).toEqual([]);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(14);
    expect(names).toContain('_NUL.txt-2023年一季度.xlsx');
    expect(names).toContain('_nul.TXT-2023年一季度_2.xlsx');
    // Every entry's name flagged UTF-8 (bit 11), stored (method 0), dated 2000-01-01: Explorer shows 陈贵镇, not mojibake.
    const view = Buffer.from(zip.bytes);
    let entries = 0;
    // Walk the local headers one after another (the stored .xlsx files hold zip headers of their own).
    for (let at = 0; view.readUInt32LE(at) === 0x04034b50; entries++) {
      expect([view.readUInt16LE(at + 6) & 0x800, view.readUInt16LE(at + 8)]).toEqual([0x800, 0]);
      at += 30 + view.readUInt16LE(at + 26) + view.readUInt16LE(at + 28) + view.readUInt32LE(at + 18);
    }
    expect(entries).toBe(14);
  });
});
