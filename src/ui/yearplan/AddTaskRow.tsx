/**
 * 新增任务: a task typed in — its 指标类型, name and target with its unit ("60人", "3.4%",
 * "35.32亿元"); each box judged by the plan's policy before anything is sent.
 */
import { createSignal } from 'solid-js';
import { BOXES, readBox, readTaskTarget, type PlanTask } from '../../model';
import type { PlanEdits } from './planEdits';

export function AddTaskRow(props: { edits: PlanEdits; onFail: (e: unknown) => void }) {
  const [reason, setReason] = createSignal<string | null>(null);
  let group!: HTMLInputElement;
  let name!: HTMLInputElement;
  let target!: HTMLInputElement;
  const add = async () => {
    const g = readBox(BOXES.taskGroup, group.value);
    const n = readBox(BOXES.taskName, name.value);
    const t = n.ok ? readTaskTarget(target.value, n.value) : null;
    const why = !g.ok ? g.reason : !n.ok ? n.reason : !t!.ok ? t!.reason : null;
    setReason(why);
    if (why || !n.ok || !g.ok || !t?.ok) return;
    const task: PlanTask = { id: `task-${Date.now().toString(36)}`, group: g.value, name: n.value, ...t.value };
    try {
      await props.edits.addTask(task);
      name.value = '';
      target.value = '';
    } catch (e) {
      props.onFail(e);
    }
  };
  return (
    <p class="no-print add-task">
      新增任务：
      <input ref={group} aria-label="新任务 指标类型" placeholder="指标类型" size={8} />
      <input ref={name} aria-label="新任务 指标名称" placeholder="指标名称" size={20} />
      <input ref={target} aria-label="新任务 目标" placeholder="如 60人、3.4%" size={10} onKeyDown={(e) => e.key === 'Enter' && void add()} />
      <button type="button" onClick={() => void add()}>
        添加
      </button>
      <span class="box-reason" role="alert">
        {reason() ?? ''}
      </span>
    </p>
  );
}
