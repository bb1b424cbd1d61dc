/**
 * The 通报 as a document: its title, 主送, the body (the opening line and §一 drafted from the
 * figures, and what the person wrote, kept per period), the list of 附件, the issuing office and date, and
 * the 附件 tables with the same titles and figures as the Excel export. Pure: the Word file is
 * written from this (xlsx/exportBulletinDocx.ts).
 *
 * The person's edits are kept against the draft they were made on (`basedOn`): when the figures
 * change, a body that only wrote around §一 (its own opening line, text after §一) gets the new
 * §一; one that changed §一 itself is reported as changed (the page shows both, the person chooses).
 */
import type { Period, PeriodResult } from '../../model';
import { bulletinDraft } from './draft';
import { bulletinTitle, periodHeading } from '../text/describe';
import { completionTables, completionTitle, rankingTable, type CompletionTable, type RankingRow } from '../views/tables';
import { annexIndicators } from '../scoring/summary';

export interface BulletinDocument {
  title: string;
  recipients: string;
  /** The text from the opening line (现将……通报如下：) on, paragraphs separated by blank lines. */
  body: string;
  /** The opening line and §一 as drafted now (what a fresh body is). */
  drafted: string;
  /** The draft the body shown was written on: `drafted`, but for a 'changed' body its old draft. */
  basedOn: string;
  /** What the person saved (the page edits on top of it). */
  edits: NonNullable<Period['bulletin']>;
  /** 'fresh': never edited; 'kept': edited and the figures are the same (or only text around §一 changed); 'changed': the figures changed under an edited §一. */
  status: 'fresh' | 'kept' | 'changed';
  annexTitles: string[];
  issuer: string;
  date: string;
  completion: CompletionTable[];
  ranking: { title: string; rows: RankingRow[] };
}

export function defaultBulletinTitle(p: Period): string {
  return `关于${p.area}${periodHeading(p)}工作进展情况的通报`;
}

/** The 通报's opening line as drafted (the person may change it: it is the body's first paragraph). */
export function draftedOpening(p: Period): string {
  return `现将${periodHeading(p)}工作进展情况通报如下：`;
}

/** §一 as drafted: the heading and the drafted paragraphs. */
export function draftedSectionOne(period: Period, result: PeriodResult): string {
  return `一、目标任务进展情况\n\n${bulletinDraft(period, result).text}`;
}

/** The draft a fresh body starts with: the opening line, then §一. */
export function drafted(period: Period, result: PeriodResult): string {
  return `${draftedOpening(period)}\n\n${draftedSectionOne(period, result)}`;
}

/** A draft's opening line and its §一 (the opening is its first paragraph). */
function parts(draft: string): [string, string] {
  const at = draft.indexOf('\n\n');
  return at < 0 ? ['', draft] : [draft.slice(0, at), draft.slice(at + 2)];
}

/**
 * The person's body on the new draft: the old §一, found untouched in the body, becomes the new
 * one, and an untouched opening line the new opening; the rest of what they wrote stays. Null when
 * they changed §一 itself (the page shows both and they choose).
 */
export function rebaseBody(body: string, basedOn: string, now: string): string | null {
  if (body.startsWith(basedOn)) return now + body.slice(basedOn.length);
  const [oldOpening, oldOne] = parts(basedOn);
  const [newOpening, newOne] = parts(now);
  const at = body.indexOf(oldOne);
  if (at < 0) return null;
  let head = body.slice(0, at);
  if (oldOpening && head.startsWith(oldOpening)) head = newOpening + head.slice(oldOpening.length);
  return head + newOne + body.slice(at + oldOne.length);
}

/**
 * A body kept before the opening line was part of it (it began at 一、): the opening it was shown
 * under goes in front, so it is read as the person saw it.
 */
function withOpening(saved: NonNullable<Period['bulletin']>, opening: string): { body?: string | undefined; basedOn?: string | undefined } {
  const legacy = saved.basedOn?.startsWith('一、') ?? false;
  const add = (t: string | undefined) => (t === undefined || !legacy ? t : `${opening}\n\n${t}`);
  return { body: add(saved.body), basedOn: add(saved.basedOn) };
}

/** The 通报 with its 附件 tables (the Word file). */
export function bulletinDocument(period: Period, result: PeriodResult): BulletinDocument {
  return { ...bulletinPage(period, result), completion: completionTables(period, result), ranking: { title: bulletinTitle(period, '考核结果'), rows: rankingTable(period, result) } };
}

/**
 * The 通报 as its tab shows it: the text and the 附件 titles, without the tables (every unit of
 * every 附件 formatted: most of the 0.9 s the tab took to show at 40 000 units).
 */
export function bulletinPage(period: Period, result: PeriodResult): Omit<BulletinDocument, 'completion' | 'ranking'> {
  const now = drafted(period, result);
  const saved = period.bulletin ?? {};
  const kept = withOpening(saved, draftedOpening(period));
  let body = now;
  let status: BulletinDocument['status'] = 'fresh';
  let basedOn = now;
  if (kept.body !== undefined) {
    const rebased = kept.basedOn === undefined ? null : kept.basedOn === now ? kept.body : rebaseBody(kept.body, kept.basedOn, now);
    if (rebased !== null) {
      body = rebased;
      status = 'kept';
    } else {
      body = kept.body;
      status = 'changed';
      basedOn = kept.basedOn ?? '';
    }
  }
  const annexTitles = [...annexIndicators(period).map((ind) => completionTitle(period, ind)), bulletinTitle(period, '考核结果')];
  return {
    title: saved.title?.trim() || defaultBulletinTitle(period),
    recipients: saved.recipients?.trim() ?? '',
    body,
    drafted: now,
    basedOn,
    edits: saved,
    status,
    annexTitles,
    issuer: period.issuer?.trim() ?? '',
    date: saved.date?.trim() ?? '',
  };
}
