/**
 * The year plan's changes as the page asks for them: each sends what the person changed with the
 * plan or progress as the page showed it (the worker rebases on what it holds, so two boxes kept in
 * quick succession both stay), at its box (a refusal shows there). One place for the tab's writes.
 */
import { EMPTY_PROGRESS, type PlanProgress, type PlanTask, type YearPlan } from '../../model';
import type { PlanPage } from '../../service/protocol';
import type { AppState } from '../state/appState';
import * as client from '../../worker-client/client';

type Tasks = PlanProgress['tasks'];
type Projects = PlanProgress['projects'];
type Works = PlanProgress['keyWork'];

/** A record without its empty fields ('' and undefined): what is kept is only what was given. */
function compact<T extends object>(x: T): T {
  return Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined && v !== '')) as T;
}

function withEntry<T extends object>(map: Record<string, T>, id: string, patch: Partial<T>): Record<string, T> {
  const next = compact({ ...map[id], ...patch } as T);
  const out = { ...map };
  if (Object.keys(next).length) out[id] = next;
  else delete out[id];
  return out;
}

export function planEdits(app: AppState, page: () => PlanPage, periodId: () => string) {
  const progress = (next: PlanProgress, label: string) => {
    const seen = page().progress;
    return app.changeAtBox(() => client.engine().setPlanProgress(periodId(), next, seen, label));
  };
  const plan = (next: YearPlan, label: string) => {
    const seen = page().plan;
    return app.changeAtBox(() => client.engine().setPlan(periodId(), next, seen, label));
  };
  const held = (): YearPlan => page().plan ?? { title: '', tasks: [], projects: [], keyWork: [] };
  const own = () => page().progress ?? EMPTY_PROGRESS;
  return {
    task: (id: string, patch: Partial<Tasks[string]>, label: string) => progress({ ...own(), tasks: withEntry(own().tasks, id, patch) }, label),
    project: (id: string, patch: Partial<Projects[string]>, label: string) => progress({ ...own(), projects: withEntry(own().projects, id, patch) }, label),
    work: (id: string, patch: Partial<Works[string]>, label: string) => progress({ ...own(), keyWork: withEntry(own().keyWork, id, patch) }, label),
    report: (patch: NonNullable<PlanProgress['report']>, label: string) => {
      const report = compact({ ...own().report, ...patch });
      const next = { ...own() };
      if (Object.keys(report).length) next.report = report;
      else delete next.report;
      return progress(next, label);
    },
    /** A task's own fields (name, target, 科室, the indicator it adds up). */
    editTask: (id: string, patch: Partial<PlanTask>, label: string) => {
      const p = held();
      const tasks = p.tasks.map((t) => {
        if (t.id !== id) return t;
        const next = { ...t, ...patch };
        if (!next.office) delete next.office;
        if (!next.indicatorId) delete next.indicatorId;
        return next;
      });
      return plan({ ...p, tasks }, label);
    },
    addTask: (task: PlanTask) => plan({ ...held(), tasks: [...held().tasks, task] }, `新增年度任务“${task.name}”`),
    removeTask: (id: string) => {
      const t = held().tasks.find((x) => x.id === id);
      return plan({ ...held(), tasks: held().tasks.filter((x) => x.id !== id) }, `删除年度任务“${t?.name ?? ''}”`);
    },
  };
}

export type PlanEdits = ReturnType<typeof planEdits>;
