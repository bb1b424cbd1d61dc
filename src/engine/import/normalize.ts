/**
 * Making names from township files comparable: full-width/half-width, spaces, the several middle
 * dots (临空区·还地桥镇 / 临空区•还地桥镇 / 临空区・还地桥镇), brackets, and a trailing measure unit.
 */
import { toHalfWidth } from '../../model/numeric';

const DOTS = /[·•・‧∙⋅●．.]/g;

/** Names recur (a unit's name in every column of a 40 000-row file): normalised once each. */
const normalized = new Map<string, string>();
const NORMALIZED_KEPT = 100_000;

export function normText(s: string): string {
  const str = String(s);
  const hit = normalized.get(str);
  if (hit !== undefined) return hit;
  const out = toHalfWidth(str)
    .replace(/\s+/g, '')
    .replace(DOTS, '·')
    .replace(/[（【[]/g, '(')
    .replace(/[）】\]]/g, ')')
    .replace(/[“”"'‘’]/g, '');
  if (normalized.size >= NORMALIZED_KEPT) normalized.clear();
  normalized.set(str, out);
  return out;
}

const MEASURES = ['万元', '亿元', '千元', '百万元', '元', '人', '家', '个', '项', '件', '%', '次', '篇', '户', '亩', '吨'];

/** "规上企业研发投入（万元）" → { name: 规上企业研发投入, unit: 万元 }. */
export function splitMeasure(label: string): { name: string; unit: string | null } {
  const s = normText(label);
  const m = /^(.*?)\(([^()]*)\)$/.exec(s);
  if (m && MEASURES.includes(m[2]!)) return { name: m[1]!, unit: m[2]! };
  if (m && m[2] === '') return { name: m[1]!, unit: null };
  return { name: s, unit: null };
}

/** Words staff add to an indicator's name in table headers: 完成, 完成情况, 数. */
export function indicatorCore(name: string): string {
  return normText(name).replace(/(完成情况表?|完成数|完成|情况|任务)$/u, '').replace(/数$/u, '');
}

const UNIT_SUFFIX = /(街道办事处|办事处|管委会|街道|农场|镇|乡|场)$/u;

/** 还地桥镇 → 还地桥, 东岳街道 → 东岳: for "trailing 镇/街道" variants. */
export function unitCore(name: string): string {
  return normText(name).replace(UNIT_SUFFIX, '');
}
