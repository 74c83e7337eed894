import { z } from 'zod';
import { campaignState } from '../../db/dossier-parts';
import { idSchema } from '../../domain/ids';
import { AppError } from '../../errors';
import { requireRole } from '../access';
import { parseInput } from '../input';
import { createRecord } from '../engine/create-record';
import { inTransaction } from '../engine/tx';
import type { Actor, EngineDeps, RecordView } from '../types';
import { viewRecord } from '../engine/views';

export const createDossierInput = z
  .object({
    campaignId: idSchema,
    title: z.string().trim().min(1).max(300),
  })
  .strict();

/** A unit's clerk opens a dossier for a campaign, for the clerk's own unit. */
export async function createDossier(deps: EngineDeps, actor: Actor, input: unknown): Promise<RecordView> {
  requireRole(actor, 'unit');
  const d = parseInput(createDossierInput, input);
  if (actor.unitId === null) throw new AppError('FORBIDDEN', 'your account belongs to no unit');
  return inTransaction(deps, async (ctx) => {
    const campaign = await campaignState(ctx.tx, d.campaignId);
    if (!campaign)
      throw new AppError('VALIDATION_FAILED', `campaign ${d.campaignId} does not exist`, {
        errors: [{ field: 'campaignId', message: 'no such campaign' }],
      });
    if (campaign.state === 'completed')
      throw new AppError('TRANSITION_NOT_ALLOWED', 'the campaign is completed: no new dossiers');
    const id = await createRecord(ctx, actor, 'dossier', {
      campaign_id: d.campaignId,
      unit_id: actor.unitId,
      title: d.title,
    });
    return viewRecord(ctx.tx, ctx.now, actor, 'dossier', id);
  });
}
