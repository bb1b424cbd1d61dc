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
import { frames, freshApps, hasBrowser } from './browser';
import { annexesXlsx } from '../support/seed-files';

const app = freshApps(afterEach);

async function boxes(page: Page) {
  return page.evaluate(() => {
    const r = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
    const button = document.querySelector('header.topbar button')!.getBoundingClientRect();
    return { title: r('header.topbar h1').width, header: r('header.topbar'), tabs: r('nav.tabs'), button: button.height };
  });
}

/** What a person sees of the top bar, the tabs and the grid, as numbers. */
async function layout(page: Page) {
  return page.evaluate(() => {
    const box = (el: Element) => el.getBoundingClientRect();
    const bar = box(document.querySelector('header.topbar')!);
    const controls = Array.from(document.querySelectorAll('header.topbar > *, header.topbar label > *, header.topbar summary')).filter((el) => box(el).width > 0 && el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && getComputedStyle(el).display !== 'contents');
    const tabs = Array.from(document.querySelectorAll('nav.tabs .tab'));
    const scroller = box(document.querySelector('.grid-scroll')!);
    const head = box(document.querySelector('.entry-head')!);
    // Rows wholly in view between the grid's header and its bottom (less a horizontal scrollbar).
    const bottom = scroller.top + (document.querySelector('.grid-scroll') as HTMLElement).clientHeight;
    const rows = Array.from(document.querySelectorAll('[role=grid] [role=row][data-unit]')).filter((r) => box(r).top >= head.bottom - 1 && box(r).bottom <= bottom + 1).length;
    // Two controls of the bar overlapping each other (a picker's arrow over a label, say).
    const overlaps: string[] = [];
    for (let i = 0; i < controls.length; i++) {
      for (let j = i + 1; j < controls.length; j++) {
        const a = box(controls[i]!);
        const b = box(controls[j]!);
        if (controls[i]!.contains(controls[j]!) || controls[j]!.contains(controls[i]!)) continue;
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) overlaps.push(`${controls[i]!.textContent?.slice(0, 8)} × ${controls[j]!.textContent?.slice(0, 8)}`);
      }
    }
    const tabLines = tabs.map((t) => {
      const style = getComputedStyle(t);
      return { text: t.textContent ?? '', lines: Math.round((box(t).height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom) - 1) / parseFloat(style.lineHeight === 'normal' ? String(parseFloat(style.fontSize) * 1.3) : style.lineHeight)) };
    });
    const cut = controls.filter((el) => box(el).right > innerWidth + 0.5 || box(el).left < -0.5).map((el) => el.textContent?.slice(0, 8));
    return {
      barHeight: bar.height,
      buttonHeight: box(document.querySelector('header.topbar button')!).height,
      tops: [...new Set(controls.map((el) => Math.round(box(el).top + box(el).height / 2)))],
      tabLines,
      tabsRight: box(tabs.at(-1)!).right,
      rows,
      overlaps,
      cut,
      pageScrolls: document.documentElement.scrollHeight > innerHeight + 1,
      // A Chinese label's width (the first tab's), to know a Chinese font is there.
      titleWidth: box(tabs[0]!).width,
    };
  });
}

describe.skipIf(!hasBrowser)('at 1366×768 and at Windows\' 125 % (1093×615 CSS pixels)', () => {
  for (const screen of [
    { width: 1366, height: 768, scale: 1 },
    { width: 1093, height: 615, scale: 1.25 },
  ]) {
    it(`${screen.width}×${screen.height} at ${screen.scale * 100} %: the bar on one line, no tab label broken, at least 12 townships in the grid, nothing overlapped or cut`, async () => {
      const page = await app(screen);
      await page.getByRole('tab', { name: '数据录入', exact: true }).click();
      await page.locator('[role=grid] [role=row][data-unit]').first().waitFor();
      await frames(page);
      const l = await layout(page);
      expect(l.titleWidth, '需要中文字体才能量版面（apt-get install fonts-wqy-microhei）').toBeGreaterThan(60);
      // One line: every control's middle at (nearly) the same height, and the bar one control tall.
      expect(Math.max(...l.tops) - Math.min(...l.tops), JSON.stringify(l.tops)).toBeLessThanOrEqual(4);
      expect(l.barHeight).toBeLessThan(l.buttonHeight + 20);
      expect(l.tabLines.filter((t) => t.lines !== 1)).toEqual([]);
      expect(l.overlaps).toEqual([]);
      expect(l.cut).toEqual([]);
      expect(l.rows).toBeGreaterThanOrEqual(12);
      expect(l.pageScrolls).toBe(false);
      // A few seconds on, the notices fold to one line over the help line: no grid cell is covered.
      await page.locator('.notices.folded').waitFor({ timeout: 20_000 });
      const covered = await page.evaluate(() => {
        const out: string[] = [];
        for (const r of Array.from(document.querySelectorAll('[role=grid] [role=row][data-unit]'))) {
          const y = r.getBoundingClientRect().top + r.getBoundingClientRect().height / 2;
          for (const c of Array.from(r.querySelectorAll('[role=gridcell]'))) {
            const b = c.getBoundingClientRect();
            if (b.right > innerWidth || b.left < 0) continue;
            const hit = document.elementFromPoint(b.left + b.width / 2, y);
            if (hit && !r.contains(hit)) out.push(`${r.getAttribute('data-unit')} ← ${hit.className}`);
          }
        }
        return [...new Set(out)];
      });
      expect(covered).toEqual([]);
      // Pointed at, the note opens in full again.
      const note = page.getByRole('note');
      const box = (await note.boundingBox())!;
      const foldedHeight = box.height;
      await page.mouse.move(box.x + 20, box.y + box.height / 2);
      await expect.poll(async () => (await note.boundingBox())!.height).toBeGreaterThan(foldedHeight + 10);
      // The actions moved off the bar are one click away, in 更多.
      await page.getByText('更多', { exact: true }).click();
      for (const item of ['单独导出附件1', '打印（Ctrl+P）']) expect(await page.getByRole('menuitem', { name: item }).isVisible(), item).toBe(true);
    });
  }
});

describe.skipIf(!hasBrowser)('every tab at 125 % (1093×615)', () => {
  it('no page wider than the window, every control of the page in view or in a frame that scrolls, the workbook’s name whole', async () => {
    const page = await app({ width: 1093, height: 615, scale: 1.25 });
    const tabs = await page.getByRole('tab').allTextContents();
    expect(tabs.length).toBeGreaterThanOrEqual(14);
    const problems: string[] = [];
    for (const t of tabs) {
      await page.getByRole('tab', { name: t, exact: true }).click();
      await page.locator('main[aria-busy="false"]').waitFor();
      await frames(page);
      const found = await page.evaluate(() => {
        const out: string[] = [];
        if (document.documentElement.scrollWidth > innerWidth + 1) out.push(`page ${document.documentElement.scrollWidth} px wide`);
        for (const el of Array.from(document.querySelectorAll('main button, main select, main input, main textarea'))) {
          const b = el.getBoundingClientRect();
          if (!b.width) continue;
          // Inside a frame that scrolls sideways, the frame is what must be in the window.
          const frame = el.closest('.table-frame, .grid-scroll, .scroll-box');
          const r = frame ? frame.getBoundingClientRect() : b;
          if (r.right > innerWidth + 1 || r.left < -1) out.push(`${el.tagName} ${(el as HTMLElement).innerText || el.getAttribute('aria-label') || ''}`.slice(0, 30));
        }
        return out;
      });
      problems.push(...found.map((f) => `${t}: ${f}`));
    }
    expect(problems).toEqual([]);
    // The workbook's name is shown whole in its picker.
    const fits = await page.getByRole('combobox', { name: '工作簿' }).evaluate((el: HTMLSelectElement) => {
      const g = document.createElement('canvas').getContext('2d')!;
      g.font = getComputedStyle(el).font;
      return g.measureText(el.options[el.selectedIndex]!.text).width + 20 <= el.getBoundingClientRect().width;
    });
    expect(fits).toBe(true);
  });
});

describe.skipIf(!hasBrowser)('screens at 1366×768 and 1440×900', () => {
  it('the top bar is one line, and the tabs stay reachable under it when it wraps', async () => {
    const page = await app();
    for (const [w, h] of [
      [1366, 768],
      [1440, 900],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await frames(page);
      const b = await boxes(page);
      expect(b.title, '需要中文字体才能量版面（apt-get install fonts-wqy-microhei）').toBeGreaterThan(60);
      // One line: the bar is its padding (2 × 8 px) and one row of controls.
      expect(b.header.height, `${w} px`).toBeLessThan(b.button + 16 + 12);
      expect(Math.round(b.tabs.top), `${w} px`).toBe(Math.round(b.header.bottom));
    }
    // Narrower, the bar wraps; scrolled down, the tabs sit under its second line, not beneath it.
    await page.setViewportSize({ width: 1000, height: 768 });
    await page.mouse.wheel(0, 600);
    await frames(page, 3);
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
    await frames(page);
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
      await frames(page, 3);
      // As the print dialog does: the page size the style sheet asks for.
      const s = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
      return { pages: (s.match(/\/Type\s*\/Page[^s]/g) ?? []).length, box: s.match(/\/MediaBox\s*\[([^\]]*)\]/)![1]!.trim().split(/\s+/).map(Number) };
    };
    const detail = await pdfOf('考核得分明细');
    expect(detail.box[2]!).toBeGreaterThan(detail.box[3]!); // landscape
    expect(detail.pages).toBeLessThanOrEqual(9);
    expect(detail.pages).toBeGreaterThanOrEqual(4);
    await page.getByRole('tab', { name: '数据录入', exact: true }).click();
    // The grid arrives from the worker: wait for it (on a busy machine it had not yet, and the note
    // inside it was not there to be visible).
    await page.locator('.data-grid').waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('grid-print-note').isVisible()).toBe(true);
    expect(await page.locator('.data-grid').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByTestId('grid-print-note').isVisible()).toBe(false);
  });
});
