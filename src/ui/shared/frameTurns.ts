/**
 * Work done one piece per frame, each in a task of its own just after a frame (a timer set in the
 * frame's callback): a step of a long list, a chart. One queue for all of them: two pieces after the
 * same frame made the second lay out what the first had added (a chart measuring its box right
 * after 100 new ranking rows: 24 ms of forced layout in a 65 ms task).
 */
const turns: (() => void)[] = [];
let scheduled = false;

function schedule(): void {
  if (scheduled || turns.length === 0) return;
  scheduled = true;
  requestAnimationFrame(() => setTimeout(runOne, 0));
}

function runOne(): void {
  scheduled = false;
  const job = turns.shift();
  try {
    job?.();
  } finally {
    schedule();
  }
}

/** Run `job` in a turn of its own after a frame; returns a function that withdraws it if not yet run. */
export function inTurn(job: () => void): () => void {
  turns.push(job);
  schedule();
  return () => {
    const k = turns.indexOf(job);
    if (k >= 0) turns.splice(k, 1);
  };
}
