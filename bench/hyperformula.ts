/**
 * The same scoring model in HyperFormula 3.5 (dev dependency, used only by the bench): one row per
 * unit, per indicator target | actual | rate | score, ranks as 1+COUNTIF, total =
 * ROUND(Σ scores × 100 / points, 2). Used to compare build and edit cost, and to check the totals.
 */
import { HyperFormula } from 'hyperformula';
import { cellKey, type Period } from '../src/model';

function col(n: number): string {
  let s = '';
  for (let x = n + 1; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export interface HfModel {
  hf: HyperFormula;
  totalCol: number;
  /** Column of indicator j's actual. */
  actualCol(j: number): number;
}

/** The model as spreadsheet rows: numbers and formulas (HyperFormula here, LibreOffice in libreoffice.ts). */
export function formulaRows(period: Period): (number | string)[][] {
  const n = period.units.length;
  const m = period.indicators.length;
  const points = period.indicators.reduce((s, i) => s + i.points, 0);
  return period.units.map((u, r) => {
    const row: (number | string)[] = [];
    const R = r + 1;
    period.indicators.forEach((ind, j) => {
      const c = period.cells[cellKey(u.id, ind.id)]!;
      const [T, A, RT] = [col(4 * j), col(4 * j + 1), col(4 * j + 2)];
      row.push(c.target as number, c.actual as number, `=${A}${R}/${T}${R}`);
      if (ind.rule.kind === 'rankDual') {
        const half = ind.points * ind.rule.actualShare;
        const step = ind.rule.step;
        row.push(
          `=MAX(0,${half}-COUNTIF(${A}$1:${A}$${n},">"&${A}${R})*${step})+MAX(0,${ind.points - half}-COUNTIF(${RT}$1:${RT}$${n},">"&${RT}${R})*${step})`,
        );
      } else row.push(`=${ind.points}*MIN(MAX(${A}${R}/${T}${R},0),1)`);
    });
    const scores = Array.from({ length: m }, (_, j) => `${col(4 * j + 3)}${R}`).join(',');
    row.push(`=ROUND(SUM(${scores})*100/${points},2)`);
    return row;
  });
}

export function buildHf(period: Period): HfModel {
  const hf = HyperFormula.buildFromArray(formulaRows(period), { licenseKey: 'gpl-v3' });
  return { hf, totalCol: 4 * period.indicators.length, actualCol: (j) => 4 * j + 1 };
}

export function hfTotals(model: HfModel, n: number): number[] {
  return Array.from({ length: n }, (_, r) => model.hf.getCellValue({ sheet: 0, row: r, col: model.totalCol }) as number);
}
