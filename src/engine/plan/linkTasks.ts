/**
 * Which township indicator a task adds up, guessed by name when the plan is entered: the same
 * characters in another order (入库科技型中小企业数 ↔ 科技型中小企业入库数), or one name inside the
 * other (登记技术合同成交额 ↔ 技术合同成交额), with a unit the sum converts to. The person may change it.
 */
import { linkable, type Indicator, type PlanTask } from '../../model';

const sorted = (s: string) => [...s.replace(/\s+/gu, '')].sort().join('');

export function suggestedIndicator(task: Pick<PlanTask, 'name' | 'unit'>, indicators: readonly Pick<Indicator, 'id' | 'name' | 'unit' | 'aliases'>[]): string | undefined {
  const fits = indicators.filter((i) => linkable(task.unit, i.unit));
  const names = (i: (typeof fits)[number]) => [i.name, ...i.aliases];
  const same = fits.find((i) => names(i).some((n) => sorted(n) === sorted(task.name)));
  if (same) return same.id;
  const inside = fits.filter((i) => names(i).some((n) => n.length >= 4 && (task.name.includes(n) || n.includes(task.name))));
  return inside.length === 1 ? inside[0]!.id : undefined;
}
