/** The edit the editing and survival tests make, as the grid must show it after any relaunch. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { cellText } from './browser';

/** 大箕铺镇 科技型中小企业入库: target 11 → 15 makes its rate 126.67% (#10 instead of #1). */
export async function expectDjpEdited(page: Page): Promise<void> {
  await expect.poll(() => cellText(page, 'djp', 'tech_sme', 'target')).toBe('15');
  await expect.poll(() => cellText(page, 'djp', 'tech_sme', 'rate')).toBe('126.67%');
  expect(await cellText(page, 'djp', 'tech_sme', 'score')).toBe('8.7');
  expect(await cellText(page, 'djp', null, 'total')).toBe('77.41');
  expect(await cellText(page, 'djp', null, 'rank')).toBe('8');
}
