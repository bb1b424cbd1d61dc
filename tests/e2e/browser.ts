/**
 * Launching Debian Chromium the way docs/domain.md (Where it runs) says, on the built single file over file://.
 * Never with --allow-file-access-from-files: it hides exactly the failures we must see.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasBrowser = existsSync(CHROMIUM_PATH);
/** KAOHE_DIST points the tests at another build (e.g. an older one, to see a fault reproduce). */
export const DIST_FILE = resolve(process.env.KAOHE_DIST ?? 'dist/index.html');
export const DIST_URL = pathToFileURL(DIST_FILE).href;

if (process.env.CI === 'true' && !hasBrowser) {
  throw new Error(`CI: Chromium not found at ${CHROMIUM_PATH}; the browser tests must run (apt-get install -y chromium)`);
}
if (hasBrowser && !existsSync(DIST_FILE)) {
  throw new Error('dist/index.html is missing: run `npm run build` first (npm test does it)');
}

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function newProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'kaohe-profile-'));
}

/** A window's size in CSS pixels and Windows' display scaling (1.25 = 125 %). */
export interface Screen {
  width: number;
  height: number;
  scale?: number;
}

/** A browser with its own profile directory, as a staff member's Chrome would have. */
export async function launchProfile(profileDir = newProfileDir(), screen?: Screen): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    acceptDownloads: true,
    locale: 'zh-CN',
    ...(screen ? { viewport: { width: screen.width, height: screen.height }, deviceScaleFactor: screen.scale ?? 1 } : {}),
  });
}

/** Record every call the page makes to the engine worker, by method name (before the app loads). */
export async function recordWorkerCalls(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __calls: string[] };
    w.__calls = [];
    const send = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, msg: unknown, ...rest: never[]) {
      const m = msg as { type?: string; path?: string[] } | null;
      if (m?.type === 'APPLY' && m.path) w.__calls.push(m.path.join('.'));
      return send.call(this, msg, ...rest);
    } as typeof send;
  });
}

/** The worker calls recorded since last asked (recordWorkerCalls). */
export function takeWorkerCalls(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __calls: string[] }).__calls.splice(0));
}

/** Every request the page makes, so a test can insist on none but the file itself. */
export function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  return urls;
}

/**
 * Open the built app and wait until the worker has scored the first period: in the context's
 * first page, or with `newTab` in a tab of its own (a second window on the same profile).
 */
export async function openApp(context: BrowserContext, newTab = false): Promise<Page> {
  const page = (newTab ? undefined : context.pages()[0]) ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(DIST_URL);
  try {
    // The app reopens on the tab last viewed in this profile: a person goes to the overview first.
    const overview = page.getByRole('tab', { name: '总览（考核结果）' });
    await overview.waitFor({ timeout: 20_000 });
    if ((await overview.getAttribute('aria-selected')) !== 'true') await overview.click();
    await page.getByRole('table', { name: '考核结果' }).waitFor({ timeout: 20_000 });
  } catch (e) {
    throw new Error(`app did not render its ranking: ${pageErrors.join('; ') || String(e)}`);
  }
  return page;
}

/**
 * Resolves at the first frame in which an element matching `selector` (holding `text`, when given)
 * is on the page — or, with `gone`, none is. Polled in the page every frame, as a person would see
 * it: a locator's waitFor polls on the driver's back-off (0, 20, 50, 100, 100, 500 ms, …), so a
 * step done at 600 ms was seen at 1 100, and the bench timed the driver, not the app.
 */
export async function shown(page: Page, selector: string, opts: { text?: string; gone?: boolean; timeout?: number } = {}): Promise<void> {
  await page.waitForFunction(
    ({ selector, text, gone }) => {
      const hit = Array.from(document.querySelectorAll(selector)).some((el) => el.getClientRects().length > 0 && (text === undefined || (el.textContent ?? '').includes(text)));
      return gone ? !hit : hit;
    },
    { selector, text: opts.text, gone: opts.gone ?? false },
    { polling: 'raf', timeout: opts.timeout ?? 180_000 },
  );
}

/** Text of every body row of a table, cell by cell. */
export async function tableRows(page: Page, name: string): Promise<string[][]> {
  await page.locator('main[aria-busy="false"]').waitFor();
  return page.getByRole('table', { name }).locator('tbody tr').evaluateAll((rows) =>
    rows.map((r) => Array.from((r as HTMLTableRowElement).cells, (c) => (c.textContent ?? '').trim())),
  );
}

/** The data-entry grid: open its tab and wait for the rows. */
export async function openEntry(page: Page): Promise<void> {
  await page.getByRole('tab', { name: '数据录入' }).click();
  await page.locator('[role=grid] [role=row][data-unit]').first().waitFor();
}

export function gridCell(page: Page, unitId: string, indicatorId: string | null, kind: string) {
  const ind = indicatorId ? `[data-ind="${indicatorId}"]` : '';
  return page.locator(`[role=grid] [role=row][data-unit="${unitId}"] [role=gridcell]${ind}[data-kind="${kind}"]`);
}

/**
 * Bring a cell into view the way a person does, by dragging the grid's scrollbar sideways (columns
 * out of view are not in the DOM), and return it. Scrolling by the scrollbar rather than the wheel
 * also works in a window that is not in front (two windows on one profile).
 */
export async function revealCell(page: Page, unitId: string, indicatorId: string | null, kind: string) {
  // A person looks at the window they work in (a window behind another one renders slowly).
  await page.bringToFront();
  const cell = gridCell(page, unitId, indicatorId, kind);
  await settleScroll(page);
  if ((await cell.count()) > 0) return cell;
  const grid = page.locator('.grid-scroll');
  // Quick steps first (the columns drawn within two frames); then more frames each, in case the
  // window draws late on a busy machine.
  for (const wait of [2, 12]) {
    for (let x = 0; x < 20_000; x += 300) {
      const end = await grid.evaluate((el, left) => {
        el.scrollLeft = left;
        return el.scrollLeft + el.clientWidth >= el.scrollWidth - 1;
      }, x);
      await frames(page, wait);
      if ((await cell.count()) > 0) {
        await cell.scrollIntoViewIfNeeded();
        await settleScroll(page);
        return cell;
      }
      if (end) break;
    }
  }
  throw new Error(`cell ${unitId}/${indicatorId}/${kind} not found in the grid`);
}

/** Wait until the grid's scroll position has stopped changing. */
async function settleScroll(page: Page): Promise<void> {
  let last = '';
  for (let i = 0; i < 50; i++) {
    const now = await page.locator('.grid-scroll').evaluate((el) => `${el.scrollLeft},${el.scrollTop}`);
    if (now === last) return;
    last = now;
    await frames(page, 3);
  }
}

export async function cellText(page: Page, unitId: string, indicatorId: string | null, kind: string): Promise<string> {
  return ((await (await revealCell(page, unitId, indicatorId, kind)).textContent()) ?? '').trim();
}

/** Wait until the worker has written everything to IndexedDB. */
export async function waitSaved(page: Page): Promise<void> {
  await shown(page, '[data-testid="save-state"]', { text: '已保存', timeout: 60_000 });
}

/**
 * Wait until every edit this page made is on disk: its journal (written at once when an edit is
 * committed, emptied when the worker says it is written) holds nothing, and the bar says 已保存.
 * Unlike `waitSaved` alone, this cannot be fooled by the moment before an edit is under way.
 */
export async function waitWritten(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    for (let i = 0; i < localStorage.length; i++) if (localStorage.key(i)?.startsWith('kaohe-gongzuobu:journal:')) return false;
    return document.querySelector('[data-testid="save-state"]')?.textContent === '已保存';
  });
}

/** Let the page draw: `n` animation frames (layout and paint done), a signal of the page, not a clock. */
export async function frames(page: Page, n = 2): Promise<void> {
  // As text: the bench runs this file through a loader that would wrap a named inner function in a
  // helper the page does not have.
  await page.evaluate(`new Promise((resolve) => { let left = ${Math.max(1, Math.floor(n))}; const next = () => (--left <= 0 ? resolve() : requestAnimationFrame(next)); requestAnimationFrame(next); })`);
}

/** What a click downloads: the suggested name and the bytes. */
export async function downloadOf(page: Page, click: () => Promise<unknown>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

/** Type into a grid cell as a person would: click it, type over it, press Enter. */
export async function typeInto(page: Page, unitId: string, indicatorId: string, kind: 'target' | 'actual', text: string): Promise<void> {
  await (await revealCell(page, unitId, indicatorId, kind)).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/**
 * A fresh browser (own profile) per call, all closed after each test of the file that calls this
 * at its top level. Returns the opener.
 */
export function freshApps(afterEach: (fn: () => Promise<void>) => void): (screen?: Screen) => Promise<Page> {
  const contexts: BrowserContext[] = [];
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
  });
  return async (screen?: Screen) => {
    const ctx = await launchProfile(undefined, screen);
    contexts.push(ctx);
    return openApp(ctx);
  };
}

/** Profiles launched by a test file, closed after each test; a profile can be launched again (a relaunch). */
export function trackedLaunches(afterEach: (fn: () => Promise<void>) => void): (profile?: string) => Promise<{ ctx: BrowserContext; profile: string }> {
  const contexts: BrowserContext[] = [];
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
  });
  return async (profile = newProfileDir()) => {
    const ctx = await launchProfile(profile);
    contexts.push(ctx);
    return { ctx, profile };
  };
}

/**
 * 打开文件 as a person does: pick the file, read what the app's dialog says about it, and choose
 * ('替换': the first button — 替换当前工作簿, or 打开 when the browser has no such workbook; 作为副本打开;
 * 取消). Returns the dialog's text.
 */
export async function openWorkbookFile(page: Page, files: string | { name: string; mimeType: string; buffer: Buffer }, choice: '替换' | '作为副本打开' | '取消'): Promise<string> {
  // CSS, not role queries: a role query over a province's page is a 40 ms task of the driver's on
  // the page's main thread, which the bench would count as the app's.
  await page.locator('input[type=file][aria-label="打开文件"]').setInputFiles(files);
  const DIALOG = '[role=dialog][data-testid="open-file-dialog"]';
  const dialog = page.locator(DIALOG);
  await shown(page, DIALOG, { timeout: 300_000 });
  const text = (await dialog.textContent()) ?? '';
  const button = choice === '替换' ? dialog.locator('.modal-actions button.primary') : dialog.getByRole('button', { name: choice, exact: true });
  await button.click();
  await shown(page, DIALOG, { gone: true, timeout: 90_000 });
  return text;
}

/** Answer the next prompts/confirms as a person would (a string is typed into a prompt). */
export function answer(page: Page, ...replies: (string | boolean)[]): void {
  const queue = [...replies];
  page.on('dialog', (d) => {
    const r = queue.shift();
    if (r === false) void d.dismiss();
    else void d.accept(typeof r === 'string' ? r : undefined);
  });
}

const browserPids = (profile: string) =>
  execSync('ps -eo pid=,stat=,args=', { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(`--user-data-dir=${profile}`) && !/^\s*\d+\s+Z/.test(l))
    .map((l) => Number(l.trim().split(/\s+/)[0]));

/** SIGKILL every process of the browser using this profile: no shutdown, no flush. Waits until they are gone. */
export async function killBrowser(profile: string) {
  const pids = browserPids(profile);
  if (pids.length === 0) throw new Error(`no browser running on ${profile}`);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  for (let i = 0; i < 50 && browserPids(profile).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
}
