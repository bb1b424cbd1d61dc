/** Latest wins: the page's answer to a view asked twice (re-exported by client.ts). */
/** What an overtaken ask resolves to: a newer ask of the same view was made meanwhile. */
export const OVERTAKEN: unique symbol = Symbol('overtaken');
export type Overtaken = typeof OVERTAKEN;

/**
 * Latest wins, for a view that can be asked twice (a preview, a sorted page, an explanation):
 * `const ask = latestOnly(); const v = await ask(engine().x(...)); if (v === OVERTAKEN) return;`
 * An older answer (or failure) arriving after a newer ask is dropped, never shown over it.
 */
export function latestOnly(): <T>(p: Promise<T>) => Promise<T | Overtaken> {
  let last = 0;
  return async <T,>(p: Promise<T>): Promise<T | Overtaken> => {
    const mine = ++last;
    try {
      const v = await p;
      return mine === last ? v : OVERTAKEN;
    } catch (e) {
      if (mine !== last) return OVERTAKEN;
      throw e;
    }
  };
}
