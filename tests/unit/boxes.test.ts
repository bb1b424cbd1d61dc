/**
 * Every box of the app fed the hostile values of the cell battery (issue 27): each is refused at the
 * box with a Chinese reason naming the field as the screen does, or stored exactly as the box then
 * shows it. And the worker's gate refuses what the box would refuse when it comes another way (the
 * old page stored 150 % shares, 0x10 as 16, 1e300 steps).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createService } from '../../src/service/service';
import { BOXES, cityTotalBox, minimumBox, rankGoalBox, readBox, type Box, type PeriodMeta } from '../../src/model';

const HOSTILE = ['-0', '-5', '0', '1e13', '1e300', 'NaN', 'abc', '0x10', '１２', '10亿元', '5,000万元', '字'.repeat(2000), '迟\u0007报', '57', '12.5%', ' 8 '];

const ALL: [string, Box][] = [
  ...Object.entries(BOXES),
  ['rankGoal', rankGoalBox(14)],
  ['cityTotal(万元)', cityTotalBox({ unit: '万元', decimals: 1 })],
  ['cityTotal(家)', cityTotalBox({ unit: '家', decimals: 2 })],
  ['minimum(家)', minimumBox({ unit: '家', decimals: 2 })],
  ['minimum(万元)', minimumBox({ unit: '万元', decimals: 1 })],
];

/** The decimal a plain number text stands for, for comparing what was typed with what is shown. */
const decimalOf = (t: string): string | null => {
  const s = t.normalize('NFKC').trim().replace(/,/g, '').replace(/%$/u, '');
  if (!/^[+-]?\d+(\.\d+)?$/u.test(s)) return null;
  const [i, f = ''] = s.replace(/^\+/u, '').split('.');
  const int = i!.replace(/^(-?)0+(?=\d)/u, '$1');
  const frac = f.replace(/0+$/u, '');
  const out = frac ? `${int}.${frac}` : int;
  return out === '-0' ? '0' : out;
};

describe('every box by the one box policy', () => {
  it(`${ALL.length} boxes × ${HOSTILE.length} values: refused naming the field, or stored exactly as shown`, () => {
    let silent = 0;
    let garbled = 0;
    const bad: string[] = [];
    for (const [name, box] of ALL) {
      for (const typed of HOSTILE) {
        const r = box.kind === 'number' ? readBox(box, typed) : readBox(box, typed);
        if (!r.ok) {
          // Refused: in Chinese, naming the box as the screen names it.
          if (!r.reason.includes(box.label) || !/[\u4e00-\u9fff]/u.test(r.reason)) {
            silent++;
            bad.push(`${name} “${typed.slice(0, 12)}”: ${r.reason}`);
          }
          continue;
        }
        if (box.kind === 'text') {
          if (r.value !== typed.trim()) {
            garbled++;
            bad.push(`${name} “${typed.slice(0, 12)}” stored as “${String(r.value).slice(0, 12)}”`);
          }
          continue;
        }
        if (r.value === null) continue; // an optional box emptied
        const stored = r.value as number;
        const shown = box.show(stored);
        const again = readBox(box, shown);
        const typedDecimal = decimalOf(typed);
        // What is stored is what the box shows, and reads back as itself; a plain number is shown as typed.
        if (!again.ok || again.value !== stored || (typedDecimal !== null && decimalOf(shown) !== typedDecimal)) {
          garbled++;
          bad.push(`${name} “${typed}” stored ${stored}, shown “${shown}”`);
        }
      }
    }
    console.log(`boxes: ${ALL.length} boxes × ${HOSTILE.length} values, ${silent} silent, ${garbled} garbled`);
    expect(bad).toEqual([]);
  });

  it('reads as staff write: 10亿元 in a 万元 box is 100000; a minimum of 0.5 家 is refused; 57 in a share is 0.57, shown 57', () => {
    expect(readBox(cityTotalBox({ unit: '万元', decimals: 1 }), '10亿元')).toEqual({ ok: true, value: 100000 });
    expect(readBox(cityTotalBox({ unit: '万元', decimals: 1 }), '5,000万元')).toEqual({ ok: true, value: 5000 });
    expect(readBox(cityTotalBox({ unit: '家', decimals: 0 }), '10亿元')).toEqual({ ok: false, reason: '全市目标“10亿元”的单位“亿元”与指标的单位“家”不同，无法换算' });
    expect(readBox(minimumBox({ unit: '家', decimals: 2 }), '0.5')).toEqual({ ok: false, reason: '每个单位至少为 0.5，应为整数（以“家”计）' });
    expect(readBox(BOXES.actualShare, '57')).toEqual({ ok: true, value: 0.57 });
    expect(BOXES.actualShare.show(0.57)).toBe('57');
    expect(readBox(BOXES.actualShare, '150')).toEqual({ ok: false, reason: '实绩数排名所占比例为 150，不能大于 100' });
    expect(readBox(BOXES.points, '0x10')).toEqual({ ok: false, reason: '分值“0x10”不是数字' });
    expect(readBox(BOXES.decimals, '7')).toEqual({ ok: true, value: 7 });
    expect(readBox(BOXES.decimals, '11')).toEqual({ ok: false, reason: '小数位为 11，不能大于 10' });
    expect(readBox(BOXES.timeShare, '0')).toEqual({ ok: false, reason: '序时进度为 0，必须大于 0' });
    expect(readBox(BOXES.timeShare, '')).toEqual({ ok: true, value: null });
    expect(readBox(rankGoalBox(14), '0')).toEqual({ ok: false, reason: '名次为 0，不能小于 1' });
    expect(readBox(BOXES.totalGoal, '')).toEqual({ ok: false, reason: '请填写总得分' });
  });
});

describe('the worker refuses what the box would, whichever way it comes', () => {
  const P = 'daye-2023-q1';
  const cases: [string, (m: PeriodMeta) => void, string][] = [
    ['a share of 150 %', (m) => rankDual(m).actualShare = 1.5, '考核期 2023年一季度 的设置不正确'],
    ['a share of 0.5713 (57.13 %, more decimals than the box holds)', (m) => rankDual(m).actualShare = 0.57134, '实绩数排名所占比例为 57.134，最多 2 位小数'],
    ['a step of 1e300', (m) => rankDual(m).step = 1e300, '每降一名扣分为 1e+300，超出合理范围'],
    ['a step of −0.5', (m) => rankDual(m).step = -0.5, '考核期 2023年一季度 的设置不正确'],
    ['points of 16 (0x10 as the old page read it) are fine; 1e300 not', (m) => (m.indicators[0]!.points = 1e300), '分值为 1e+300，超出合理范围'],
    ['7.5 decimals', (m) => (m.indicators[0]!.decimals = 7.5), '考核期 2023年一季度 的设置不正确'],
    ['an indicator name of 2 000 characters', (m) => (m.indicators[0]!.name = '指'.repeat(2000)), '指标名称有 2,000 个字，超过了 100 个字的上限'],
    ['a unit name with a control character', (m) => (m.units[0]!.name = '高新\u0007区'), '简称中有无法写入文件的控制字符'],
    ['序时进度 of 101', (m) => ((m.cumulative = true), (m.timeShare = 101)), '考核期 2023年一季度 的设置不正确'],
    ['序时进度 of 33.333', (m) => ((m.cumulative = true), (m.timeShare = 33.333)), '序时进度为 33.333，最多 2 位小数'],
  ];
  const rankDual = (m: PeriodMeta) => {
    const r = m.indicators.find((i) => i.rule.kind === 'rankDual')!.rule;
    if (r.kind !== 'rankDual') throw new Error('no rank-dual rule');
    return r;
  };
  it.each(cases)('%s', async (_what, edit, reason) => {
    const s = createService({ indexedDB: new IDBFactory() });
    await s.init();
    const meta = structuredClone(s.periodMeta(P));
    edit(meta);
    await expect(s.setMeta(P, meta, '改')).rejects.toThrow(reason);
    expect(s.periodMeta(P)).toEqual((await (async () => { const t = createService({ indexedDB: new IDBFactory() }); await t.init(); return t.periodMeta(P); })()));
  });

  it('a value the box takes is stored as it shows: a share of 57 %, 5 decimals, 序时进度 36.67', async () => {
    const s = createService({ indexedDB: new IDBFactory() });
    await s.init();
    const meta = structuredClone(s.periodMeta(P));
    rankDual(meta).actualShare = readBox(BOXES.actualShare, '57').ok ? 0.57 : 0;
    meta.indicators[0]!.decimals = 5;
    meta.cumulative = true;
    meta.timeShare = 36.67;
    await s.setMeta(P, meta, '改');
    const back = s.periodMeta(P);
    expect(BOXES.actualShare.show(rankDual(back).actualShare)).toBe('57');
    expect([back.indicators[0]!.decimals, back.timeShare]).toEqual([5, 36.67]);
  });
});
