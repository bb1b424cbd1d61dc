/**
 * The 目标分解 form of one indicator as the person left it — the city total, the rule, the weights
 * as typed (a refused one too, so it can be corrected), the minimum, the growth settings — kept per
 * workbook, period and indicator in localStorage, so leaving the tab, looking at another indicator
 * or reloading loses nothing typed (a preference: the workbook's data is not in it).
 */
import * as v from 'valibot';
import { createSignal } from 'solid-js';
import { preference } from '../shared/preference';
import type { WeightBasis } from '../../engine/text/weightWords';
import type { RoundingMode } from '../../model/exact';

/** How the targets are made: a split of the city total by weights, or growth on an earlier period. */
export type TargetRule = WeightBasis | 'growth';

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

const FormSchema = v.object({
  totalText: text(60),
  basis: v.picklist(['prevActual', 'prevTarget', 'equal', 'typed', 'growth']),
  source: v.nullable(text(200)),
  /** unit id → the weight as typed. */
  typed: v.pipe(v.record(text(200), text(60)), v.check((r) => Object.keys(r).length <= 100_000)),
  rateText: text(60),
  growthOf: v.picklist(['actual', 'target']),
  rounding: v.picklist(['down', 'halfUp', 'up']),
  minimumText: text(60),
});

export type DecomposeForm = v.InferOutput<typeof FormSchema> & { basis: TargetRule; rounding: RoundingMode };

export const EMPTY_FORM: DecomposeForm = { totalText: '', basis: 'prevActual', source: null, typed: {}, rateText: '5', growthOf: 'actual', rounding: 'down', minimumText: '' };

const stored = preference('decompose-form', FormSchema);

/** The forms of this page, by workbook|period|indicator: read from storage once, written on each change. */
export function createDecomposeForms() {
  const forms = new Map<string, DecomposeForm>();
  const [version, setVersion] = createSignal(0);
  return {
    /** `kept`: the form the period remembers it was applied with (any browser), when this one has none. */
    get(key: string, kept?: DecomposeForm): DecomposeForm {
      version();
      let f = forms.get(key);
      if (!f) {
        f = (stored.read(key) as DecomposeForm | undefined) ?? kept ?? EMPTY_FORM;
        forms.set(key, f);
      }
      return f;
    },
    update(key: string, patch: Partial<DecomposeForm>) {
      const next = { ...(forms.get(key) ?? EMPTY_FORM), ...patch };
      forms.set(key, next);
      stored.write(key, next);
      setVersion((n) => n + 1);
    },
  };
}
