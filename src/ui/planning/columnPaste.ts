/**
 * A block pasted into a column of entry boxes (目标分解 weights, 情景任务数): read in the worker by
 * township name (readPasted); by name it lands on the named townships and what is unknown or
 * missing is said; a lone column of values lands by position only after the person has seen each
 * township with its value (the preview) and confirmed. Nothing is pasted silently by position.
 */
import { createSignal } from 'solid-js';
import type { PastedLine } from '../../service/protocol';
import type { Engine } from '../../worker-client/client';
import type { AppState } from '../state/appState';

export interface ColumnPastePreview {
  what: string;
  lines: PastedLine[];
  apply: () => void;
}

export function createColumnPaste(app: AppState, engine: Engine) {
  const [preview, setPreview] = createSignal<ColumnPastePreview | null>(null);
  /**
   * `what`: 权重 or 情景任务数; `from`: the unit position of the box pasted into; `apply` gets
   * unit id → the text pasted.
   */
  const paste = async (e: ClipboardEvent, periodId: string, from: number, what: string, apply: (values: Record<string, string>) => void) => {
    const text = e.clipboardData?.getData('text/plain') ?? '';
    // One value into one box: the box takes it as typed.
    if (!/[\n\t]/.test(text.replace(/\r?\n$/, ''))) return;
    e.preventDefault();
    try {
      const got = await engine.readPasted(periodId, text, from);
      if (got.notNumbers.length) return app.say(`粘贴的${what}中有不是数字的值：${got.notNumbers.slice(0, 5).join('；')}。未粘贴。`, 'warn');
      const values = Object.fromEntries(got.lines.flatMap((l) => (l.unitId ? [[l.unitId, l.text]] : [])));
      if (got.byName) {
        apply(values);
        const notes = [
          got.unknown.length ? `不认识的名称 ${got.unknown.join('、')}（未粘贴）` : '',
          got.twice.length ? `${got.twice.join('、')} 出现了两次（都未采用）` : '',
          got.missing.length ? `没有给出 ${got.missing.length} 个单位：${got.missing.slice(0, 10).join('、')}${got.missing.length > 10 ? '……' : ''}` : '',
        ].filter(Boolean);
        app.say(`已按乡镇名称粘贴 ${Object.keys(values).length} 个${what}。${notes.join('；')}${notes.length ? '。' : ''}`, notes.length ? 'warn' : 'info');
        return;
      }
      const beyond = got.lines.filter((l) => !l.unitId).length;
      if (beyond) return app.say(`粘贴了 ${got.lines.length} 行${what}，从这一格往下只有 ${got.lines.length - beyond} 个单位，未粘贴。`, 'warn');
      setPreview({ what, lines: got.lines, apply: () => apply(values) });
    } catch (err) {
      app.fail(err);
    }
  };
  return {
    paste,
    preview,
    confirm() {
      preview()?.apply();
      setPreview(null);
    },
    cancel: () => setPreview(null),
  };
}
