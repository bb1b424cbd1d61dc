/** Latest wins: of two asks of one view, the older answer never lands over the newer one. */
import { describe, expect, it } from 'vitest';
import { latestOnly, OVERTAKEN } from '../../src/worker-client/latest';

const later = <T,>(ms: number, v: T, fail = false) => new Promise<T>((res, rej) => setTimeout(() => (fail ? rej(new Error(String(v))) : res(v)), ms));

describe('latestOnly', () => {
  it('the older answer arriving last is dropped; the newer one is kept', async () => {
    const ask = latestOnly();
    const older = ask(later(30, ['dy']));
    const newer = ask(later(5, ['jn', 'dy', 'dfnc', 'msx']));
    expect(await newer).toEqual(['jn', 'dy', 'dfnc', 'msx']);
    expect(await older).toBe(OVERTAKEN);
  });
  it('an overtaken failure is dropped too; the latest failure is thrown', async () => {
    const ask = latestOnly();
    const older = ask(later(20, 'a', true));
    const newer = ask(later(5, 'b', true));
    await expect(newer).rejects.toThrow('b');
    expect(await older).toBe(OVERTAKEN);
  });
  it('asks one after another each get their answer', async () => {
    const ask = latestOnly();
    expect(await ask(later(1, 1))).toBe(1);
    expect(await ask(later(1, 2))).toBe(2);
  });
});
