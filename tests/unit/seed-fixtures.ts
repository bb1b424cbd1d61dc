/**
 * Readers for the seed's own text (tests/fixtures/seed000-*.txt are verbatim excerpts of
 * shared/seeds/000_…txt), so the tests compare against the bulletin as printed, not against a
 * second copy of the sample data.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const read = (name: string) => readFileSync(resolve('tests/fixtures', name), 'utf8');

export interface PrintedAnnexRow {
  no: string;
  name: string;
  actual: string;
  target: string;
  rate: string;
}
export interface PrintedAnnex {
  no: number;
  header: string;
  rows: PrintedAnnexRow[];
  sum: { actual: string; target: string; rate: string };
}

export function printedAnnexes(): PrintedAnnex[] {
  const out: PrintedAnnex[] = [];
  let cur: PrintedAnnex | null = null;
  for (const line of read('seed000-annex1-5.txt').split('\n')) {
    const m = /^附件 (\d)$/.exec(line.trim());
    if (m) {
      cur = { no: Number(m[1]), header: '', rows: [], sum: { actual: '', target: '', rate: '' } };
      out.push(cur);
      continue;
    }
    if (!cur) continue;
    const f = line.split('\t');
    if (f[0] === '序号') cur.header = f[2]!.trim();
    else if (/^\d+$/.test(f[0]!)) cur.rows.push({ no: f[0]!, name: f[1]!, actual: f[2]!, target: f[3]!, rate: f[4]! });
    else if (f[0] === '合计') cur.sum = { actual: f[2]!, target: f[3]!, rate: f[4]! };
  }
  return out;
}

export interface PrintedRank {
  rank: number;
  name: string;
  score: string;
}

export function printedRanking(): PrintedRank[] {
  return read('seed000-annex6.txt')
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((f) => f.length === 3 && /^\d+$/.test(f[0]!))
    .map((f) => ({ rank: Number(f[0]), name: f[1]!, score: f[2]!.trim() }));
}

export interface PrintedScoreLine {
  unit: string;
  indicator: string;
  target: string;
  actual: string;
  points: string;
  score: string;
}
export interface PrintedBlock {
  no: number;
  unit: string;
  total: string;
  lines: PrintedScoreLine[];
}

/** The score sheet, tolerant of the seed's lost leading tabs and its page breaks. */
export function printedScoreSheet(): PrintedBlock[] {
  const blocks: PrintedBlock[] = [];
  for (const raw of read('seed000-score-sheet.txt').split('\n')) {
    const f = raw.split('\t');
    while (f.length && f[0] === '') f.shift();
    if (f.length < 5 || f[0] === '序号') continue;
    let fields = f;
    if (/^\d+$/.test(f[0]!) && !/^\d/.test(f[2] ?? '') && f.length >= 8) {
      blocks.push({ no: Number(f[0]), unit: f[1]!, total: f[7]!.trim(), lines: [] });
      fields = f.slice(2);
    }
    const block = blocks.at(-1)!;
    block.lines.push({
      unit: block.unit,
      indicator: fields[0]!,
      target: fields[1]!,
      actual: fields[2]!,
      points: fields[3]!,
      score: fields[4]!.trim(),
    });
  }
  return blocks;
}

/** "规上企业研发人员（人）" → "规上企业研发人员": the score sheet's label without its measure unit. */
export function bareIndicatorName(label: string): string {
  return label.replace(/（/g, '(').replace(/）/g, ')').replace(/\([^()]*\)$/, '').trim();
}
