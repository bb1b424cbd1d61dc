/**
 * `npm run bench:libreoffice` (optional): the same scoring model as spreadsheet formulas (one row per
 * unit, per indicator target | actual | rate | score, ranks as 1+COUNTIF, the total rounded — as
 * hyperformula.ts builds it) written to an .xlsx without cached results, and LibreOffice Calc made to
 * compute it headless (converting it to CSV evaluates every total). Timed at 1 000 and 10 000 units
 * (LO_SIZES to choose) beside the engine's full scoring of the same period; the totals compared.
 * Skipped, with a line saying so, where soffice is not installed. Asserts nothing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ScoreModel } from '../src/engine/scoring/scoreModel';
import { formulaRows } from './hyperformula';
import { syntheticPeriod } from './synthetic';
import { median, round, saveSection } from './results';

const SOFFICE = process.env.SOFFICE ?? 'soffice';
const SIZES = (process.env.LO_SIZES ?? '1000,10000').split(',').map(Number);

if (spawnSync(SOFFICE, ['--version'], { encoding: 'utf8' }).status !== 0) {
  console.log(`LibreOffice bench skipped: no ${SOFFICE} on this machine (apt-get install -y libreoffice-calc to run it).`);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'kaohe-lo-'));
const out: Record<number, { libreOfficeMs: number; engineMs: number; ratio: number; totalsIdentical: boolean }> = {};
console.log('LibreOffice Calc (headless, formulas)   LibreOffice   engine full score   ratio   totals');
for (const U of SIZES) {
  const period = syntheticPeriod(U);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('model');
  // Formulas without a result: LibreOffice has to compute every one.
  for (const row of formulaRows(period)) ws.addRow(row.map((v) => (typeof v === 'string' ? { formula: v.slice(1) } : v)));
  const file = join(dir, `model-${U}.xlsx`);
  writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
  const t0 = performance.now();
  execFileSync(SOFFICE, ['--headless', '--calc', '--convert-to', 'csv', '--outdir', dir, file], { stdio: 'ignore', timeout: 30 * 60_000 });
  const libreOfficeMs = performance.now() - t0;
  const totalsCol = 4 * period.indicators.length;
  const lo = readFileSync(join(dir, `model-${U}.csv`), 'utf8').trim().split('\n').map((l) => Number(l.split(',')[totalsCol]));
  const engineRuns: number[] = [];
  let model = ScoreModel.build(period);
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    model = ScoreModel.build(period);
    engineRuns.push(performance.now() - t);
  }
  const engineMs = median(engineRuns);
  const identical = lo.length === U && lo.every((x, i) => Math.abs(x - model.totalRounded[i]!) < 0.005);
  out[U] = { libreOfficeMs: round(libreOfficeMs, 0), engineMs: round(engineMs), ratio: round(libreOfficeMs / engineMs, 0), totalsIdentical: identical };
  console.log(`${String(U).padStart(6)} units                         ${(libreOfficeMs / 1000).toFixed(1).padStart(8)} s   ${engineMs.toFixed(1).padStart(12)} ms   ${(libreOfficeMs / engineMs).toFixed(0).padStart(6)}×   ${identical ? 'identical' : 'DIFFERENT'}`);
}
saveSection('libreoffice', out);
console.log('\nwritten: bench/results.json (libreoffice)');
