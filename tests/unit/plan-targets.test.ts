/**
 * A plan becomes the period's 任务数 in one step (issue 27, items 3 and 4): one indicator's 目标分解
 * or the whole 目标分解表, previewed target by target, applied as one undoable step, the split
 * remembered with the period; and the 目标分解表's layout kept in the workbook and its file.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createService } from '../../src/service/service';
import type { SplitForm } from '../../src/service/protocol';

const P = 'daye-2023-q1';
const FORM: SplitForm = { basis: 'prevActual', totalText: '300', source: P, typed: {}, rateText: '5', growthOf: 'actual', rounding: 'down', minimumText: '' };

async function service(factory = new IDBFactory()) {
  const s = createService({ indexedDB: factory });
  await s.init();
  return s;
}

describe('设为本期任务数', () => {
  it('one indicator’s split: every target listed old → new, applied as one step that Ctrl+Z takes back; the form remembered', async () => {
    const s = await service();
    const q2 = (await s.addPeriod(P, { year: 2023, quarter: 2 })).periodId;
    const split = s.decomposition(q2, 'tech_sme', '300', 'prevActual', P, {}, '');
    const preview = s.targetsPreview(q2, { kind: 'split', indicatorId: 'tech_sme', form: FORM });
    expect(preview.label).toBe('设为本期任务数：科技型中小企业入库数');
    const gxq = preview.changes.find((c) => c.unitId === 'gxq')!;
    expect([gxq.field, gxq.oldText, gxq.newText]).toEqual(['任务数', '111', String(split.rows.find((r) => r.unitId === 'gxq')!.target)]);
    expect(preview.changeCount).toBe(preview.changes.length);
    await s.applyTargets(q2, preview.token);
    const after = Object.fromEntries(split.rows.map((r) => [r.unitId, s.cell(q2, r.unitId, 'tech_sme')?.target]));
    expect(after).toEqual(Object.fromEntries(split.rows.map((r) => [r.unitId, r.target])));
    expect(Object.values(after).reduce((a, b) => (a as number) + (b as number), 0)).toBe(300);
    expect(s.periodMeta(q2).decompositions?.tech_sme).toEqual(FORM);
    expect(s.state().undoLabel).toMatch(/^设为本期任务数：科技型中小企业入库数（\d+ 个单元格）$/u);
    // A token is confirmed once.
    await expect(s.applyTargets(q2, preview.token)).rejects.toThrow('目标任务预览已失效，请重新操作。');
    await s.undo();
    expect(s.cell(q2, 'gxq', 'tech_sme')?.target).toBe(111);
    expect(s.periodMeta(q2).decompositions).toBeUndefined();
  });

  it('the 目标分解表’s indicators at once, from each one’s latest 目标分解; a 不适用 cell is left and named', async () => {
    const s = await service();
    const q2 = (await s.addPeriod(P, { year: 2023, quarter: 2 })).periodId;
    const cell = s.cell(q2, 'dfnc', 'rd_staff')!;
    await s.editCells(q2, [{ unitId: 'dfnc', indicatorId: 'rd_staff', before: cell, after: { state: 'na', target: null, actual: null } }], '不适用');
    for (const [ind, total] of [['tech_sme', '300'], ['rd_staff', '8750']] as const) {
      const split = s.decomposition(q2, ind, total, 'prevActual', P, {}, '');
      const overrides = Object.fromEntries(split.rows.flatMap((r) => (r.target === null ? [] : [[`${r.unitId}|${ind}`, { target: r.target }]])));
      await s.createScenario(q2, `目标分解：${split.indicatorName} ${total}`, overrides, '', { indicatorId: ind, form: { ...FORM, totalText: total } });
    }
    const preview = s.targetsPreview(q2, { kind: 'table', indicatorIds: ['tech_sme', 'rd_staff'], source: 'decompositions' });
    expect(preview.label).toBe('设为本期任务数：目标分解表（2 个指标）');
    expect(preview.skipped).toEqual(['东风农场「规上企业研发人员」']);
    await s.applyTargets(q2, preview.token);
    const sum = (ind: string) => s.periodMeta(q2).units.reduce((n, u) => n + ((s.cell(q2, u.id, ind)?.target as number | null) ?? 0), 0);
    expect(sum('tech_sme')).toBe(300);
    expect(s.cell(q2, 'dfnc', 'rd_staff')?.state).toBe('na');
    // Both indicators in one step.
    await s.undo();
    expect(s.cell(q2, 'gxq', 'tech_sme')?.target).toBe(111);
    expect(s.cell(q2, 'gxq', 'rd_staff')?.target).toBe(4700);
  });

  it('a split the box policy refuses is refused here too, whatever the page sent', async () => {
    const s = await service();
    expect(() => s.targetsPreview(P, { kind: 'split', indicatorId: 'tech_sme', form: { ...FORM, totalText: '-5' } })).toThrow('全市目标为 -5，必须大于 0，无法分解。');
    expect(() => s.targetsPreview(P, { kind: 'split', indicatorId: 'tech_sme', form: { ...FORM, basis: 'typed', typed: { gxq: '1e13' } } })).toThrow('高新区的权重为 10000000000000，超出合理范围');
  });
});

describe('the 目标分解表’s layout is part of the workbook', () => {
  it('title, date, row order and display units: undoable, and opened from the workbook file in another browser', async () => {
    const s = await service();
    const layout = { ids: ['tech_sme', 'tech_contract'], source: 'targets', title: '2024年科技创新赋能行动“开门红”目标分解表', display: { tech_contract: { unit: '亿元' as const, decimals: 2 } }, order: ['cg', 'jh', 'gxq'], orderFrom: '按粘贴的名单（3 个单位）', date: '2024年1月' };
    await s.setMeta(P, { ...s.periodMeta(P), decompositionTable: layout }, '修改目标分解表');
    expect(s.periodMeta(P).decompositionTable).toEqual(layout);
    const file = await s.saveWorkbookFile();
    const other = await service();
    const info = await other.inspectWorkbookFile(file.fileName, file.bytes);
    await other.openWorkbookFile(info.token, 'replace');
    expect(other.periodMeta(P).decompositionTable).toEqual(layout);
    // The table drawn from it in the other browser: the plan's order and 亿元.
    const t = other.decompositionTable(P, layout.ids, layout.source, layout.title, { display: layout.display, order: layout.order, date: layout.date });
    expect(t.rows.slice(0, 3).map((r) => r.unitId)).toEqual(['cg', 'jh', 'gxq']);
    expect(t.columns[1]!.header).toBe('登记技术合同成交额(亿元)');
    await s.undo();
    expect(s.periodMeta(P).decompositionTable).toBeUndefined();
    // A title the box refuses is refused by the worker too.
    await expect(s.setMeta(P, { ...s.periodMeta(P), decompositionTable: { ...layout, title: '表\u0007名' } }, '改')).rejects.toThrow('分解表表名中有无法写入文件的控制字符');
  });
});
