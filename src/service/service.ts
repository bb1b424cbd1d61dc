/**
 * What the worker exposes to the page (through comlink): one service combined from the domain
 * modules. Every change goes through the context's one queue; every error leaves as a Chinese
 * sentence (a UserError). Free of worker globals, so Node tests drive it over fake-indexeddb.
 */
import { ServiceContext, type ServiceOptions } from './context';
import { combine } from './api';
import { editingApi } from './editing';
import { toUserError, guardAll } from './errors';
import { filesApi } from './files';
import { returnsApi } from './returns';
import { scenariosApi } from './scenarios';
import { compareApi } from './compare';
import { insightApi } from './insight';
import { decompositionApi } from './decomposition';
import { bulletinApi } from './bulletin';
import { workbookApi } from './workbooks';
import { yearPlanApi } from './yearPlan';

export type { ChannelLike, ServiceOptions } from './context';
export { toUserError };

export function createService(options: ServiceOptions = {}) {
  const ctx = new ServiceContext(options);
  // Every method marked a mutation (through the queue) or a read; no name twice.
  return guardAll(combine(workbookApi(ctx), editingApi(ctx), filesApi(ctx), returnsApi(ctx), scenariosApi(ctx), compareApi(ctx), insightApi(ctx), decompositionApi(ctx), bulletinApi(ctx), yearPlanApi(ctx)));
}

export type Service = ReturnType<typeof createService>;
