/**
 * Screens at the sizes staff use (1366×768, 1440×900): the top bar is one line, the sticky tabs sit
 * right under it whatever its height, and the import preview's buttons are on the screen.
 * Measuring layout needs a Chinese font (CI installs fonts-wqy-microhei): without one every
 * Chinese label is a few pixels wide and these tests could not fail, so they refuse to run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { freshApps, hasBrowser } from './browser';
import { annexesXlsx } from '../support/seed-files';

const app = freshApps(afterEach);

async function boxes(page: Page) {
  return page.evaluate(() => {
    const r = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
    const button = document.querySelector('header.topbar button')!.getBoundingClientRect();
    return { title: r('header.topbar h1').width, header: r('header.topbar'), tabs: r('nav.tabs'), button: button.height };
  });
}

describe.skipIf(!hasBrowser)('screens at 1366×768 and 1440×900', () => {
  it('the top bar is one line, and the tabs stay reachable under it when it wraps', async () => {
    const page = await app();
    for (const [w, h] of [
      [1366, 768],
      [1440, 900],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.waitForTimeout(100);
      const b = await boxes(page);
      expect(b.title, '需要中文字体才能量版面（apt-get install fonts-wqy-microhei）').toBeGreaterThan(60);
      // One line: the bar is its padding (2 × 8 px) and one row of controls.
      expect(b.header.height, `${w} px`).toBeLessThan(b.button + 16 + 12);
      expect(Math.round(b.tabs.top), `${w} px`).toBe(Math.round(b.header.bottom));
    }
    // Narrower, the bar wraps; scrolled down, the tabs sit under its second line, not beneath it.
    await page.setViewportSize({ width: 1000, height: 768 });
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(200);
    const b = await boxes(page);
    expect(b.header.height).toBeGreaterThan(b.button + 16 + 12);
    expect(Math.round(b.tabs.top)).toBe(Math.round(b.header.bottom));
    await page.getByRole('tab', { name: '附件1', exact: true }).click();
    await page.locator('table.completion').waitFor();
  });

  it('the import preview keeps 确认导入 and 取消 on the screen at 1366×768, and its table headers cover no row', async () => {
    const page = await app();
    await page.setViewportSize({ width: 1366, height: 768 });
    // Townships' actuals changed in three tables: a preview longer than the screen.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await annexesXlsx({ messy: true })) as unknown as ExcelJS.Buffer);
    for (const sheet of ['附件1', '附件2', '附件3']) {
      wb.getWorksheet(sheet)!.eachRow((row, n) => {
        const v = row.getCell(3).value;
        if (n > 4 && typeof v === 'number') row.getCell(3).value = v + 1;
      });
    }
    const path = join(mkdtempSync(join(tmpdir(), 'kaohe-screens-')), '附件1-5.xlsx');
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
    await page.getByLabel('导入 Excel', { exact: true }).setInputFiles(path);
    const dialog = page.getByRole('dialog', { name: '导入预览' });
    await dialog.waitFor();
    // Taller than the screen, yet the buttons are on it.
    expect(await page.evaluate(() => document.querySelector('.modal')!.scrollHeight)).toBeGreaterThan(768);
    for (const name of ['确认导入', '取消']) {
      const box = (await dialog.getByRole('button', { name }).boundingBox())!;
      expect(box.y + box.height, name).toBeLessThanOrEqual(768);
      expect(box.y, name).toBeGreaterThanOrEqual(0);
    }
    expect(await dialog.getByRole('table', { name: '将要修改的数据' }).locator('tbody tr').count()).toBeGreaterThan(20);
    // Scrolled part way, no header floats over a row: the middle of every row in view is that row.
    await page.evaluate(() => document.querySelectorAll('.modal, .modal-backdrop').forEach((el) => (el.scrollTop = 250)));
    await page.waitForTimeout(100);
    const covered = await page.evaluate(() => {
      const out: string[] = [];
      const m = document.querySelector('.modal')!.getBoundingClientRect();
      for (const tr of Array.from(document.querySelectorAll('.modal table tbody tr'))) {
        const r = tr.getBoundingClientRect();
        const y = r.top + r.height / 2;
        // Rows in view: inside the dialog's visible part and the window.
        if (y < Math.max(0, m.top) + 2 || y > Math.min(innerHeight, m.bottom) - 2) continue;
        const hit = document.elementFromPoint(r.left + 5, y);
        if (hit && !tr.contains(hit) && !hit.closest('.modal-actions')) out.push(`${tr.textContent?.slice(0, 20)} ← ${hit.tagName} ${hit.textContent?.slice(0, 10)}`);
      }
      return out;
    });
    expect(covered).toEqual([]);
  });

  it('printing: 考核得分明细 on landscape pages, 14 units in at most 9 (it ran to 15, the title alone on the first); 数据录入 points to the export', async () => {
    const page = await app();
    const pdfOf = async (tab: string) => {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await page.locator('main[aria-busy="false"]').waitFor();
      await page.waitForTimeout(300);
      // As the print dialog does: the page size the style sheet asks for.
      const s = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
      return { pages: (s.match(/\/Type\s*\/Page[^s]/g) ?? []).length, box: s.match(/\/MediaBox\s*\[([^\]]*)\]/)![1]!.trim().split(/\s+/).map(Number) };
    };
    const detail = await pdfOf('考核得分明细');
    expect(detail.box[2]!).toBeGreaterThan(detail.box[3]!); // landscape
    expect(detail.pages).toBeLessThanOrEqual(9);
    expect(detail.pages).toBeGreaterThanOrEqual(4);
    await page.getByRole('tab', { name: '数据录入', exact: true }).click();
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('grid-print-note').isVisible()).toBe(true);
    expect(await page.locator('.data-grid').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByTestId('grid-print-note').isVisible()).toBe(false);
  });
});
