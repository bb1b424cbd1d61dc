/**
 * 新增考核期 / 改期 / 删除考核期 from the top bar: the dialog with the selected period's year and
 * quarter, and the confirmation before a period is deleted (kept first as a version).
 */
import { createSignal } from 'solid-js';
import type { PeriodTime } from '../../model';
import type { Engine } from '../../worker-client/client';
import type { AppState } from '../state/appState';
import type { PeriodChoice, PeriodDialogCurrent } from './PeriodDialog';

export function createPeriodFlow(app: AppState, engine: Engine) {
  const [dialog, setDialog] = createSignal<{ mode: 'add' | 'move'; current: PeriodDialogCurrent } | null>(null);
  return {
    dialog,
    close: () => setDialog(null),
    async open(mode: 'add' | 'move') {
      const id = app.periodId();
      const s = app.session();
      if (!id || !s) return;
      const meta = await engine.periodMeta(id);
      setDialog({
        mode,
        current: { id, label: s.periods.find((p) => p.id === id)?.label ?? '', year: meta.year, quarter: meta.quarter, ...(meta.month ? { month: meta.month } : {}), ...(meta.label ? { name: meta.label } : {}) },
      });
    },
    async confirm(mode: 'add' | 'move', id: string, c: PeriodChoice) {
      const at: PeriodTime = { year: c.year, quarter: c.quarter, ...(c.month ? { month: c.month } : {}), ...(c.label ? { label: c.label } : {}) };
      if (mode === 'add') await app.addPeriod(c.copyFrom, at);
      else await app.setPeriodTime(id, at);
      setDialog(null);
    },
    async remove() {
      const id = app.periodId();
      const label = app.session()?.periods.find((p) => p.id === id)?.label;
      if (!id || !label) return;
      if (!confirm(`删除考核期“${label}”及其全部数据？\n删除前会自动保存一个版本，可在“版本”中恢复。`)) return;
      await app.deletePeriod(id).catch(() => undefined);
    },
  };
}
