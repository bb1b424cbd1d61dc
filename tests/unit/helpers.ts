import { cellKey, defaultRankDual, type Cell, type Indicator, type Period, type Rule } from '../../src/model';

/** A small period built in the test: units u1…uN, one indicator per rule given. */
export function tinyPeriod(
  indicators: { id: string; points: number; rule: Rule }[],
  rows: Record<string, Record<string, Partial<Cell> & { target?: Cell['target']; actual?: Cell['actual'] }>>,
): Period {
  const unitIds = Object.keys(rows);
  const cells: Record<string, Cell> = {};
  for (const [u, byInd] of Object.entries(rows)) {
    for (const [i, c] of Object.entries(byInd)) cells[cellKey(u, i)] = { state: 'value', target: null, actual: null, ...c };
  }
  return {
    id: 't',
    year: 2023,
    quarter: 1,
    asOf: '',
    area: '测试市',
    units: unitIds.map((id) => ({ id, name: `${id}镇`, aliases: [] })),
    indicators: indicators.map(
      (i): Indicator => ({ ...i, name: `指标${i.id}`, aliases: [], unit: '万元', group: '', decimals: 2, padDecimals: false }),
    ),
    cells,
  };
}

export const rankDual10 = { id: 'a', points: 10, rule: defaultRankDual(10) };
