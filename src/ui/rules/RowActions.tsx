/** ↑ ↓ 删除 for one row of the rule editor. */
export function RowActions(props: { what: string; name: string; onMove: (d: -1 | 1) => void; onRemove: () => void }) {
  return (
    <td class="no-print actions">
      <button type="button" title={`上移${props.what}`} onClick={() => props.onMove(-1)}>
        ↑
      </button>
      <button type="button" title={`下移${props.what}`} onClick={() => props.onMove(1)}>
        ↓
      </button>
      <button type="button" title={`删除${props.what}“${props.name}”`} onClick={() => props.onRemove()}>
        删除
      </button>
    </td>
  );
}
