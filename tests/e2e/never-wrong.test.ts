/**
 * Issue 9 in the browser: a paste of a block copied from the grid lands in its own shape (case 1),
 * a zip bomb is refused within seconds with the page alive (case 4), a long read can be cancelled,
 * and typing a value the engine cannot score is refused at the cell.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { zipBomb } from '../support/bad-files';
import { cellText, gridCell, hasBrowser, launchProfile, openApp, openEntry, revealCell, waitSaved } from './browser';

const contexts: BrowserContext[] = [];
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
});
async function start() {
  const ctx = await launchProfile();
  contexts.push(ctx);
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await openApp(ctx);
  await openEntry(page);
  return { ctx, page };
}
const dir = mkdtempSync(join(tmpdir(), 'kaohe-never-wrong-'));

describe.skipIf(!hasBrowser)('never silently wrong, in the browser', () => {
  it('case 1: a 4-wide block (任务数, 实绩数, 完成率, 得分) copied from the grid pastes in its shape; nothing shifts into 技术合同', async () => {
    const { page } = await start();
    const contract = async () => [await cellText(page, 'lkq', 'tech_contract', 'target'), await cellText(page, 'lkq', 'tech_contract', 'actual')];
    const contractBefore = await contract();
    await (await revealCell(page, 'gxq', 'tech_sme', 'target')).click();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Control+C');
    expect((await page.evaluate(() => navigator.clipboard.readText())).trim()).toBe('111\t149\t134.23%\t9.4');
    // Copy → paste in place changes nothing.
    await page.keyboard.press('Control+V');
    await expect.poll(() => page.getByTestId('message').textContent()).toContain('粘贴的值与表中相同，没有改动。');
    await (await revealCell(page, 'lkq', 'tech_sme', 'target')).click();
    await page.keyboard.press('Control+V');
    await expect.poll(() => cellText(page, 'lkq', 'tech_sme', 'target')).toBe('111');
    expect(await cellText(page, 'lkq', 'tech_sme', 'actual')).toBe('149');
    await waitSaved(page);
    expect(await contract()).toEqual(contractBefore);
    expect(await cellText(page, 'lkq', 'tech_contract', 'score')).not.toBe('');
    // The same four columns as Excel would paste them (no column kinds): refused, nothing changed.
    await page.evaluate(() => navigator.clipboard.writeText('26\t30\t115.38%\t9.1\r\n'));
    await (await revealCell(page, 'lx', 'tech_sme', 'target')).click();
    const lxBefore = await cellText(page, 'lx', 'tech_sme', 'target');
    await page.keyboard.press('Control+V');
    await expect.poll(() => page.getByTestId('message').textContent()).toContain('会落在“完成率、得分”列上');
    expect(await cellText(page, 'lx', 'tech_sme', 'target')).toBe(lxBefore);
  });

  it('typing "abc" or 0 as a target is refused at the cell; Esc leaves the value as it was', async () => {
    const { page } = await start();
    const totalBefore = await cellText(page, 'cg', null, 'total');
    await (await revealCell(page, 'cg', 'talent', 'target')).click();
    await page.keyboard.type('abc');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('editor-error').textContent()).toContain('“abc”不是数字');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('editor-error').textContent()).toContain('任务数为 0，必须大于 0');
    await page.keyboard.press('Escape');
    expect(await page.locator('.cell-editor').count()).toBe(0);
    expect(await cellText(page, 'cg', null, 'total')).toBe(totalBefore);
    // "101.99%" pasted into a count (家) indicator is refused, naming the cell.
    await page.evaluate(() => navigator.clipboard.writeText('101.99%'));
    await (await revealCell(page, 'cg', 'tech_sme', 'actual')).click();
    await page.keyboard.press('Control+V');
    await expect.poll(() => page.getByTestId('message').textContent()).toContain('陈贵镇 科技型中小企业入库数：实绩数“101.99%”是百分数');
    expect(await cellText(page, 'cg', 'tech_sme', 'actual')).toBe('28');
  });

  it('case 4: a 1 MB zip bomb (1.1 GB inflated) is refused with a message within 5 s; the page stays alive', async () => {
    const { page } = await start();
    const path = join(dir, '炸弹.xlsx');
    writeFileSync(path, zipBomb(1100));
    const t0 = Date.now();
    await page.getByLabel('导入 Excel', { exact: true }).setInputFiles(path);
    await expect.poll(() => page.getByTestId('message').textContent(), { timeout: 5000 }).toContain('文件“炸弹.xlsx”解压后有 1100 MB');
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeLessThan(5000);
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    expect(await cellText(page, 'gxq', null, 'total')).toBe('85.06');
    expect(await gridCell(page, 'gxq', null, 'total').count()).toBe(1);
  });

  it('a long read shows progress and 取消 stops it without touching the workbook', async () => {
    const { page } = await start();
    // 400 000 rows: seconds of reading, long enough to be cancelled.
    const rows = ['序号,乡镇,规上企业研发人员（人）', ',,实绩数,任务数'];
    for (let i = 0; i < 400_000; i++) rows.push(`${i + 1},高新区,${5000 + (i % 7)},4800`);
    const path = join(dir, '大文件.csv');
    writeFileSync(path, rows.join('\r\n'));
    await page.getByLabel('导入 Excel', { exact: true }).setInputFiles(path);
    const progress = page.getByTestId('import-progress');
    await expect.poll(() => progress.count()).toBe(1);
    expect(await progress.textContent()).toContain('正在读取“大文件.csv”');
    await progress.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => page.getByTestId('message').textContent()).toContain('已取消读取“大文件.csv”，工作簿未作任何改动。');
    expect(await progress.count()).toBe(0);
    expect(await cellText(page, 'gxq', 'rd_staff', 'actual')).toBe('4917');
  });
});
