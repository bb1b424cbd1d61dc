/**
 * `npm run bench`: how long scoring takes, in Node on the pure engine (the worker runs the same code).
 * Prints medians and ratios; no test asserts wall-clock time.
 */
import { cellKey, type Cell, type Period } from '../src/model';
import { buildPeriodView, scorePeriod } from '../src/engine';
import { samplePeriod } from '../src/sample/daye-2023q1';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(label: string, runs: number, fn: () => unknown): number {
  for (let i = 0; i < Math.min(5, runs); i++) fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  const m = median(samples);
  console.log(`${label.padEnd(44)} median ${m.toFixed(3).padStart(9)} ms  (${runs} runs)`);
  return m;
}

/** The sample's indicators over n synthetic units with varied targets and actuals. */
function syntheticPeriod(n: number): Period {
  const base = samplePeriod();
  const units = Array.from({ length: n }, (_, i) => ({ id: `u${i}`, name: `单位${i}`, aliases: [] }));
  const cells: Record<string, Cell> = {};
  let seed = 42;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (const u of units) {
    for (const ind of base.indicators) {
      const target = Math.round(rnd() * 1000 + 1);
      cells[cellKey(u.id, ind.id)] = { state: 'value', target, actual: Math.round(target * (0.6 + rnd() * 0.8) * 10) / 10 };
    }
  }
  return { ...base, units, cells, publishedTotals: {} };
}

const sample = samplePeriod();
const tSample = time('score sample (14 units × 16 indicators)', 2000, () => scorePeriod(sample));
time('sample: score + all tables (worker view)', 1000, () => buildPeriodView(sample));
const big = syntheticPeriod(5000);
const tBig = time('score 5 000 units × 16 indicators', 30, () => scorePeriod(big));
time('5 000 units: score + all tables', 10, () => buildPeriodView(big));
const perCellSmall = tSample / (14 * 16);
const perCellBig = tBig / (5000 * 16);
console.log(`\nper cell: sample ${(perCellSmall * 1e3).toFixed(3)} µs, 5 000 units ${(perCellBig * 1e3).toFixed(3)} µs, ratio ${(perCellBig / perCellSmall).toFixed(2)}×`);
console.log(`5 000 units vs sample: ${(tBig / tSample).toFixed(0)}× the time for ${((5000 * 16) / (14 * 16)).toFixed(0)}× the cells`);
