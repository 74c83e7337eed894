import { z } from 'zod';
import { requireRole } from '../access';
import { parseInput } from '../input';
import { createRecord } from '../engine/create-record';
import { inTransaction } from '../engine/tx';
import type { Actor, EngineDeps, RecordView } from '../types';
import { viewRecord } from '../engine/views';

export const createCampaignInput = z
  .object({
    title: z.string().trim().min(1).max(300),
    kind: z.enum(['annual', 'thematic', 'sudden']),
    year: z.number().int().min(2000).max(2100),
    nominationDeadline: z.iso
      .date()
      .refine((d) => d >= '2000-01-01' && d <= '2100-12-31', 'must be a date between 2000 and 2100'),
  })
  .strict();
export type CreateCampaignInput = z.infer<typeof createCampaignInput>;

export async function createCampaign(deps: EngineDeps, actor: Actor, input: unknown): Promise<RecordView> {
  requireRole(actor, 'admin', 'office');
  const c = parseInput(createCampaignInput, input);
  return inTransaction(deps, async (ctx) => {
    const id = await createRecord(
      ctx,
      actor,
      'campaign',
      { title: c.title, kind: c.kind, year: c.year, nomination_deadline: c.nominationDeadline },
      { nominationDeadline: c.nominationDeadline },
    );
    return viewRecord(ctx.tx, ctx.now, actor, 'campaign', id);
  });
}
