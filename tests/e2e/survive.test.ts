/**
 * What a person typed survives the browser going away (issue 8): closed right after Enter, killed
 * 0–300 ms after it, closed with an editor still open — relaunched on the same profile.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cellText, hasBrowser, killBrowser, newProfileDir, openApp, openEntry, revealCell, typeInto, waitSaved, trackedLaunches } from './browser';
import { expectDjpEdited } from './djpEdited';

const launch = trackedLaunches(afterEach);

describe.skipIf(!hasBrowser)('an edit survives the browser going away, over file://', () => {
  it('an edit survives the browser being closed right after it, and a hard kill after 已保存', async () => {
    const first = await launch();
    let page = await openApp(first.ctx);
    await openEntry(page);
    await typeInto(page, 'djp', 'tech_sme', 'target', '15');
    await first.ctx.close(); // immediately: no waiting for the save

    const second = await launch(first.profile);
    page = await openApp(second.ctx);
    await openEntry(page);
    await expectDjpEdited(page);

    // Now a hard kill (SIGKILL) once the page says 已保存.
    await typeInto(page, 'gxq', 'talent', 'actual', '200');
    await waitSaved(page);
    await expect.poll(() => cellText(page, 'gxq', 'talent', 'actual')).toBe('200');
    await killBrowser(first.profile);
    await second.ctx.close().catch(() => undefined);

    const third = await launch(first.profile);
    page = await openApp(third.ctx);
    await openEntry(page);
    expect(await cellText(page, 'gxq', 'talent', 'actual')).toBe('200');
    await expectDjpEdited(page);
  });

  it('an edit survives SIGKILL of the browser 0, 50, 100 and 300 ms after Enter (relaunching the same profile)', async () => {
    const profile = newProfileDir();
    const kept: [string, string][] = [];
    for (const [i, delay] of [0, 50, 100, 300].entries()) {
      const run = await launch(profile);
      const page = await openApp(run.ctx);
      await openEntry(page);
      // Everything typed before this kill is still there.
      for (const [unit, v] of kept) expect(await cellText(page, unit, 'talent', 'actual')).toBe(v);
      const unit = ['gxq', 'cg', 'lx', 'jh'][i]!;
      const v = String(500 + delay);
      await typeInto(page, unit, 'talent', 'actual', v);
      // A fixed wait on purpose: the point is a kill at 0, 50, 100 and 300 ms after Enter, whatever the app is doing.
      await page.waitForTimeout(delay);
      await killBrowser(profile);
      await run.ctx.close().catch(() => undefined);
      kept.push([unit, v]);
    }
    const last = await launch(profile);
    const page = await openApp(last.ctx);
    await openEntry(page);
    for (const [unit, v] of kept) await expect.poll(() => cellText(page, unit, 'talent', 'actual')).toBe(v);
  });

  it('an edit survives SIGKILL while the worker is still busy with an earlier task (nothing of it written yet)', async () => {
    // Chromium writes localStorage to disk seconds late, so after a kill only IndexedDB holds what
    // the page journaled: the edit must be there the moment Enter is pressed, not once the worker writes it.
    const profile = newProfileDir();
    const run = await launch(profile);
    let page = await openApp(run.ctx);
    await openEntry(page);
    // The worker is busy (a long import, say) for 8 s: the edit waits in its queue, unwritten.
    void page.workers()[0]!.evaluate(() => {
      const end = Date.now() + 8000;
      while (Date.now() < end);
    }).catch(() => undefined);
    await page.waitForTimeout(200);
    await typeInto(page, 'lx', 'talent', 'actual', '606');
    expect(await cellText(page, 'lx', 'talent', 'actual')).toBe('606');
    await page.waitForTimeout(300);
    await killBrowser(profile);
    await run.ctx.close().catch(() => undefined);

    const again = await launch(profile);
    page = await openApp(again.ctx);
    await expect.poll(() => page.getByTestId('message').textContent()).toContain('已恢复上次关闭前未保存完的 1 处修改');
    await openEntry(page);
    expect(await cellText(page, 'lx', 'talent', 'actual')).toBe('606');
    await waitSaved(page);
  });

  it('text typed into an open editor survives the tab being closed mid-edit', async () => {
    const first = await launch();
    let page = await openApp(first.ctx);
    await openEntry(page);
    await (await revealCell(page, 'msx', 'talent', 'actual')).click();
    await page.keyboard.type('3');
    expect(await page.locator('.cell-editor').count()).toBe(1);
    await page.close({ runBeforeUnload: true });
    await first.ctx.close();

    const second = await launch(first.profile);
    page = await openApp(second.ctx);
    // Either the close committed it (pagehide → journal), or the app offers the unsaved text back.
    const restore = page.getByRole('button', { name: '恢复' });
    await openEntry(page);
    await expect
      .poll(async () => (await restore.isVisible()) || (await cellText(page, 'msx', 'talent', 'actual')) === '3', { timeout: 15_000 })
      .toBe(true);
    if (await restore.isVisible()) {
      expect(await page.getByRole('alert').filter({ hasText: '未提交的输入' }).textContent()).toContain('茗山乡 规上企业新招引科技人才 实绩数 = “3”');
      await restore.click();
      await waitSaved(page);
    }
    await openEntry(page);
    await expect.poll(() => cellText(page, 'msx', 'talent', 'actual')).toBe('3');
    expect(await cellText(page, 'msx', 'talent', 'score')).toBe('5');
  });
});
