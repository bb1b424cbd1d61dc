import { describe, expect, it } from 'vitest';
import { cellKey, type Period } from '../../src/model';
import { bulletinDraft, scorePeriod } from '../../src/engine';
import { bulletinDocument, bulletinPage, defaultBulletinTitle, drafted as draftOf, draftedSectionOne } from '../../src/engine/bulletin/document';
import { periodFrom } from '../../src/engine/workbook/periods';
import { samplePeriod } from '../../src/sample/daye-2023q1';

const sample = samplePeriod();

/** The sample with 4 townships' 技术合同 actuals cleared: they lack data for the quarter. */
function withFourMissing(): Period {
  const p = structuredClone(sample);
  for (const u of ['cg', 'jh', 'ba', 'lx']) {
    const k = cellKey(u, 'tech_contract');
    const c = p.cells[k]!;
    p.cells[k] = { ...c, actual: null };
  }
  return p;
}

describe('the 通报 as a document', () => {
  it('names who lacks data, and says the totals leave them out', () => {
    // The sample: 4 townships have no score-sheet data (附件1 says 另有 4 个单位无数据或不适用).
    const d = bulletinDraft(sample, scorePeriod(sample));
    expect(d.gaps).toBe('金牛镇、东岳街道、东风农场和茗山乡等 4 个乡镇(场)本期考核数据不全，暂不参与排名，以上合计不含其缺少的数据。');
    expect(d.text.endsWith(`\n\n${d.gaps}`)).toBe(true);
    const p = withFourMissing();
    expect(bulletinDraft(p, scorePeriod(p)).gaps).toBe('灵乡镇、金湖街道、陈贵镇、保安镇、金牛镇、东岳街道、东风农场和茗山乡等 8 个乡镇(场)本期考核数据不全，暂不参与排名，以上合计不含其缺少的数据。');
    // Every township complete: nothing of the kind is said.
    const full = structuredClone(sample);
    full.units = full.units.filter((u) => !['jn', 'dy', 'dfnc', 'msx'].includes(u.id));
    expect(bulletinDraft(full, scorePeriod(full)).gaps).toBe('');
  });

  it('names who did not report while returns are being collected', () => {
    const p = structuredClone(sample);
    p.returns = Object.fromEntries(p.units.slice(0, 10).map((u) => [u.id, { fileName: `${u.name}.xlsx`, at: '2023-04-05T08:00:00Z', values: 3 }])) as Period['returns'];
    const d = bulletinDraft(p, scorePeriod(p));
    const late = p.units.slice(10).map((u) => u.name);
    expect(d.gaps.startsWith(`截至目前，${late.slice(0, -1).join('、')}和${late.at(-1)}共 4 个乡镇(场)尚未报送本期数据；`)).toBe(true);
    expect(late).toEqual(['金牛镇', '东岳街道', '东风农场', '茗山乡']);
  });

  it('title, opening, §一, 附件 titles and tables from the period', () => {
    const r = scorePeriod(sample);
    const doc = bulletinDocument(sample, r);
    expect(doc.title).toBe('关于大冶市2023年科技创新行动一季度工作进展情况的通报');
    expect(defaultBulletinTitle(sample)).toBe(doc.title);
    expect(doc.status).toBe('fresh');
    // The opening line is the body's first paragraph (editable), then §一.
    expect(doc.body).toBe(`现将2023年科技创新行动一季度工作进展情况通报如下：\n\n${draftedSectionOne(sample, r)}`);
    expect(doc.body.startsWith('现将2023年科技创新行动一季度工作进展情况通报如下：\n\n一、目标任务进展情况\n\n（一）全市指标整体完成情况。全市规上企业研发投入实绩数为 257255.4 万元，完成任务数 104.64%')).toBe(true);
    expect(doc.annexTitles).toHaveLength(6);
    expect(doc.annexTitles[5]).toBe('大冶市2023年科技创新行动一季度考核结果');
    expect(doc.completion.map((t) => t.annexNo)).toEqual([1, 2, 3, 4, 5]);
    expect(doc.ranking.rows[0]).toMatchObject({ rank: 1, name: '高新区', totalText: '85.06' });
    // The tab's page is the document without its tables; its 附件 titles are the tables' own.
    const { completion, ranking, ...page } = doc;
    expect(bulletinPage(sample, r)).toEqual(page);
    expect(page.annexTitles).toEqual([...completion.map((t) => t.title), ranking.title]);
    expect(page.annexTitles[0]).toBe('各乡镇 2023 年规上企业研发投入完成情况表');
  });

  it("keeps the person's text: after §一 across new figures; an edited §一 is shown as changed", () => {
    const r = scorePeriod(sample);
    const drafted = draftOf(sample, r);
    const added = `${drafted}\n\n二、下步工作\n\n各乡镇要对标对表。`;
    const p = structuredClone(sample);
    p.bulletin = { title: '关于一季度的通报', recipients: '各乡镇(场)：', body: added, basedOn: drafted, date: '2023年4月10日' };
    const kept = bulletinDocument(p, r);
    expect(kept).toMatchObject({ status: 'kept', body: added, title: '关于一季度的通报', recipients: '各乡镇(场)：', date: '2023年4月10日' });
    // The figures change: the added text stays under the new §一.
    const k = cellKey('gxq', 'rd_investment');
    p.cells[k] = { ...p.cells[k]!, actual: (p.cells[k]!.actual as number) + 100 };
    const r2 = scorePeriod(p);
    const moved = bulletinDocument(p, r2);
    expect(moved.status).toBe('kept');
    expect(moved.body).toBe(`${draftOf(p, r2)}\n\n二、下步工作\n\n各乡镇要对标对表。`);
    expect(moved.body).not.toContain('257255.4');
    // §一 itself edited: not overwritten, told as changed with the old draft it was based on.
    p.bulletin = { body: drafted.replace('104.64%', '约105%'), basedOn: drafted };
    const changed = bulletinDocument(p, r2);
    expect(changed.status).toBe('changed');
    expect(changed.body).toContain('约105%');
    expect(changed.basedOn).toBe(drafted);
    expect(changed.drafted).toBe(draftOf(p, r2));
  });

  it('the opening line is the person’s to edit: kept across new figures, with §一 renewed under it', () => {
    const r = scorePeriod(sample);
    const drafted = draftOf(sample, r);
    const mine = drafted.replace(/^现将[^\n]*/u, '现将2023年一季度科技创新工作进展情况通报如下：');
    const p = structuredClone(sample);
    p.bulletin = { body: `${mine}\n\n二、下步工作`, basedOn: drafted };
    const k = cellKey('gxq', 'rd_investment');
    p.cells[k] = { ...p.cells[k]!, actual: (p.cells[k]!.actual as number) + 100 };
    const r2 = scorePeriod(p);
    const doc = bulletinDocument(p, r2);
    expect(doc.status).toBe('kept');
    expect(doc.body).toBe(`现将2023年一季度科技创新工作进展情况通报如下：\n\n${draftedSectionOne(p, r2)}\n\n二、下步工作`);
  });

  it('a body kept before the opening line was part of it (it began at 一、) reads with the opening in front', () => {
    const r = scorePeriod(sample);
    const one = draftedSectionOne(sample, r);
    const p = structuredClone(sample);
    p.bulletin = { body: `${one}\n\n二、下步工作`, basedOn: one };
    const doc = bulletinDocument(p, r);
    expect(doc.status).toBe('kept');
    expect(doc.body).toBe(`现将2023年科技创新行动一季度工作进展情况通报如下：\n\n${one}\n\n二、下步工作`);
  });

  it('the action’s name and a named period’s quarter in every title: 2024年科技创新赋能行动一季度“开门红”', () => {
    const p = structuredClone(sample);
    p.year = 2024;
    p.label = '2024年“开门红”';
    p.action = '科技创新赋能行动';
    const doc = bulletinDocument(p, scorePeriod(p));
    expect(doc.title).toBe('关于大冶市2024年科技创新赋能行动一季度“开门红”工作进展情况的通报');
    expect(doc.body.split('\n')[0]).toBe('现将2024年科技创新赋能行动一季度“开门红”工作进展情况通报如下：');
    expect(doc.annexTitles[5]).toBe('大冶市2024年科技创新赋能行动一季度“开门红”考核结果');
    // A name that already says its quarter is not told it twice.
    p.label = '2024年一季度“开门红”';
    expect(bulletinDocument(p, scorePeriod(p)).annexTitles[5]).toBe('大冶市2024年科技创新赋能行动一季度“开门红”考核结果');
  });

  it('a new period keeps 主送 only', () => {
    const p = structuredClone(sample);
    p.bulletin = { recipients: '各乡镇(场)：', title: 'x', body: 'y', basedOn: 'y' };
    expect(periodFrom(p, 'q2', 2023, 2).bulletin).toEqual({ recipients: '各乡镇(场)：' });
  });
});
