import { it } from 'vitest';
import { launchProfile, openApp, openEntry, revealCell, typeInto, waitSaved } from './browser';
it('shots', async () => {
  const ctx = await launchProfile();
  const a = await openApp(ctx);
  await a.setViewportSize({ width: 1366, height: 768 });
  const b = await openApp(ctx, true);
  await openEntry(a);
  await openEntry(b);
  await (await revealCell(b, 'gxq', 'talent', 'actual')).click();
  await (await revealCell(a, 'gxq', 'talent', 'actual')).click();
  await a.keyboard.type('105');
  await b.keyboard.type('104');
  await b.keyboard.press('Enter');
  await waitSaved(b);
  await a.getByTestId('editor-conflict').waitFor();
  await a.screenshot({ path: '.tmp/shot-editor-conflict.png' });
  await a.keyboard.press('Enter');
  await a.getByTestId('conflict').first().waitFor();
  await a.waitForTimeout(300);
  await a.screenshot({ path: '.tmp/shot-conflict.png' });
  await a.screenshot({ path: '.tmp/shot-conflict.png' });
  await a.getByRole('button', { name: '保留另一窗口的值' }).click({ timeout: 5000 });
  const worker = a.workers()[0]!;
  await worker.evaluate(() => {
    const real = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if ((self as unknown as { f: boolean }).f !== false) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return real.apply(this, args);
    };
  });
  await typeInto(a, 'cg', 'talent', 'actual', '9');
  await a.getByText('未保存（1 处）').waitFor();
  await a.waitForTimeout(300);
  await a.screenshot({ path: '.tmp/shot-unsaved.png' });
  await ctx.close();
}, 90000);
