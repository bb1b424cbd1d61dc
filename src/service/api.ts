/**
 * How the worker's methods are declared: each is a `mutation` (run in the one queue, after every
 * change sent before it, so none is judged against a state its predecessor is still changing) or a
 * `read` (answered at once from the state as it stands). The domain modules are combined into one
 * service by `combine`, which refuses a name given twice (object spread would let the later one
 * silently replace the earlier) and any method declared as neither.
 */
import type { Queue } from './queue';

const KIND = Symbol('kaohe.method');
type Kind = 'mutation' | 'read';
type Fn = (...args: never[]) => unknown;

/** A method that changes the workbook (or must see every change before it): it waits its turn in the queue. */
export function mutation<F extends (...args: never[]) => unknown>(queue: Queue, fn: F): (...args: Parameters<F>) => Promise<Awaited<ReturnType<F>>> {
  const m = (...args: Parameters<F>) => queue.run(() => fn(...args) as Awaited<ReturnType<F>>);
  return Object.assign(m, { [KIND]: 'mutation' as Kind });
}

/**
 * A mutation that changes what other windows show: once it has done its change, it is announced to
 * them, and a write that failed is retried (ServiceContext.afterChange) — said once, here, for all.
 */
export function change<F extends (...args: never[]) => unknown>(ctx: { queue: Queue; afterChange(): void }, fn: F): (...args: Parameters<F>) => Promise<Awaited<ReturnType<F>>> {
  return mutation(ctx.queue, (async (...args: Parameters<F>) => {
    const out = await fn(...args);
    ctx.afterChange();
    return out;
  }) as unknown as F);
}

/** A method that reads the state as it stands (a view, a preview): answered at once. */
export function read<F extends Fn>(fn: F): F {
  return Object.assign(fn, { [KIND]: 'read' as Kind });
}

export const kindOf = (f: unknown): Kind | undefined => (typeof f === 'function' ? (f as { [KIND]?: Kind })[KIND] : undefined);

type Merge<T extends object[]> = T extends [infer H, ...infer R extends object[]] ? H & Merge<R> : unknown;

/** The domain modules as one service: every method marked, no name twice. */
export function combine<T extends object[]>(...apis: T): Merge<T> {
  const out: Record<string, unknown> = {};
  for (const api of apis) {
    for (const [name, f] of Object.entries(api)) {
      if (name in out) throw new Error(`worker method “${name}” is defined twice`);
      if (!kindOf(f)) throw new Error(`worker method “${name}” is neither a mutation nor a read`);
      out[name] = f;
    }
  }
  return out as Merge<T>;
}
