/**
 * What the import preview and the returns preview both show: the cells that would change (old →
 * new, where read), added 100 rows per task, and the lists of refused cells and of warnings.
 */
import { For, Show } from 'solid-js';
import { createProgressiveList } from './progressive';
import type { PreviewChange, Unmatched } from '../../service/protocol';

export function ChangesTable(props: { label: string; changes: readonly PreviewChange[]; newHeader: string; whereHeader: string }) {
  // 500 rows at once held the page for about 240 ms.
  const shown = createProgressiveList(() => props.changes, 50, 40);
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

/**
 * Names in a file that no unit (or indicator) of the period goes by — never guessed from a name
 * inside another (金湖新区 is not 金湖街道): each is mapped to one, or skipped, by the person.
 */
export function UnmatchedNames(props: {
  unmatched: readonly Unmatched[];
  units: readonly { id: string; name: string }[];
  indicators: readonly { id: string; name: string }[];
  disabled?: boolean;
  onChoose: (kind: 'unit' | 'indicator', key: string, chosen: string) => void;
}) {
  return (
    <Show when={props.unmatched.length > 0}>
      <section data-testid="unmatched-names">
        <h3>未能识别的名称（请选择对应项，或跳过；未选择的不导入）</h3>
        <table class="grid small" aria-label="未识别的名称">
          <thead>
            <tr>
              <th>文件中的名称</th>
              <th>位置</th>
              <th>对应为</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.unmatched}>
              {(u) => (
                <tr>
                  <td class="text">
                    {u.kind === 'unit' ? '单位' : '指标'}“{u.raw}”{u.count > 1 ? `（${u.count} 处）` : ''}
                  </td>
                  <td class="text">{u.where}</td>
                  <td>
                    <select aria-label={`对应“${u.raw}”`} value={u.chosen ?? ''} disabled={props.disabled} onChange={(e) => props.onChoose(u.kind, u.key, e.currentTarget.value)}>
                      <option value="">（未选择：跳过）</option>
                      <option value="skip">跳过</option>
                      <For each={u.kind === 'unit' ? props.units : props.indicators}>{(x) => <option value={x.id}>{x.name}</option>}</For>
                    </select>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
    </Show>
  );
}
