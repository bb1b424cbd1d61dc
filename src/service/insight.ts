/**
 * Why a score is what it is (计算说明), and 求解: what a unit would need to reach a goal. Both read
 * the period as it stands; neither changes it.
 */
import { BOXES, UserError, rankGoalBox, storedProblem } from '../model';
import { explainCell, explainTotal } from '../engine/views/explain';
import { goalSeek, type Goal, type Vary } from '../engine/whatif/goalseek';
import type { ServiceContext } from './context';
import { read } from './api';

export function insightApi(ctx: ServiceContext) {
  function explain(periodId: string, unitId: string, indicatorId: string | null) {
    const s = ctx.session();
    const p = s.period(periodId);
    return indicatorId ? explainCell(p, s.result(periodId), unitId, indicatorId) : explainTotal(p, s.result(periodId), unitId);
  }

  /** 求解: the goal judged by its box first (a place among the units ranked, a total up to 100). */
  function seek(periodId: string, unitId: string, indicatorId: string, goal: Goal, vary: Vary) {
    const s = ctx.session();
    const p = s.period(periodId);
    const why =
      goal?.kind === 'rank' ? storedProblem(rankGoalBox(p.units.length), goal.rank) : goal?.kind === 'total' ? storedProblem(BOXES.totalGoal, goal.total) : goal?.kind === 'upOne' || goal?.kind === 'complete' ? null : '求解目标无法识别';
    if (why) throw new UserError(`${why}，未求解。`);
    return goalSeek(p, unitId, indicatorId, goal, vary, s.model(periodId));
  }

  return {
    explain: read(explain),
    goalSeek: read(seek),
  };
}
