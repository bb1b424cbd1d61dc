/**
 * The action's name (issue 26, item 2): every title said 科技创新行动 whatever the year; the 2024
 * plan's action is 科技创新赋能行动. Set once for a year, it is in every title of that year: the 附件
 * and the ranking, the Word 通报 and its opening line, the return templates, the 目标分解表.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createService } from '../../src/service/service';

const P = 'daye-2023-q1';

async function service() {
  const s = createService({ indexedDB: new IDBFactory() });
  await s.init();
  return s;
}

describe('行动名称', () => {
  it('set for 2024 it names every title of 2024 (and not 2023), as one undoable step', async () => {
    const s = await service();
    const q1 = (await s.addPeriod(P, { year: 2024, quarter: 1, label: '2024年“开门红”' })).periodId;
    const q2 = (await s.addPeriod(q1, { year: 2024, quarter: 2 })).periodId;
    await s.setActionName(q2, ' 科技创新赋能行动 ');
    expect([q1, q2].map((id) => s.periodMeta(id).action)).toEqual(['科技创新赋能行动', '科技创新赋能行动']);
    expect(s.periodMeta(P).action).toBeUndefined();
    expect(s.state().undoLabel).toBe('2024年的行动名称改为“科技创新赋能行动”');
    expect(s.periodView(q1, 'ranking').rankingTitle).toBe('大冶市2024年科技创新赋能行动一季度“开门红”考核结果');
    expect(s.periodView(q2, 'ranking').rankingTitle).toBe('大冶市2024年科技创新赋能行动二季度考核结果');
    expect(s.periodView(P, 'ranking').rankingTitle).toBe('大冶市2023年科技创新行动一季度考核结果');
    const doc = s.bulletinDocument(q2);
    expect(doc.title).toBe('关于大冶市2024年科技创新赋能行动二季度工作进展情况的通报');
    expect(doc.body.split('\n')[0]).toBe('现将2024年科技创新赋能行动二季度工作进展情况通报如下：');
    expect(s.decompositionTable(q2, ['tech_sme'], 'targets', '').title).toBe('大冶市2024年科技创新赋能行动二季度目标分解表');
    const t = await s.exportReturnTemplate(q2, ['dy']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t.bytes as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0]!.getCell(1, 1).value).toBe('大冶市2024年科技创新赋能行动二季度指标完成情况报送表');
    // A new period of the same year copies it; undo takes it from the whole year at once.
    const q3 = (await s.addPeriod(q2)).periodId;
    expect(s.periodMeta(q3).action).toBe('科技创新赋能行动');
    await s.deletePeriod(q3);
    await s.undo();
    expect([q1, q2].map((id) => s.periodMeta(id).action)).toEqual([undefined, undefined]);
  });

  it('refused in Chinese when empty, too long or holding control characters; nothing changes', async () => {
    const s = await service();
    await expect(s.setActionName(P, '  ')).rejects.toThrow('请填写行动名称');
    await expect(s.setActionName(P, '行'.repeat(41))).rejects.toThrow('行动名称有 41 个字，超过了 40 个字的上限');
    await expect(s.setActionName(P, '科技\u0007行动')).rejects.toThrow('行动名称中有无法写入文件的控制字符');
    expect(s.periodMeta(P).action).toBeUndefined();
  });

  it('the 通报’s title, 主送 and date: a 2 000-character 主送 is refused naming 主送, not a field name', async () => {
    const s = await service();
    await expect(s.saveBulletin(P, { recipients: '各'.repeat(2000) }, '主送')).rejects.toThrow('主送有 2,000 个字，超过了 500 个字的上限，未保存。');
    await expect(s.saveBulletin(P, { title: '关于\u000b通报' }, '标题')).rejects.toThrow('通报标题中有无法写入文件的控制字符');
    await s.saveBulletin(P, { recipients: '各乡镇(场)：' }, '主送');
    expect(s.bulletinDocument(P).recipients).toBe('各乡镇(场)：');
  });
});
