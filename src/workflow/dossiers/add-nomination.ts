import { z } from 'zod';
import { outsideUnit } from '../../db/persons';
import { campaignFacts } from '../../db/campaigns';
import { readPolicy } from '../settings/read-policy';
import { registrationForNominations } from '../../db/registrations';
import { isRegistered } from '../../domain/eligibility';
import { idSchema } from '../../domain/ids';
import { AppError } from '../../errors';
import { requireRole } from '../access';
import { lockEditableDossier } from './lock-editable-dossier';
import { parseInput } from '../input';
import { createRecord } from '../engine/create-record';
import { inTransaction } from '../engine/tx';
import type { Actor, EngineDeps, RecordView } from '../types';
import { viewRecord } from '../engine/views';

const name = z.string().trim().min(1).max(200);
export const addNominationInput = z
  .object({
    awardCode: z.string().trim().min(1).max(32),
    nominee: z.discriminatedUnion('kind', [
      z
        .object({
          kind: z.literal('individual'),
          fullName: name,
          position: z.string().trim().max(200).optional(),
          personId: idSchema.optional(),
        })
        .strict(),
      z
        .object({
          kind: z.literal('collective'),
          name,
          collectiveId: idSchema.optional(),
        })
        .strict(),
    ]),
    summary: z.string().trim().min(1).max(20000),
  })
  .strict();

export async function addNomination(
  deps: EngineDeps,
  actor: Actor,
  dossierId: number,
  input: unknown,
): Promise<RecordView> {
  requireRole(actor, 'unit');
  const n = parseInput(addNominationInput, input);
  return inTransaction(deps, async (ctx) => {
    const dossier = await lockEditableDossier(ctx, actor, dossierId, 'nominations');
    const rules = await deps.rules.awardRules(ctx.tx, n.awardCode, ctx.today);
    if (!rules)
      throw new AppError('VALIDATION_FAILED', `unknown award ${n.awardCode}`, {
        errors: [{ field: 'awardCode', message: 'not an award of the catalogue in force' }],
      });
    const d = dossier as typeof dossier & { campaign_id: number; unit_id: number };
    // A nominee of the register must be the unit's own (its merged predecessors' included): the findings
    // shown on the nomination read the nominee's history.
    const nominee = n.nominee;
    const named =
      nominee.kind === 'individual'
        ? nominee.personId !== undefined && { personIds: [nominee.personId] }
        : nominee.collectiveId !== undefined && { collectiveIds: [nominee.collectiveId] };
    const outside = named ? await outsideUnit(ctx.tx, d.unit_id, named) : undefined;
    if (outside && outside.personIds.length + outside.collectiveIds.length > 0)
      throw new AppError('VALIDATION_FAILED', "the nominee is not in the unit's register", {
        errors: [
          {
            field: nominee.kind === 'individual' ? 'nominee.personId' : 'nominee.collectiveId',
            message: "not a person or collective of the dossier's unit",
          },
        ],
      });
    // Under policy.unregisteredNomination = 'refuse', a title the unit did not register for is refused here,
    // not only flagged by the `registration` finding. Same notion as that finding (isRegistered), and the
    // same registration (the unit's and its merged predecessors', registrationForNominations) as the finding.
    if ((await readPolicy(ctx.tx)).unregisteredNomination === 'refuse') {
      const campaign = await campaignFacts(ctx.tx, d.campaign_id);
      if (campaign?.kind !== 'sudden') {
        const registration = await registrationForNominations(ctx.tx, d.campaign_id, d.unit_id);
        if (!isRegistered(registration, nominee, n.awardCode)) {
          const byNameOnly =
            nominee.kind === 'individual'
              ? nominee.personId === undefined
              : nominee.collectiveId === undefined;
          const message = byNameOnly
            ? `a nominee given by name only cannot be in the unit's approved emulation registration: pick the ${nominee.kind === 'individual' ? 'person' : 'collective'} from the unit's register (policy: refuse)`
            : "not in the unit's approved emulation registration for this campaign (policy: refuse)";
          throw new AppError(
            'VALIDATION_FAILED',
            `the nominee is not registered for ${n.awardCode} in the unit's approved emulation registration`,
            { errors: [{ field: 'awardCode', message }] },
          );
        }
      }
    }
    const id = await createRecord(ctx, actor, 'nomination', {
      dossier_id: dossierId,
      campaign_id: d.campaign_id,
      unit_id: d.unit_id,
      award_code: n.awardCode,
      nominee_kind: n.nominee.kind,
      nominee_name: n.nominee.kind === 'individual' ? n.nominee.fullName : n.nominee.name,
      nominee_position: n.nominee.kind === 'individual' ? (n.nominee.position ?? null) : null,
      person_id: n.nominee.kind === 'individual' ? (n.nominee.personId ?? null) : null,
      collective_id: n.nominee.kind === 'collective' ? (n.nominee.collectiveId ?? null) : null,
      summary: n.summary,
    });
    return viewRecord(ctx.tx, ctx.now, actor, 'nomination', id);
  });
}
