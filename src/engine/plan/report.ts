/**
 * The 进展情况报告 (seed 003) drafted from the ledger: a title naming the city, the year, the action
 * and the quarter; an opening paragraph; then per task reported "一、<task>，<figure reached>。
 * （<科室>）" followed by the 进展 text typed for it (一是……二是……). The title, the opening, the
 * signing office and the date are the person's when edited (kept in the period's progress);
 * the headings follow the figures. Pure: the Word file is written from this.
 */
import { periodPart, type Period } from '../../model';
import { actionName } from '../text/describe';
import { planLedger, type Ledger, type LedgerRow } from './ledger';

export interface ReportSection {
  taskId: string;
  heading: string;
  /** The 进展 text: paragraphs separated by line breaks. */
  text: string;
}

export interface PlanReport {
  title: string;
  opening: string;
  signer: string;
  date: string;
  /** The drafts the fields fall back to (the boxes show them as placeholders). */
  drafted: { title: string; opening: string; signer: string };
  sections: ReportSection[];
  /** Tasks with neither a figure nor a text: left out of the report, named on the page. */
  left: string[];
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 一 … 九十九, as headings are numbered. */
export function chineseNumber(n: number): string {
  if (n <= 10) return NUMERALS[n - 1]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : NUMERALS[tens - 1]!}十${ones ? NUMERALS[ones - 1]! : ''}`;
}

/** What a heading says of the figure: 截至一季度末达205家，完成年度目标818家的25.06%，超序时进度0.06个百分点. */
export function figureWords(r: LedgerRow, ledger: Pick<Ledger, 'asOfWords'>): string {
  if (r.reached === null) return `年度目标${r.targetText}，本期未填报完成情况`;
  if (r.kind !== 'level') return `${ledger.asOfWords}为${r.reachedText}（年度目标${r.targetText}，${r.status}）`;
  const points = r.status.replace(/ /gu, '');
  return `${ledger.asOfWords}达${r.reachedText}，完成年度目标${r.targetText}的${r.rateText}，${points}`;
}

export function planReport(p: Period): PlanReport {
  const ledger = planLedger(p);
  const edited = p.planProgress?.report ?? {};
  const action = actionName(p);
  const bureau = `${p.area}科技局`;
  const part = periodPart(p);
  const drafted = {
    title: `${bureau}关于${p.year}年${action}主要目标任务${part}进展情况报告`,
    opening: `今年以来，${bureau}按照${ledger.title ? `《${ledger.title}》` : `${p.year}年${action}的部署`}要求，创新工作思路，提升工作效能，积极推动各项任务高效落实。现将${p.year}年${action}主要目标任务${part}进展情况报告如下：`,
    signer: `${p.area}科学技术局`,
  };
  const shown = ledger.rows.filter((r) => r.reached !== null || r.text.trim() !== '');
  const sections = shown.map((r, i) => ({
    taskId: r.id,
    heading: `${chineseNumber(i + 1)}、${r.name}，${figureWords(r, ledger)}。${r.office ? `（${r.office}）` : ''}`,
    text: r.text,
  }));
  return {
    title: edited.title || drafted.title,
    opening: edited.opening || drafted.opening,
    signer: edited.signer || drafted.signer,
    date: edited.date ?? '',
    drafted,
    sections,
    left: ledger.rows.filter((r) => !shown.includes(r)).map((r) => r.name),
  };
}
