import { findKey } from '../../../engine/text/orderWords';

/** Rows whose unit name (or full name) contains the text, in row order. */
export function findRows(units: readonly { name: string; fullName?: string }[], text: string): number[] {
  const k = findKey(text);
  if (!k) return [];
  const out: number[] = [];
  units.forEach((u, i) => {
    if (findKey(u.name).includes(k) || (u.fullName && findKey(u.fullName).includes(k))) out.push(i);
  });
  return out;
}

/** The match to go to from `row`: the next one after it (or the previous one before it), wrapping around. */
export function nextMatch(matches: readonly number[], row: number, back = false): number | null {
  if (!matches.length) return null;
  if (back) {
    for (let i = matches.length - 1; i >= 0; i--) if (matches[i]! < row) return matches[i]!;
    return matches.at(-1)!;
  }
  for (const m of matches) if (m > row) return m;
  return matches[0]!;
}

/** The column kinds a 名称框-style address may name, by the words staff use. */
const FIELD_WORDS: Record<string, 'target' | 'actual' | 'rate' | 'score'> = {
  任务数: 'target',
  目标: 'target',
  目标任务数: 'target',
  实绩数: 'actual',
  实绩: 'actual',
  完成数: 'actual',
  完成任务数: 'actual',
  完成率: 'rate',
  得分: 'score',
};

/**
 * Ctrl+F as a 名称框 too: "陈贵镇", "研发投入", "陈贵镇 研发投入 实绩数" — the rows of the townships named,
 * the indicator named (the first whose name or alias holds the words) and the column (任务数 when none
 * is named). A word that names a township is taken as one; otherwise as an indicator or a column.
 */
export function findPlace(
  units: readonly { name: string; fullName?: string }[],
  indicators: readonly { name: string; aliases?: readonly string[] }[],
  text: string,
): { rows: number[]; indicator: number | null; kind: 'target' | 'actual' | 'rate' | 'score' | null } {
  // The whole text a township's name (spaced or with its middle dot, as find always took it).
  const whole = findRows(units, text);
  if (whole.length) return { rows: whole, indicator: null, kind: null };
  let rows: number[] = [];
  let indicator: number | null = null;
  let kind: 'target' | 'actual' | 'rate' | 'score' | null = null;
  for (const word of text.split(/[\s·,，]+/u).filter(Boolean)) {
    const field = FIELD_WORDS[word];
    if (field) {
      kind = field;
      continue;
    }
    const r = findRows(units, word);
    if (r.length && !rows.length) {
      rows = r;
      continue;
    }
    const k = findKey(word);
    const i = indicators.findIndex((x) => findKey(x.name).includes(k) || (x.aliases ?? []).some((a) => findKey(a).includes(k)));
    if (i >= 0 && indicator === null) indicator = i;
  }
  return { rows, indicator, kind };
}
