/**
 * A province-scale session, step by step, for the 40 000-unit browser test and the browser bench:
 * open → ranking, every tab, Enter → new total, import of a U-row file. Each step returns its time;
 * main-thread long tasks are collected by a PerformanceObserver installed before the app loads.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import * as XLSX from '@e965/xlsx';
import { cellKey, type Cell, type Period } from '../../src/model';
import { syntheticPeriod } from '../../bench/synthetic';
import { gridCell, openWorkbookFile, revealCell, shown, waitSaved } from './browser';

export async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push(Math.round(e.duration)))).observe({ type: 'longtask', buffered: true });
  });
}

/** Long tasks since last asked (ms each). */
export async function takeLongTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __long?: number[] }).__long?.splice(0) ?? []);
}

const idle = (page: Page) =>
  page.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-busy') !== 'true', undefined, { timeout: 180_000 }).then(() =>
    page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null))))),
  );

/** Reload and wait for the ranking's first row. */
export async function openToRanking(page: Page): Promise<number> {
  const t = performance.now();
  await page.reload();
  await shown(page, 'table[aria-label="考核结果"] tbody tr');
  return performance.now() - t;
}

/** What each tab shows once its data is there. */
const TAB_READY: Record<string, string> = {
  数据录入: '[role=grid] [role=row][data-unit]',
  考核得分明细: 'table[aria-label="考核得分明细"] tbody',
  附件1: 'table.completion tbody tr',
  附件2: 'table.completion tbody tr',
  // Its boxes come with the scheme (typing before it was here was lost).
  目标分解: 'section.decompose select[aria-label="分解指标"]',
  '总览（考核结果）': 'table[aria-label="考核结果"] tbody tr',
  // The draft comes after the tab shows (its own request): without this the draft's time fell on the next tab.
  通报: '[data-testid="bulletin-body"]',
};

export const PROVINCE_TABS = ['数据录入', '考核得分明细', '附件1', '附件2', '情景对比', '目标分解', '通报', '图表', '规则', '版本', '总览（考核结果）'];

/** Click each tab and wait until it shows its data: ms per tab. */
export async function visitTabs(page: Page, tabs = PROVINCE_TABS): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of tabs) {
    const t = performance.now();
    await page.locator('[role=tab]').filter({ hasText: new RegExp(`^${name.replace(/[()（）]/g, '\\$&')}$`) }).click();
    if (TAB_READY[name]) await shown(page, TAB_READY[name]);
    await idle(page);
    out[name] = performance.now() - t;
  }
  return out;
}

/** In the grid: type `value` as the actual of (unit, indicator), Enter, wait for the new total shown; `ms` from the press of Enter. */
export async function editActual(page: Page, unitId: string, indicatorId: string, value: string, row: number): Promise<{ ms: number; total: string }> {
  // Scroll the row into view (the grid holds only the rows on screen), then the column.
  await page.locator('.grid-scroll').evaluate((el, top) => (el.scrollTop = top), Math.max(0, row * 26 - 200));
  await page.locator(`[role=row][data-unit="${unitId}"]`).waitFor({ timeout: 60_000 });
  await page.locator(`[role=row][data-unit="${unitId}"] [data-kind="total"]`).filter({ hasText: /\d/ }).waitFor({ timeout: 60_000 });
  await revealCell(page, unitId, indicatorId, 'actual');
  const before = await gridCell(page, unitId, null, 'total').textContent();
  await gridCell(page, unitId, indicatorId, 'actual').click();
  // Timed from the press of Enter, as the key's name says: typing the four keys of "5000" before it
  // is four round trips of the test driver (10–30 ms each), not the app's answer to Enter.
  await page.keyboard.type(value);
  // The watch is set up in the page before the key is pressed: set up after, its own round trip to
  // a page busy with the Enter was timed as the app's (10–20 ms).
  const changed = page.waitForFunction(
    ({ unitId, before }) => {
      const el = document.querySelector(`[role=row][data-unit="${unitId}"] [data-kind="total"]`);
      return !!el && el.textContent !== before && el.textContent !== '…' && el.textContent !== '';
    },
    { unitId, before },
    { timeout: 60_000, polling: 'raf' },
  );
  const t = performance.now();
  await page.keyboard.press('Enter');
  await changed;
  const ms = performance.now() - t;
  await waitSaved(page);
  return { ms, total: (await gridCell(page, unitId, null, 'total').textContent()) ?? '' };
}

/**
 * 附件1 for every unit in the staff layout, every actual of 指标1 changed to (i mod 997) + 1; the
 * period as it will be after importing it is returned for the expected totals.
 */
export function annexFile(dir: string, units: number): { path: string; after: Period } {
  const after = syntheticPeriod(units);
  const rows: (string | number | null)[][] = [['各乡镇 2024 年指标1完成情况表'], ['2024 年 3 月 31 日'], ['序号', '乡镇', '指标1（万元）', null, null], [null, null, '实绩数', '任务数', '完成率']];
  after.units.forEach((u, i) => {
    const key = cellKey(u.id, 'i1');
    const c = after.cells[key]!;
    const actual = (i % 997) + 1;
    after.cells[key] = { ...c, actual } satisfies Cell;
    rows.push([i + 1, u.name, actual, c.target, null]);
  });
  const ws = XLSX.utils.aoa_to_sheet(rows);
  ws['!merges'] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: 4 } },
    { s: { r: 2, c: 0 }, e: { r: 3, c: 0 } },
    { s: { r: 2, c: 1 }, e: { r: 3, c: 1 } },
    { s: { r: 2, c: 2 }, e: { r: 2, c: 4 } },
  ];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '附件1');
  const path = join(dir, `附件1-${units}.xlsx`);
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return { path, after };
}

/** Import through the UI: preview shown (ms), then 确认导入 until saved (ms). */
export async function importAnnex(page: Page, path: string, opts: { watchStatus?: boolean } = {}): Promise<{ previewMs: number; confirmMs: number; changes: string; status: string | null; cancelDisabled: boolean | null }> {
  let t = performance.now();
  await page.locator('input[type=file][aria-label="导入 Excel"]').setInputFiles(path);
  const DIALOG = '[role=dialog][aria-label="导入预览"]';
  const dialog = page.locator(DIALOG);
  const confirm = dialog.locator('button', { hasText: /^确认导入$/ });
  await shown(page, `${DIALOG} button`, { text: '确认导入' });
  const previewMs = performance.now() - t;
  const changes = (await dialog.textContent()) ?? '';
  t = performance.now();
  await confirm.click();
  let status: string | null = null;
  let cancelDisabled: boolean | null = null;
  if (opts.watchStatus) {
    // A long write says so in the dialog, and 取消 (which could no longer stop it) is off.
    const line = dialog.getByTestId('import-applying');
    await line.waitFor({ timeout: 30_000 });
    status = await line.textContent();
    cancelDisabled = await dialog.locator('button', { hasText: /^取消$/ }).isDisabled();
  }
  await shown(page, DIALOG, { gone: true, timeout: 300_000 });
  await waitSaved(page);
  return { previewMs, confirmMs: performance.now() - t, changes, status, cancelDisabled };
}

/**
 * 保存为文件 (ms until the download), then 打开文件 of what was saved, replacing the browser's copy
 * (ms until 已打开文件); the steps each showed on its way, as the progress dialog said them.
 */
export async function saveAndReopen(page: Page, dir: string): Promise<{ saveMs: number; openMs: number; saveSteps: string[]; openSteps: string[]; bytes: number }> {
  const watch = () =>
    page.evaluate(() => {
      const w = window as unknown as { __steps: string[]; __stepObserver?: MutationObserver };
      w.__steps = [];
      w.__stepObserver?.disconnect();
      w.__stepObserver = new MutationObserver(() => {
        const t = document.querySelector('[data-testid="file-progress"] [aria-live]')?.textContent?.replace(/（已用.*$/, '');
        if (t && w.__steps.at(-1) !== t) w.__steps.push(t);
      });
      w.__stepObserver.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
  const steps = () => page.evaluate(() => (window as unknown as { __steps: string[] }).__steps.slice());
  await watch();
  let t = performance.now();
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.locator('button', { hasText: /^保存为文件$/ }).click()]);
  const path = join(dir, d.suggestedFilename());
  await d.saveAs(path);
  const saveMs = performance.now() - t;
  const saveSteps = await steps();
  await watch();
  t = performance.now();
  await openWorkbookFile(page, path, '替换');
  await shown(page, '[data-testid="message"]', { text: '已打开文件', timeout: 300_000 });
  const openMs = performance.now() - t;
  return { saveMs, openMs, saveSteps, openSteps: await steps(), bytes: (await import('node:fs')).statSync(path).size };
}

/** 保存为文件 alone: the bytes written (a workbook file must not grow with each 打开文件 … 替换). */
export async function saveFileBytes(page: Page, dir: string): Promise<number> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.locator('button', { hasText: /^保存为文件$/ }).click()]);
  const path = join(dir, `resave-${d.suggestedFilename()}`);
  await d.saveAs(path);
  return (await import('node:fs')).statSync(path).size;
}

/**
 * Enter → the new total on screen, measured in the page (keydown of Enter to the frame after the
 * total's text changed), for `count` edits of one cell alternating between two values that move
 * the unit's total. Median and all times, ms.
 */
export async function editRepaint(page: Page, unitId: string, indicatorId: string, row: number, values: [string, string], count = 21): Promise<{ medianMs: number; times: number[] }> {
  await page.locator('.grid-scroll').evaluate((el, top) => (el.scrollTop = top), Math.max(0, row * 26 - 200));
  await page.locator(`[role=row][data-unit="${unitId}"] [data-kind="total"]`).filter({ hasText: /\d/ }).waitFor({ timeout: 60_000 });
  await revealCell(page, unitId, indicatorId, 'actual');
  const times: number[] = [];
  // Start with the value the cell does not hold (each edit must move the total).
  const now = (await gridCell(page, unitId, indicatorId, 'actual').textContent())?.replace(/,/g, '');
  const order: [string, string] = now === values[0] ? [values[1], values[0]] : values;
  for (let k = 0; k < count; k++) {
    await gridCell(page, unitId, indicatorId, 'actual').click();
    const before = (await gridCell(page, unitId, null, 'total').textContent()) ?? '';
    await page.evaluate(
      ({ unitId, before }) => {
        const w = window as unknown as { __repaint: Promise<number> };
        // No named inner functions: the bench's loader would wrap them in a helper the page lacks.
        w.__repaint = new Promise<number>((resolve) => {
          const at = { t0: 0 };
          const stop = new AbortController();
          window.addEventListener('keydown', (e) => e.key === 'Enter' && (at.t0 = performance.now()), { capture: true, signal: stop.signal });
          new MutationObserver((_, mo) => {
            const el = document.querySelector(`[role=row][data-unit="${unitId}"] [data-kind="total"]`);
            if (at.t0 && el && el.textContent !== before && el.textContent !== '' && el.textContent !== '…') {
              mo.disconnect();
              stop.abort();
              requestAnimationFrame(() => resolve(performance.now() - at.t0));
            }
          }).observe(document.querySelector('.entry-body')!, { childList: true, subtree: true, characterData: true });
        });
      },
      { unitId, before },
    );
    await page.keyboard.type(order[k % 2]!);
    await page.keyboard.press('Enter');
    times.push(await page.evaluate(() => (window as unknown as { __repaint: Promise<number> }).__repaint));
    await waitSaved(page);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)]!, times };
}
