/**
 * The tests' oracle: a period scored from the rules as docs/domain.md states them, in exact decimal
 * arithmetic (BigInt fractions), sharing no code with src/engine — so it can disagree with it.
 *
 *  - A value is the decimal of its shortest text (String(x)); a target must be > 0, not print as 0
 *    at the indicator's decimals (≥ ½ × 10^-decimals) and below 10¹²; an actual ≥ 0 and below 10¹²;
 *    any text is an error; manual points within 0…points.
 *  - 双排名: half the points (actualShare) by the competition rank of the actual, the rest by the
 *    rank of actual ÷ target; first place gets the half, each place below loses `step`, never < 0.
 *  - 按比例: points × min(actual ÷ target, 1). 达标: points when actual ≥ target, else 0.
 *  - "/": full points, left out of rankings; 未出: full points (actual := target).
 *  - Total = Σ scores × 100 ÷ Σ points, rounded half-up to 2 decimals; ranked 1-2-2-4 on that.
 */
import type { Cell, Indicator, Period } from '../../src/model';

export interface Fr {
  n: bigint;
  d: bigint;
}

const ZERO: Fr = { n: 0n, d: 1n };
const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  while (b) [a, b] = [b, a % b];
  return a || 1n;
};
const norm = (f: Fr): Fr => {
  const g = gcd(f.n, f.d);
  return f.d < 0n ? { n: -f.n / g, d: -f.d / g } : { n: f.n / g, d: f.d / g };
};
export const add = (a: Fr, b: Fr): Fr => norm({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
export const sub = (a: Fr, b: Fr): Fr => add(a, { n: -b.n, d: b.d });
export const mul = (a: Fr, b: Fr): Fr => norm({ n: a.n * b.n, d: a.d * b.d });
export const div = (a: Fr, b: Fr): Fr => norm({ n: a.n * b.d, d: a.d * b.n });
export const cmp = (a: Fr, b: Fr): number => {
  const x = a.n * b.d;
  const y = b.n * a.d;
  return x < y ? -1 : x > y ? 1 : 0;
};
const int = (n: number | bigint): Fr => ({ n: BigInt(n), d: 1n });

/** The decimal of a double's shortest text, as a fraction. */
export function frac(x: number): Fr {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) throw new Error(`no decimal for ${x}`);
  const digits = BigInt(`${m[2]}${m[3] ?? ''}`) * (m[1] ? -1n : 1n);
  const exp = Number(m[4] ?? 0) - (m[3]?.length ?? 0);
  return norm(exp >= 0 ? { n: digits * 10n ** BigInt(exp), d: 1n } : { n: digits, d: 10n ** BigInt(-exp) });
}

/** Half-up (away from zero) to `decimals`, as text with exactly that many decimals. */
export function roundText(f: Fr, decimals: number): string {
  const neg = f.n < 0n;
  const n = (neg ? -f.n : f.n) * 10n ** BigInt(decimals);
  const q = (2n * n + f.d) / (2n * f.d);
  let s = q.toString().padStart(decimals + 1, '0');
  if (decimals) s = `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
  return neg && q !== 0n ? `-${s}` : s;
}

export interface ExactCell {
  state: Cell['state'];
  error: boolean;
  score: Fr | null;
  rankByActual?: number;
  rankByRate?: number;
}

export interface ExactUnit {
  complete: boolean;
  /** Rounded to 2 decimals, as text (e.g. "85.06"). */
  total: string | null;
  rank: number | null;
}

const LIMIT = int(10n ** 12n);

type Read = { ok: true; v: Fr | null } | { ok: false };

function read(raw: unknown, kind: 'target' | 'actual' | 'manual', ind: Indicator): Read {
  if (raw === null || raw === undefined) return { ok: true, v: null };
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return { ok: false };
  const v = frac(raw);
  const abs = v.n < 0n ? { n: -v.n, d: v.d } : v;
  if (cmp(abs, LIMIT) >= 0) return { ok: false };
  if (kind === 'target' && cmp(v, { n: 1n, d: 2n * 10n ** BigInt(ind.decimals) }) < 0) return { ok: false };
  if (kind === 'actual' && v.n < 0n) return { ok: false };
  if (kind === 'manual' && (v.n < 0n || cmp(v, frac(ind.points)) > 0)) return { ok: false };
  return { ok: true, v };
}

/** Competition ranks, highest first, of exact values (ties share the better place). */
function competition(values: Fr[]): number[] {
  return values.map((v) => 1 + values.filter((w) => cmp(w, v) > 0).length);
}

function scoreIndicator(period: Period, ind: Indicator): ExactCell[] {
  const points = frac(ind.points);
  const members: { i: number; a: Fr; t: Fr }[] = [];
  const out = period.units.map((u, i): ExactCell => {
    const c = period.cells[`${u.id}|${ind.id}`];
    if (!c || c.state === 'missing') return { state: 'missing', error: false, score: null };
    if (c.state === 'na') return { state: 'na', error: false, score: points };
    const t = read(c.target, 'target', ind);
    if (!t.ok) return { state: c.state, error: true, score: null };
    if (c.state === 'pending') return { state: 'pending', error: false, score: points };
    const a = read(c.actual, 'actual', ind);
    if (!a.ok) return { state: 'value', error: true, score: null };
    if (ind.rule.kind === 'manual') {
      const m = read(c.manualScore ?? null, 'manual', ind);
      if (!m.ok) return { state: 'value', error: true, score: null };
      return m.v === null ? { state: 'missing', error: false, score: null } : { state: 'value', error: false, score: m.v };
    }
    if (t.v === null || a.v === null) return { state: 'missing', error: false, score: null };
    switch (ind.rule.kind) {
      case 'proportional': {
        const r = div(a.v, t.v);
        return { state: 'value', error: false, score: mul(points, cmp(r, int(1)) >= 0 ? int(1) : r) };
      }
      case 'threshold':
        return { state: 'value', error: false, score: cmp(a.v, t.v) >= 0 ? points : ZERO };
      case 'rankDual':
        members.push({ i, a: a.v, t: t.v });
        return { state: 'value', error: false, score: null };
    }
  });
  if (ind.rule.kind === 'rankDual' && members.length) {
    const rule = ind.rule;
    const byActual = competition(members.map((m) => m.a));
    const byRate = competition(members.map((m) => div(m.a, m.t)));
    const actualHalf = mul(points, frac(rule.actualShare));
    const rateHalf = sub(points, actualHalf);
    const step = frac(rule.step);
    const part = (half: Fr, rank: number) => {
      const p = sub(half, mul(int(rank - 1), step));
      return p.n < 0n ? ZERO : p;
    };
    members.forEach((m, k) => {
      Object.assign(out[m.i]!, { score: add(part(actualHalf, byActual[k]!), part(rateHalf, byRate[k]!)), rankByActual: byActual[k]!, rankByRate: byRate[k]! });
    });
  }
  return out;
}

export interface ExactResult {
  /** By indicator, then by unit position. */
  cells: ExactCell[][];
  units: ExactUnit[];
}

export function exactScore(period: Period): ExactResult {
  const cells = period.indicators.map((ind) => scoreIndicator(period, ind));
  const schemePoints = period.indicators.reduce((s, i) => add(s, frac(i.points)), ZERO);
  const totals: (Fr | null)[] = period.units.map((_, i) => {
    let sum = ZERO;
    for (const col of cells) {
      const s = col[i]!.score;
      if (s === null) return null;
      sum = add(sum, s);
    }
    return schemePoints.n > 0n ? div(mul(sum, int(100)), schemePoints) : null;
  });
  const rounded = totals.map((t) => (t === null ? null : roundText(t, 2)));
  const ranked = rounded.map((t) => (t === null ? null : frac(Number(t))));
  const units = period.units.map((_, i): ExactUnit => {
    const t = ranked[i];
    return { complete: t !== null, total: rounded[i] ?? null, rank: t ? 1 + ranked.filter((w) => w !== null && cmp(w, t) > 0).length : null };
  });
  return { cells, units };
}
