/**
 * What the import preview and the returns preview both show: the cells that would change (old →
 * new, where read), added 100 rows per task, and the lists of refused cells and of warnings.
 */
import { For, Show } from 'solid-js';
import { createProgressiveList } from './progressive';
import type { PreviewChange } from '../app/protocol';

export function ChangesTable(props: { label: string; changes: readonly PreviewChange[]; newHeader: string; whereHeader: string }) {
  // 500 rows at once held the page for about 240 ms.
  const shown = createProgressiveList(() => props.changes, 100);
  return (
    <table class="grid small" aria-label={props.label}>
      <thead>
        <tr>
          <th>单位</th>
          <th>指标</th>
          <th>项目</th>
          <th>原值</th>
          <th>{props.newHeader}</th>
          <th>{props.whereHeader}</th>
        </tr>
      </thead>
      <tbody>
        <For each={shown()}>
          {(c) => (
            <tr>
              <td class="text">{c.unitName}</td>
              <td class="text">{c.indicatorName}</td>
              <td class="text">{c.field}</td>
              <td class="num">{c.oldText}</td>
              <td class="num changed">{c.newText}</td>
              <td class="text where">{c.where}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

/** Refused cells (each naming file, sheet, row and column) and warnings to check. */
export function ProblemLists(props: { errors: readonly string[]; warnings: readonly string[]; errorsTitle: string }) {
  return (
    <>
      <Show when={props.errors.length > 0}>
        <section class="import-errors" role="alert">
          <h3>{props.errorsTitle}</h3>
          <ul>
            <For each={props.errors}>{(e) => <li>{e}</li>}</For>
          </ul>
        </section>
      </Show>
      <Show when={props.warnings.length > 0}>
        <section class="import-warnings">
          <h3>提示</h3>
          <ul>
            <For each={props.warnings}>{(w) => <li>{w}</li>}</For>
          </ul>
        </section>
      </Show>
    </>
  );
}
