/**
 * What crosses into the worker is checked, and what leaves it is Chinese: values the page sends,
 * scheme changes, workbook files (checksum, edits in the visible sheets), drafts left behind.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { createService } from '../../src/service/service';
import { createQueue } from '../../src/service/queue';
import { UNEXPECTED } from '../../src/service/errors';
import { draftStatus } from '../../src/ui/state/draftPolicy';
import { MODEL_SHEET } from '../../src/xlsx/workbookFile';

import { value } from '../support/kit';

const P = 'daye-2023-q1';

async function service() {
  const s = createService({ indexedDB: new IDBFactory() });
  await s.init();
  return s;
}

const rejection = (p: Promise<unknown>) => p.then(() => null, (e: Error & { detail?: string }) => e);

describe('every message is Chinese', () => {
  it('an unexpected failure inside the worker leaves as a Chinese sentence, the raw text folded into detail', async () => {
    const s = await service();
    const err = await rejection(s.editCells(P, null as never, 'x'));
    expect(err?.name).toBe('UserError');
    expect(err?.message).toBe(UNEXPECTED);
    expect(err?.detail).toMatch(/^TypeError: /);
  });

  it('a period that does not exist is named in Chinese', async () => {
    const s = await service();
    expect(() => s.periodView('nope')).toThrow('找不到该考核期');
  });
});

describe('what the page sends is checked', () => {
  it('a cell value that is not finite is refused, naming unit and indicator; nothing changes', async () => {
    const s = await service();
    const err = await rejection(s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', after: { state: 'value', target: 40, actual: Infinity } }], 'x'));
    expect(err?.message).toBe('高新区「规上企业新招引科技人才(人)」的新值格式不正确：「实绩数」应为有限的数字（现为 Infinity）。');
    expect(s.cell(P, 'gxq', 'talent')).toEqual(value(40, 156));
  });

  it('a scheme with negative points or two units with one id is refused', async () => {
    const s = await service();
    const meta = s.periodMeta(P);
    meta.indicators[0]!.points = -5;
    await expect(s.setMeta(P, meta, 'x')).rejects.toThrow('分值」不应小于 0');
    const meta2 = s.periodMeta(P);
    meta2.units[1]!.id = 'gxq';
    await expect(s.setMeta(P, meta2, 'x')).rejects.toThrow('单位编号“gxq”重复');
    expect(s.periodView(P).schemePoints).toBe(85);
  });
});

describe('the one queue', () => {
  it('runs tasks strictly in order, and a failed task does not stop the ones after it', async () => {
    const q = createQueue();
    const order: number[] = [];
    const slow = q.run(async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push(1);
    });
    const failing = q.run(() => {
      order.push(2);
      throw new Error('x');
    });
    const fast = q.run(() => order.push(3));
    await Promise.allSettled([slow, failing, fast]);
    expect(order).toEqual([1, 2, 3]);
    await expect(failing).rejects.toThrow('x');
  });
});

describe('workbook files through the service', () => {
  it('a file whose model was edited after saving opens only when the person accepts the warning', async () => {
    const a = await service();
    const file = await a.saveWorkbookFile();
    const book = XLSX.read(file.bytes, { type: 'array' });
    const cell = book.Sheets[MODEL_SHEET]!['A1']!;
    // 高新区 人才 实绩数 156 → 157: the first unit of the packed column 'talent'.
    const text = String(cell.v);
    const next = text.replace(/("indicatorId":"talent","states":"[^"]*","target":\[[^\]]*\],"actual":\[)156/, '$1157');
    expect(next).not.toBe(text);
    cell.v = next;
    const edited = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const b = await service();
    const info = await b.inspectWorkbookFile('改过.xlsx', edited);
    expect(info.integrity).toBe('mismatch');
    await expect(b.openWorkbookFile(info.token, 'replace')).rejects.toThrow('文件“改过.xlsx”的模型数据与保存时的校验码不一致');
    const opened = await b.openWorkbookFile(info.token, 'replace', { acceptMismatch: true });
    expect(b.cell(opened.state.periods[0]!.id, 'gxq', 'talent')).toEqual(value(40, 157));
  });

  it('values edited in the visible 数据 sheet are offered as an import preview, applied only when confirmed, undoable', async () => {
    const a = await service();
    const file = await a.saveWorkbookFile();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ExcelJS.Buffer);
    wb.getWorksheet('2023年一季度数据')!.eachRow((row) => {
      if (row.getCell(1).value === '陈贵镇' && row.getCell(2).value === '规上企业新招引科技人才') row.getCell(5).value = 9;
    });
    const edited = new Uint8Array(await wb.xlsx.writeBuffer());
    const b = await service();
    const info = await b.inspectWorkbookFile('改过数据表.xlsx', edited);
    expect(info).toMatchObject({ integrity: 'ok', sheetEdits: 1 });
    const opened = await b.openWorkbookFile(info.token, 'replace');
    const pid = opened.state.periods[0]!.id;
    // Opened as saved; the sheet's edit waits in a preview.
    expect(b.cell(pid, 'cg', 'talent')).toEqual(value(4.25, 4));
    expect(opened.sheetEditPreviews).toHaveLength(1);
    const preview = opened.sheetEditPreviews[0]!;
    expect(preview.changes.map((c) => [c.unitName, c.field, c.oldText, c.newText])).toEqual([['陈贵镇', '实绩数', '4', '9']]);
    expect(preview.changes[0]!.where).toMatch(/^文件“改过数据表\.xlsx”工作表“2023年一季度数据”第 \d+ 行 E 列$/);
    const out = await b.applyImport(pid, preview.token, { units: {}, indicators: {} });
    expect(out.ok).toBe(true);
    expect(b.cell(pid, 'cg', 'talent')).toEqual(value(4.25, 9));
    await b.undo();
    expect(b.cell(pid, 'cg', 'talent')).toEqual(value(4.25, 4));
  });
});

describe('a draft a closed tab left behind', () => {
  const draft = { field: 'actual' as const, text: '7007', before: value(40, 100) };
  it('is offered only over the value it was typed over', () => {
    expect(draftStatus(draft, value(40, 100))).toBe('offer');
  });
  it('is done when its value is already stored', () => {
    expect(draftStatus(draft, value(40, 7007))).toBe('done');
  });
  it('is stale when a newer value was saved since (never offered over it)', () => {
    expect(draftStatus(draft, value(40, 7012))).toBe('stale');
    expect(draftStatus({ ...draft, before: null }, value(40, 1))).toBe('stale');
  });
});
