/**
 * The 目标分解表 form as an earlier build kept it in this browser (localStorage, per period): read
 * once as the start of a period whose workbook holds no layout yet (the layout is now part of the
 * workbook: PeriodMeta.decompositionTable). Read back, anything malformed is dropped field by field.
 */
import * as v from 'valibot';
import type { DecompositionLayout, DecompositionSource } from '../../service/protocol';
import { preference } from '../shared/preference';

export interface MultiForm {
  ids: string[] | null;
  source: DecompositionSource;
  title: string;
  /** As the plan prints it: display units (indicator id → unit, decimals), the row order, the date line. */
  layout: DecompositionLayout;
  /** What the row order came from, in words ('' = the workbook's order). */
  orderFrom: string;
}

/** kaohe-gongzuobu:decomposition-table:<period>, checked field by field below. */
const earlier = preference('decomposition-table', v.record(v.string(), v.unknown()));
const EMPTY_FORM: MultiForm = { ids: null, source: 'decompositions', title: '', layout: {}, orderFrom: '' };

const text = (v: unknown, max: number): string | null => (typeof v === 'string' && v.length <= max ? v : null);
const texts = (v: unknown, max: number): string[] | null => (Array.isArray(v) && v.length <= 100_000 && v.every((x) => typeof x === 'string' && x.length <= 200) ? (v as string[]).slice(0, max) : null);

function layoutOf(v: unknown): DecompositionLayout {
  const o = v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  const out: DecompositionLayout = {};
  if (o.display && typeof o.display === 'object') {
    const display: NonNullable<DecompositionLayout['display']> = {};
    for (const [id, d] of Object.entries(o.display as Record<string, unknown>)) {
      const x = d && typeof d === 'object' ? (d as Record<string, unknown>) : {};
      const unit = text(x.unit, 10);
      if (unit && Number.isInteger(x.decimals) && (x.decimals as number) >= 0 && (x.decimals as number) <= 6) display[id] = { unit, decimals: x.decimals as number };
    }
    out.display = display;
  }
  const order = texts(o.order, 100_000);
  if (order) out.order = order;
  const date = text(o.date, 100);
  if (date !== null) out.date = date;
  return out;
}

export function loadForm(periodId: string): MultiForm | null {
  try {
    const o = earlier.read(periodId) as Record<string, unknown> | undefined;
    if (!o) return null;
    return {
      ids: o.ids === null ? null : (texts(o.ids, 1000) ?? null),
      source: text(o.source, 200) ?? EMPTY_FORM.source,
      title: text(o.title, 200) ?? '',
      layout: layoutOf(o.layout),
      orderFrom: text(o.orderFrom, 200) ?? '',
    };
  } catch {
    return null;
  }
}
