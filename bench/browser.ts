/**
 * Browser benchmark over file:// (built dist/index.html, Debian Chromium): a workbook of 5 000
 * units — open the grid, scroll, edit. Prints timings and main-thread long tasks; asserts nothing.
 */
import { chromium } from 'playwright-core';
import { DIST_URL, CHROMIUM_PATH, newProfileDir, hasBrowser } from '../tests/e2e/browser';
import { seedBigWorkbook } from '../tests/e2e/big-workbook';

const UNITS = Number(process.env.BENCH_UNITS ?? 5000);

if (!hasBrowser) {
  console.log(`browser bench skipped: no Chromium at ${CHROMIUM_PATH}`);
  process.exit(0);
}

const ctx = await chromium.launchPersistentContext(newProfileDir(), {
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1400, height: 900 },
});
const page = ctx.pages()[0] ?? (await ctx.newPage());
await page.goto(DIST_URL);
await page.getByRole('table', { name: '考核结果' }).waitFor();
let t = performance.now();
await seedBigWorkbook(page, UNITS);
console.log(`seed ${UNITS} units × 16 indicators into IndexedDB: ${(performance.now() - t).toFixed(0)} ms`);

await page.addInitScript('globalThis.__name ??= (f) => f');
await page.addInitScript(() => {
  const w = window as unknown as { __long: number[] };
  w.__long = [];
  new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push(Math.round(e.duration)))).observe({ type: 'longtask', buffered: true });
});
t = performance.now();
await page.reload();
await page.getByRole('table', { name: '考核结果' }).waitFor({ timeout: 120_000 });
console.log(`open app, load + score + ranking view: ${(performance.now() - t).toFixed(0)} ms`);
t = performance.now();
await page.getByRole('tab', { name: '数据录入' }).click();
await page.locator('[role=grid] [role=row][data-unit]').first().waitFor({ timeout: 120_000 });
console.log(`switch to the grid (grid view from the worker + first render): ${(performance.now() - t).toFixed(0)} ms`);
const longOpen = await page.evaluate(() => (window as unknown as { __long: number[] }).__long.splice(0));
console.log(`main-thread long tasks while opening: ${longOpen.length} (max ${Math.max(0, ...longOpen)} ms)`);

// Scroll through the whole grid, measuring frame intervals.
await page.evaluate('globalThis.__name ??= (f) => f');
const frames = await page.evaluate(async () => {
  const el = document.querySelector('.grid-scroll') as HTMLElement;
  const gaps: number[] = [];
  let last = performance.now();
  const end = el.scrollHeight - el.clientHeight;
  for (let i = 1; i <= 120; i++) {
    el.scrollTop = (end * i) / 120;
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }
  gaps.sort((a, b) => a - b);
  return { median: gaps[60]!, p95: gaps[114]!, max: gaps.at(-1)!, rows: document.querySelectorAll('[role=grid] [role=row][data-unit]').length };
});
console.log(`scroll top→bottom in 120 steps: frame median ${frames.median.toFixed(1)} ms, p95 ${frames.p95.toFixed(1)} ms, max ${frames.max.toFixed(1)} ms; rows in DOM ${frames.rows} of ${UNITS}`);
// Wheel-like scrolling: 3 rows per frame, then sideways across the indicators.
const wheel = await page.evaluate(async () => {
  const el = document.querySelector('.grid-scroll') as HTMLElement;
  el.scrollTop = 0;
  const gaps: number[] = [];
  let last = performance.now();
  for (let i = 0; i < 120; i++) {
    if (i < 80) el.scrollTop += 78;
    else el.scrollLeft += 120;
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }
  gaps.sort((a, b) => a - b);
  return { median: gaps[60]!, p95: gaps[114]!, max: gaps.at(-1)!, cells: document.querySelectorAll('[role=grid] [role=gridcell]').length };
});
console.log(`wheel scroll (3 rows/frame, then sideways): frame median ${wheel.median.toFixed(1)} ms, p95 ${wheel.p95.toFixed(1)} ms, max ${wheel.max.toFixed(1)} ms; cells in DOM ${wheel.cells}`);
const longScroll = await page.evaluate(() => (window as unknown as { __long: number[] }).__long.splice(0));
console.log(`main-thread long tasks while scrolling: ${longScroll.length} (max ${Math.max(0, ...longScroll)} ms)`);

// Edit the last unit and wait for its score to come back.
const last = `u${UNITS}`;
await page.evaluate(() => {
  const el = document.querySelector('.grid-scroll') as HTMLElement;
  el.scrollLeft = 0;
  el.scrollTop = el.scrollHeight;
});
await page.locator(`[role=row][data-unit="${last}"] [data-ind="hitech_output"][data-kind="actual"]`).click();
const edits: number[] = [];
for (const v of ['123', '124', '125']) {
  t = performance.now();
  await page.keyboard.type(v);
  await page.keyboard.press('Enter');
  await page.getByTestId('save-state').filter({ hasText: '已保存' }).waitFor();
  await page.locator(`[role=row][data-unit="${last}"] [data-ind="hitech_output"][data-kind="actual"]:not(.saving)`).filter({ hasText: v }).waitFor();
  await page.locator(`[role=row][data-unit="${last}"] [data-ind="hitech_output"][data-kind="score"]`).filter({ hasNotText: '…' }).waitFor();
  edits.push(performance.now() - t);
}
console.log(`edit → saved and rescored (${UNITS} units): ${edits.map((x) => x.toFixed(0)).join(', ')} ms`);
const longEdit = await page.evaluate(() => (window as unknown as { __long: number[] }).__long.splice(0));
console.log(`main-thread long tasks while editing: ${longEdit.length} (max ${Math.max(0, ...longEdit)} ms)`);
await ctx.close();
