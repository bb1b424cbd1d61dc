import { Show } from 'solid-js';

/**
 * Pages of a long table (shown only when there is more than one): 第 1–500 个单位，共 40 000 个.
 * Each page is built in the worker on request; a county's tables fit on one page and print whole.
 */
export function Pager(props: { offset: number; pageSize: number; rowCount: number; what: string; onPage: (offset: number) => void }) {
  const pages = () => Math.ceil(props.rowCount / props.pageSize);
  const page = () => Math.floor(props.offset / props.pageSize) + 1;
  const go = (p: number) => props.onPage((Math.min(Math.max(p, 1), pages()) - 1) * props.pageSize);
  return (
    <Show when={Number.isFinite(props.pageSize) && props.rowCount > props.pageSize}>
      <nav class="pager no-print" aria-label="分页">
        <button type="button" disabled={page() <= 1} onClick={() => go(page() - 1)}>
          上一页
        </button>
        <span data-testid="pager-range">
          第 {props.offset + 1}–{Math.min(props.offset + props.pageSize, props.rowCount)} {props.what}，共 {props.rowCount.toLocaleString('zh-CN')} 个
        </span>
        <button type="button" disabled={page() >= pages()} onClick={() => go(page() + 1)}>
          下一页
        </button>
        <label>
          转到第
          <input
            type="number"
            min={1}
            max={pages()}
            value={page()}
            aria-label="页码"
            onChange={(e) => go(Number(e.currentTarget.value) || 1)}
          />
          页（共 {pages()} 页）
        </label>
      </nav>
    </Show>
  );
}
