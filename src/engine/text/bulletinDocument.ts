/**
 * The 通报 as a document: its title, 主送, the opening line, the body (§一 drafted from the figures
 * and what the person wrote, kept per period), the list of 附件, the issuing office and date, and
 * the 附件 tables with the same titles and figures as the Excel export. Pure: the Word file is
 * written from this (xlsx/exportBulletinDocx.ts).
 *
 * The person's edits are kept against the §一 they were made on (`basedOn`): when the figures
 * change, a body that only added text after §一 gets the new §一; one that changed §一 itself is
 * reported as changed (the page shows both, the person chooses).
 */
import { periodPart, type Period, type PeriodResult } from '../../model';
import { bulletinDraft } from './bulletin';
import { bulletinTitle } from './describe';
import { completionTables, rankingTable, type CompletionTable, type RankingRow } from '../views/tables';

export interface BulletinDocument {
  title: string;
  recipients: string;
  opening: string;
  /** The text from 一、 on, paragraphs separated by blank lines. */
  body: string;
  /** The drafted §一 now (what a fresh body starts with). */
  drafted: string;
  /** The §一 the body shown was written on: `drafted`, but for a 'changed' body its old draft. */
  basedOn: string;
  /** What the person saved (the page edits on top of it). */
  edits: NonNullable<Period['bulletin']>;
  /** 'fresh': never edited; 'kept': edited and the figures are the same (or only text after §一 changed); 'changed': the figures changed under an edited §一. */
  status: 'fresh' | 'kept' | 'changed';
  annexTitles: string[];
  issuer: string;
  date: string;
  completion: CompletionTable[];
  ranking: { title: string; rows: RankingRow[] };
}

export function defaultBulletinTitle(p: Period): string {
  return `关于${p.area}${p.label?.trim() || `${p.year}年科技创新行动${periodPart(p)}`}工作进展情况的通报`;
}

/** §一 as drafted: the heading and the drafted paragraphs. */
export function draftedSectionOne(period: Period, result: PeriodResult): string {
  return `一、目标任务进展情况\n\n${bulletinDraft(period, result).text}`;
}

export function bulletinDocument(period: Period, result: PeriodResult): BulletinDocument {
  const drafted = draftedSectionOne(period, result);
  const saved = period.bulletin ?? {};
  let body = drafted;
  let status: BulletinDocument['status'] = 'fresh';
  let basedOn = drafted;
  if (saved.body !== undefined) {
    if (saved.basedOn === drafted) {
      body = saved.body;
      status = 'kept';
    } else if (saved.basedOn !== undefined && saved.body.startsWith(saved.basedOn)) {
      // Only text after §一 was written: the new figures replace the old §一, the rest stays.
      body = drafted + saved.body.slice(saved.basedOn.length);
      status = 'kept';
    } else {
      body = saved.body;
      status = 'changed';
      basedOn = saved.basedOn ?? '';
    }
  }
  const completion = completionTables(period, result);
  const rankingTitle = bulletinTitle(period, '考核结果');
  const annexTitles = [...completion.map((t) => t.title), rankingTitle];
  return {
    title: saved.title?.trim() || defaultBulletinTitle(period),
    recipients: saved.recipients?.trim() ?? '',
    opening: `现将${period.label?.trim() || `${period.year}年科技创新行动${periodPart(period)}`}工作进展情况通报如下：`,
    body,
    drafted,
    basedOn,
    edits: saved,
    status,
    annexTitles,
    issuer: period.issuer?.trim() ?? '',
    date: saved.date?.trim() ?? '',
    completion,
    ranking: { title: rankingTitle, rows: rankingTable(period, result) },
  };
}
