/**
 * The bar above the data-entry grid: filter the units by name or by what is left to do, and see
 * (and undo) the sort. Sorting and filtering only change what the grid shows, never the stored
 * order of units, and they are kept while editing: rows move only when the person asks again.
 */
import { createEffect, createSignal, on, Show } from 'solid-js';
import { describeOrder, isNatural, NATURAL_ORDER, type GridFilterStatus, type GridOrderSpec } from '../../../engine/text/orderWords';
import type { LoadedGrid } from './gridWindow';

/** `order`: the sort and filter last asked for (composed on, so two quick changes never undo each other). */
export function GridOrderBar(props: { view: LoadedGrid; order: GridOrderSpec; onOrder: (spec: GridOrderSpec) => void }) {
  const order = () => props.order;
  // What is typed, applied a moment after the last key (each application computes the rows again).
  const [text, setText] = createSignal(order().text);
  let timer: number | undefined;
  let input!: HTMLInputElement;
  // Another period's order (or 恢复原顺序): show its text, unless the person is typing.
  createEffect(on(() => order().text, (t) => document.activeElement !== input && setText(t), { defer: true }));
  const applyText = (t: string) => {
    window.clearTimeout(timer);
    if (t !== order().text) props.onOrder({ ...order(), text: t });
  };
  const nameOf = (id: string) => props.view.indicators.find((i) => i.id === id)?.name ?? id;
  return (
    <div class="order-bar no-print" role="search" aria-label="筛选和排序">
      <label>
        筛选单位
        <input
          ref={input}
          aria-label="筛选单位"
          placeholder="名称的一部分"
          value={text()}
          onInput={(e) => {
            const t = e.currentTarget.value;
            setText(t);
            window.clearTimeout(timer);
            // Reads the order when it fires (not tracked): the filter applies to the order as it is then.
            // eslint-disable-next-line solid/reactivity
            timer = window.setTimeout(() => applyText(t), 250);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') applyText(e.currentTarget.value);
            else if (e.key === 'Escape' && e.currentTarget.value) {
              setText('');
              applyText('');
            }
          }}
        />
      </label>
      <label>
        只看
        <select
          aria-label="只看"
          onChange={(e) => props.onOrder({ ...order(), status: e.currentTarget.value as GridFilterStatus })}
        >
          <option value="all" selected={order().status === 'all'}>
            全部单位
          </option>
          <option value="incomplete" selected={order().status === 'incomplete'}>
            未填完的
          </option>
          <option value="error" selected={order().status === 'error'}>
            有问题的
          </option>
        </select>
      </label>
      <span data-testid="order-status" classList={{ muted: isNatural(order()) }}>
        {isNatural(order())
          ? `共 ${props.view.unitCount} 个单位，按原顺序（点击列标题可排序）`
          : `${describeOrder(order(), nameOf)}：显示 ${props.view.rowCount} / ${props.view.unitCount} 个单位`}
      </span>
      <Show when={order().sort}>
        <button type="button" title="把此时的分数再排一次（排序后修改的数值不会自动移动行）" onClick={() => props.onOrder({ ...order() })}>
          重新排序
        </button>
      </Show>
      <Show when={!isNatural(order())}>
        <button
          type="button"
          onClick={() => {
            setText('');
            props.onOrder(NATURAL_ORDER);
          }}
        >
          恢复原顺序
        </button>
      </Show>
    </div>
  );
}
