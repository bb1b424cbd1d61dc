/**
 * The city's year plan (issue 29): seed 001's 附件1 pasted as text gives its 12 tasks with their
 * kinds and units; 附件3 and 附件4 their projects and key work; with township actuals for Q1 2024
 * the 入库 task is their sum against 818 at 25 % 序时进度; the 进展情况报告's headings carry the
 * figures; the ledger's Excel export reads back identical; every value through the one gate.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { createService } from '../../src/service/service';
import { readPlanRows, rowsOfText } from '../../src/engine/plan/readPlanTable';
import { readTaskTarget, readReached, planProblems, type YearPlan } from '../../src/model';
import { printedAnnexes } from './seed-fixtures';
import { openTab } from '../support/kit';
import { channelHub, settle } from '../support/windows';

const P = 'daye-2023-q1';
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

async function service() {
  const s = createService({ indexedDB: new IDBFactory() });
  await s.init();
  return s;
}

/** A 2024 一季度 with seed 000's 入库 actuals typed for the 14 townships (合计 332). */
async function q1With入库(s: Awaited<ReturnType<typeof service>>) {
  const q1 = (await s.addPeriod(P, { year: 2024, quarter: 1 })).periodId;
  const printed = printedAnnexes().find((a) => a.header.startsWith('科技型中小企业入库'))!;
  const units = s.periodMeta(q1).units;
  const edits = printed.rows.map((r) => {
    const u = units.find((x) => (x.fullName ?? x.name) === r.name || x.aliases.includes(r.name) || x.name === r.name)!;
    const before = s.cell(q1, u.id, 'tech_sme') ?? null;
    return { unitId: u.id, indicatorId: 'tech_sme', before, after: { state: 'value' as const, target: before?.target ?? null, actual: Number(r.actual) } };
  });
  await s.editCells(q1, edits, '入库实绩');
  return q1;
}

describe('seed 001’s plan read from its own lines', () => {
  it('附件1: 12 tasks in four groups, shares, growth rates and levels with their units', () => {
    const plan = readPlanRows(rowsOfText(fixture('seed001-indicators.txt')));
    expect(plan.problems).toEqual([]);
    expect([plan.title, plan.year]).toEqual(['2024年科技创新赋能专项行动指标任务', 2024]);
    expect(plan.tasks.map((t) => [t.group, t.name, t.target, t.unit, t.kind])).toEqual([
      ['创新体系', '本级财政科技支出占公共财政支出比例比重', 3.4, '%', 'share'],
      ['创新体系', '规上企业研发经费投入增长率', 8, '%', 'growth'],
      ['创新体系', '规模以上制造业企业研发机构覆盖率', 100, '%', 'share'],
      ['创新能力', '培育国家级创新创业平台', 1, '个', 'level'],
      ['创新能力', '认定省级创新创业平台', 6, '个', 'level'],
      ['创新能力', '认定黄石市创新创业平台', 12, '个', 'level'],
      ['引领发展', '净增高新技术企业', 67, '家', 'level'],
      ['引领发展', '高新技术产业增加值增速', 7, '%', 'growth'],
      ['引领发展', '入库科技型中小企业数', 818, '家', 'level'],
      ['引领发展', '登记技术合同成交额', 35.32, '亿元', 'level'],
      ['创新生态', '市级以上科技特派员', 60, '人', 'level'],
      ['创新生态', '新增省级及以上创业孵化平台数', 2, '个', 'level'],
    ]);
  });

  it('附件3’s 11 projects with 投资资金 in 万元, 附件4’s 10 measures under their four headings', () => {
    const plan = readPlanRows(rowsOfText(fixture('seed001-annex3-4.txt')));
    expect(plan.problems).toEqual([]);
    expect(plan.projects.map((p) => [p.name, p.owner, p.investment])).toEqual([
      ['大冶(武汉)离岸科创中心', '大冶湖高新区', 2000],
      ['省级重点实验室', '湖北融通高科先进材料有限公司', 2000],
      ['省级企业技术中心', '智芯科技(湖北)有限公司', 550],
      ['省级企业技术中心', '湖北祥邦新能源科技有限责任公司', 1000],
      ['省级企校联合创新中心', '湖北日盛科技有限公司', 900],
      ['省级企校联合创新中心', '湖北绿洲源环保科技有限公司', 500],
      ['省级专家工作站', '大冶市宇轩新型建材有限公司', 200],
      ['省级科技企业孵化器', '大冶湖高新区科创未来孵化器', 200],
      ['省级众创空间', '大冶市电商产业园', 200],
      ['省级星创天地', '三山湖、林丰两家农业企业', 200],
      ['规上制造业企业研发机构全覆盖专项行动', '新进规上企业', 100],
    ]);
    expect(plan.keyWork.map((w) => w.group)).toEqual(['一、着力开展关键技术攻关', '一、着力开展关键技术攻关', '二、着力培育创新主体', '二、着力培育创新主体', '二、着力培育创新主体', '三、着力深化产学研合作', '三、着力深化产学研合作', '四、着力集聚创新资源', '四、着力集聚创新资源', '四、着力集聚创新资源']);
    expect(plan.keyWork[6]).toMatchObject({ measure: '积极对接湖北技术交易大市场,完成征集企业关键技术难题20项,登记技术合同成交额10亿元。', responsible: '市科技局、高新区、临空经济区·还地桥镇' });
  });

  it('a bad row is named by its line and refused for its reason; the policy refuses what the plan cannot hold', () => {
    const bad = readPlanRows(rowsOfText('序号 | 指标类型 | 指标名称 | 2024年目标任务 |\n1 | 创新体系 | 本级财政科技支出占比 | 300% |\n2 | 增长率 | abc |\n3 | 入库科技型中小企业数 | 818 |'));
    expect(bad.problems).toEqual(['第 2 行（本级财政科技支出占比）的目标为 300，不能大于 100', '第 3 行（增长率）的目标“abc”没有单位（如 818家、3.4%、35.32亿元）', '第 4 行（入库科技型中小企业数）的目标“818”没有单位（如 818家、3.4%、35.32亿元）']);
    expect(readTaskTarget('-100%', '研发经费投入增长率')).toEqual({ ok: false, reason: '目标为 -100，不能小于等于 -100%' });
    expect(readTaskTarget('67.5家', '净增高新技术企业')).toEqual({ ok: false, reason: '目标为 67.5，应为整数' });
    expect(readReached({ kind: 'level', unit: '亿元' }, '8200万元')).toEqual({ ok: true, value: 0.82 });
    expect(readReached({ kind: 'level', unit: '家' }, '12人')).toEqual({ ok: false, reason: '截至本期“12人”的单位“人”与目标的单位“家”不同，无法换算' });
    const plan: YearPlan = { title: '', projects: [], keyWork: [], tasks: [{ id: 't1', group: '', name: '覆盖率', target: 100, unit: '家', kind: 'share' }] };
    expect(planProblems(plan)).toEqual(['年度任务第 1 项“覆盖率”的单位“家”与类别“比例（不按时间折算）”不符（比例和增速以 % 计）']);
  });
});

describe('the year plan in a workbook', () => {
  it('pasted into 2024 一季度: 12 tasks kept in every period of the year, 入库 linked; Ctrl+Z takes it back', async () => {
    const s = await service();
    const q1 = await q1With入库(s);
    const q2 = (await s.addPeriod(q1, { year: 2024, quarter: 2 })).periodId;
    const preview = s.previewPlanText(q1, fixture('seed001-indicators.txt'));
    expect([preview.tasks.length, preview.problems, preview.yearNote]).toEqual([12, [], '']);
    expect(preview.tasks.filter((t) => t.indicatorId).map((t) => [t.name, t.indicatorId])).toEqual([
      ['入库科技型中小企业数', 'tech_sme'],
      ['登记技术合同成交额', 'tech_contract'],
    ]);
    await s.applyPlan(q1, preview.token);
    expect(s.periodMeta(q2).plan?.tasks.length).toBe(12);
    expect(s.periodMeta(P).plan).toBeUndefined();
    // The 2023 table pasted into 2023 would be told: this one is 2024's.
    expect(s.previewPlanText(P, fixture('seed001-indicators.txt')).yearNote).toBe('表中是 2024 年的目标任务，当前考核期是 2023 年：确认后将作为 2023 年的计划。');
    const row = s.planPage(q1).ledger.rows.find((r) => r.name === '入库科技型中小企业数')!;
    // Seed 000's 14 actuals add to 332: 332 / 818 = 40.59 %, 15.59 points past 25 %.
    expect([row.reachedText, row.source, row.rateText, row.vsTime?.text, row.status, row.sourceNote]).toEqual(['332家', 'townships', '40.59%', '+15.59', '超序时进度 15.59 个百分点', '14 个乡镇“科技型中小企业入库数”之和']);
    expect(s.planPage(q1).ledger.timeProgressText).toBe('25%');
    await s.undo();
    expect(s.periodMeta(q1).plan).toBeUndefined();
  });

  it('progress typed for three tasks: the ledger says who is behind, the report’s headings carry the figures, the .docx holds them', async () => {
    const s = await service();
    const q1 = await q1With入库(s);
    await s.applyPlan(q1, s.previewPlanText(q1, fixture('seed001-indicators.txt')).token);
    const page = s.planPage(q1);
    const id = (name: string) => page.plan!.tasks.find((t) => t.name === name)!.id;
    const progress = { ...page.progress, tasks: { [id('净增高新技术企业')]: { reached: 10, text: '一是开展高企培训会 3 场。\n二是组织 45 家企业申报。' }, [id('规上企业研发经费投入增长率')]: { reached: 6.5 }, [id('入库科技型中小企业数')]: { text: '一是开展科技型中小企业评价培训。' } } };
    await s.setPlanProgress(q1, progress, page.progress, '填写进展');
    const ledger = s.planPage(q1).ledger;
    const by = (name: string) => ledger.rows.find((r) => r.name === name)!;
    expect([by('净增高新技术企业').rateText, by('净增高新技术企业').status, by('净增高新技术企业').behind]).toEqual(['14.93%', '落后序时进度 10.07 个百分点', true]);
    expect([by('规上企业研发经费投入增长率').status, by('规上企业研发经费投入增长率').behind]).toEqual(['低于目标 1.5 个百分点', true]);
    expect(ledger.behind).toBe(2);
    const report = s.planPage(q1).report;
    expect(report.title).toBe('大冶市科技局关于2024年科技创新行动主要目标任务一季度进展情况报告');
    expect(report.sections.map((x) => x.heading)).toEqual([
      '一、规上企业研发经费投入增长率，截至一季度末为6.5%（年度目标8%，低于目标 1.5 个百分点）。',
      '二、净增高新技术企业，截至一季度末达10家，完成年度目标67家的14.93%，落后序时进度10.07个百分点。',
      '三、入库科技型中小企业数，截至一季度末达332家，完成年度目标818家的40.59%，超序时进度15.59个百分点。',
    ]);
    const file = await s.exportPlanReport(q1);
    expect(file.fileName).toBe('大冶市科技局关于2024年科技创新行动主要目标任务一季度进展情况报告.docx');
    const xml = await (await JSZip.loadAsync(file.bytes)).file('word/document.xml')!.async('string');
    const texts = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)].map((m) => m[1]);
    expect(texts).toContain('二、净增高新技术企业，截至一季度末达10家，完成年度目标67家的14.93%，落后序时进度10.07个百分点。');
    expect(texts).toContain('二是组织 45 家企业申报。');
    expect(texts).toContain('大冶市科学技术局');
  });

  it('the ledger’s Excel export reads back as the same plan and figures, in another workbook too', async () => {
    const s = await service();
    const q1 = await q1With入库(s);
    await s.applyPlan(q1, s.previewPlanText(q1, fixture('seed001-indicators.txt')).token);
    const page = s.planPage(q1);
    const t = page.plan!.tasks;
    await s.setPlanProgress(q1, { ...page.progress, tasks: { [t[6]!.id]: { reached: 10, text: '一是培训。' }, [t[9]!.id]: { reached: 0.82 } } }, page.progress, '进展');
    const file = await s.exportPlanLedger(q1);
    const other = await service();
    const q1b = (await other.addPeriod(P, { year: 2024, quarter: 1 })).periodId;
    const back = await other.previewPlanFile(q1b, file.fileName, file.bytes);
    expect(back.problems).toEqual([]);
    await other.applyPlan(q1b, back.token);
    const strip = (p: YearPlan) => p.tasks.map(({ id: _id, ...rest }) => rest);
    expect(strip(other.periodMeta(q1b).plan!)).toEqual(strip(s.periodMeta(q1).plan!));
    const rows = (x: typeof s, pid: string) => x.planPage(pid).ledger.rows.filter((r) => r.source === 'typed').map((r) => [r.name, r.reachedText, r.text]);
    // 技术合同 follows the townships there (linked): only typed figures travel as typed.
    expect(rows(other, q1b)).toEqual([['净增高新技术企业', '10家', '一是培训。']]);
    expect(rows(s, q1)).toEqual([['净增高新技术企业', '10家', '一是培训。']]);
  });

  it('the gate refuses what the boxes refuse, names the task, and changes nothing', async () => {
    const s = await service();
    await s.applyPlan(P, s.previewPlanText(P, fixture('seed001-indicators.txt')).token);
    const plan = s.periodMeta(P).plan!;
    const share = { ...plan, tasks: plan.tasks.map((t, i) => (i === 0 ? { ...t, target: 300 } : t)) };
    await expect(s.setPlan(P, share, plan, '改目标')).rejects.toThrow('“改目标”未执行，工作簿未改动：年度任务第 1 项“本级财政科技支出占公共财政支出比例比重”的目标为 300，不能大于 100。');
    const growth = { ...plan, tasks: plan.tasks.map((t, i) => (i === 1 ? { ...t, target: -100 } : t)) };
    await expect(s.setPlan(P, growth, plan, '改目标')).rejects.toThrow('目标为 -100，不能小于等于 -100%');
    const noUnit = { ...plan, tasks: plan.tasks.map((t, i) => (i === 3 ? { ...t, unit: '' } : t)) };
    await expect(s.setPlan(P, noUnit, plan, '改单位')).rejects.toThrow('单位“”不是可用的单位');
    const progress = { tasks: { [plan.tasks[0]!.id]: { reached: 120 } }, projects: {}, keyWork: {} };
    await expect(s.setPlanProgress(P, progress, { tasks: {}, projects: {}, keyWork: {} }, '填数')).rejects.toThrow('截至本期为 120，不能大于 100');
    expect(s.periodMeta(P).plan).toEqual(plan);
    expect(s.periodMeta(P).planProgress).toBeUndefined();
  });

  it('kept in the workbook file; a workbook without a plan opens with none; a new period of the year has the plan, not the progress', async () => {
    const s = await service();
    const before = await s.saveWorkbookFile();
    await s.applyPlan(P, s.previewPlanText(P, fixture('seed001-annex3-4.txt')).token);
    await s.applyPlan(P, s.previewPlanText(P, fixture('seed001-indicators.txt')).token);
    const plan = s.periodMeta(P).plan!;
    expect([plan.tasks.length, plan.projects.length, plan.keyWork.length]).toEqual([12, 11, 10]);
    await s.setPlanProgress(P, { tasks: { [plan.tasks[6]!.id]: { reached: 5 } }, projects: { [plan.projects[0]!.id]: { invested: 800, text: '已完成主体建设' } }, keyWork: {} }, { tasks: {}, projects: {}, keyWork: {} }, '进展');
    const q2 = (await s.addPeriod(P, { year: 2023, quarter: 2 })).periodId;
    expect(s.periodMeta(q2).plan).toEqual(plan);
    expect(s.periodMeta(q2).planProgress).toBeUndefined();
    const file = await s.saveWorkbookFile();
    const other = await service();
    await other.openWorkbookFile((await other.inspectWorkbookFile(file.fileName, file.bytes)).token, 'replace');
    expect(other.periodMeta(P).plan).toEqual(plan);
    expect(other.periodMeta(P).planProgress?.projects[plan.projects[0]!.id]).toEqual({ invested: 800, text: '已完成主体建设' });
    const third = await service();
    await third.openWorkbookFile((await third.inspectWorkbookFile(before.fileName, before.bytes)).token, 'replace');
    expect(third.periodMeta(P).plan).toBeUndefined();
  });

  it('two windows: one types 净增高企’s figure, the other 入库’s 进展 from the page it had — both are kept', async () => {
    const factory = new IDBFactory();
    const hub = channelHub();
    const A = await openTab(factory, hub());
    const B = await openTab(factory, hub());
    await A.s.applyPlan(P, A.s.previewPlanText(P, fixture('seed001-indicators.txt')).token);
    await settle(A, B);
    const seenA = A.s.planPage(P);
    const seenB = B.s.planPage(P);
    const id = (name: string) => seenA.plan!.tasks.find((t) => t.name === name)!.id;
    await B.s.setPlanProgress(P, { ...seenB.progress, tasks: { [id('净增高新技术企业')]: { reached: 12 } } }, seenB.progress, 'B 填数');
    await settle(A, B);
    await A.s.setPlanProgress(P, { ...seenA.progress, tasks: { [id('入库科技型中小企业数')]: { text: '一是开展评价培训。' } } }, seenA.progress, 'A 填进展');
    await settle(A, B);
    const C = await openTab(factory);
    expect(C.s.periodMeta(P).planProgress?.tasks).toEqual({ [id('净增高新技术企业')]: { reached: 12 }, [id('入库科技型中小企业数')]: { text: '一是开展评价培训。' } });
  });
});
