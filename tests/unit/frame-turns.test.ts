/**
 * Pieces of work after frames (src/ui/shared/frameTurns.ts): one per frame, in the order asked, each
 * in a task after the frame's callback; a withdrawn piece never runs.
 */
import { afterEach, describe, expect, it } from 'vitest';

const frames: (() => void)[] = [];
const g = globalThis as unknown as { requestAnimationFrame?: (cb: () => void) => number };
const frame = async () => {
  const due = frames.splice(0);
  due.forEach((cb) => cb());
  await new Promise((r) => setTimeout(r, 0));
};

describe('frame turns', () => {
  afterEach(() => {
    delete g.requestAnimationFrame;
  });

  it('runs one piece per frame, in order, after the frame; a withdrawn one never', async () => {
    g.requestAnimationFrame = (cb) => frames.push(cb);
    const { inTurn } = await import('../../src/ui/shared/frameTurns');
    const ran: string[] = [];
    inTurn(() => ran.push('list step 1'));
    inTurn(() => ran.push('chart'));
    const withdraw = inTurn(() => ran.push('withdrawn'));
    inTurn(() => {
      ran.push('list step 2');
      inTurn(() => ran.push('list step 3'));
    });
    withdraw();
    expect(ran).toEqual([]);
    await new Promise((r) => setTimeout(r, 0));
    expect(ran).toEqual([]); // nothing before a frame
    await frame();
    expect(ran).toEqual(['list step 1']);
    await frame();
    expect(ran).toEqual(['list step 1', 'chart']);
    await frame();
    await frame();
    expect(ran).toEqual(['list step 1', 'chart', 'list step 2', 'list step 3']);
    await frame();
    expect(frames).toHaveLength(0); // idle: no frame asked for
  });
});
