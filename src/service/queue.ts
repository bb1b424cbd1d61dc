/**
 * One queue for every change, as local-first apps serialize their mutators: each task starts
 * when the one before it has finished (failed or not), so changes apply strictly in the order
 * the page sent them, and none is judged against a state its own predecessor is still changing.
 */
export interface Queue {
  run<T>(task: () => Promise<T> | T): Promise<T>;
  /** Tasks waiting or running. */
  readonly size: number;
}

export function createQueue(): Queue {
  let tail: Promise<unknown> = Promise.resolve();
  let size = 0;
  return {
    run<T>(task: () => Promise<T> | T): Promise<T> {
      size++;
      const result = tail.then(task).finally(() => size--);
      tail = result.catch(() => undefined);
      return result;
    },
    get size() {
      return size;
    },
  };
}
