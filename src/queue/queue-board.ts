import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { RequestHandler } from 'express';
import type { Queues } from './queues';

/**
 * The BullMQ dashboard (read-only) as an Express router, for the composition root to hand to createApp
 * (`AppDeps.queueBoard`), which mounts it at `basePath` behind the admin check.
 */
export function bullBoardRouter(queues: Queues, basePath = '/admin/queues'): RequestHandler {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({
    queues: [queues.timers, queues.email, queues.digest].map(
      (q) => new BullMQAdapter(q, { readOnlyMode: true }),
    ),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Accolade queues' } },
  });
  return serverAdapter.getRouter() as RequestHandler;
}

/** Each queue's job counts, for the admin's outbox page. */
export function queueCountsOf(queues: Queues): () => Promise<Record<string, Record<string, number>>> {
  return async () => ({
    timers: await queues.timers.getJobCounts(),
    email: await queues.email.getJobCounts(),
    digest: await queues.digest.getJobCounts(),
  });
}
