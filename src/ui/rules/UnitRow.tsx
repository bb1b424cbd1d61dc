/** One unit of the 规则 page: its short name (rankings), full name (tables) and aliases (imports). */
import { BOXES, readBox, type Unit } from '../../model';
import { CheckedBox } from '../shared/CheckedBox';
import { TextField } from '../shared/Fields';
import { RowActions } from './RowActions';

/** Aliases as typed: separated by commas (half- or full-width), 、 or semicolons. */
const aliasesOf = (text: string) =>
  text
    .split(/[,，、;；]/u)
    .map((s) => s.trim())
    .filter(Boolean);
const ALIASES_MAX = 50;

function aliasesProblem(text: string): string | null {
  const list = aliasesOf(text);
  if (list.length > ALIASES_MAX) return `别名有 ${list.length} 个，最多 ${ALIASES_MAX} 个`;
  for (const a of list) {
    const r = readBox(BOXES.alias, a);
    if (!r.ok) return r.reason;
  }
  return null;
}

export function UnitRow(props: { unit: Unit; no: number; set: (label: string, fn: (u: Unit) => void) => Promise<void>; onMove: (d: -1 | 1) => void; onRemove: () => void }) {
  const u = () => props.unit;
  return (
    <tr>
      <td class="num">{props.no}</td>
      <td>
        <TextField box={BOXES.unitName} label="单位简称" value={u().name} onCommit={(v) => props.set('修改单位名称', (x) => (x.name = v))} />
      </td>
      <td>
        <TextField
          box={BOXES.fullName}
          label="单位全称"
          value={u().fullName ?? ''}
          onCommit={(v) =>
            props.set('修改单位全称', (x) => {
              if (v) x.fullName = v;
              else delete x.fullName;
            })
          }
        />
      </td>
      <td>
        <CheckedBox
          label="单位别名"
          class="wide"
          value={u().aliases.join('，')}
          check={aliasesProblem}
          normalize={(t) => aliasesOf(t).join('，')}
          onCommit={(t) => props.set('修改单位别名', (x) => (x.aliases = aliasesOf(t)))}
        />
      </td>
      <RowActions what="单位" name={u().name} onMove={props.onMove} onRemove={props.onRemove} />
    </tr>
  );
}
