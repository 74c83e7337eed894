import { z } from 'zod';
import { listAwardVersions } from '../../db/award-versions';
import { addPastAward, listPastAwards, type PastAward } from '../../db/register-history';
import { awardCodeSchema } from '../../domain/catalogue';
import { AppError } from '../../errors';
import { registerWriters, requireRole, requireVisibleCollective, requireVisiblePerson } from '../access';
import { fieldError, parseInput, recordDate, registerYear } from '../input';
import type { Actor, EngineDeps } from '../types';

export const pastAwardInput = z
  .object({
    awardCode: awardCodeSchema,
    year: registerYear,
    decisionNumber: z.string().trim().min(1).max(100).nullable().optional(),
    decidedOn: recordDate.nullable().optional(),
  })
  .strict()
  .refine((b) => !b.decidedOn || Number(b.decidedOn.slice(0, 4)) >= b.year, {
    path: ['decidedOn'],
    message: 'before the award year',
  });

/**
 * An award a person or collective received before (entered by hand): an award of the catalogue meant for
 * that kind of nominee, once per award and year (CONFLICT when it is already recorded).
 */
export async function recordPastAward(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  who: { personId: number } | { collectiveId: number },
  input: unknown,
): Promise<PastAward> {
  const { db } = deps;
  requireRole(actor, ...registerWriters);
  const body = parseInput(pastAwardInput, input);
  if ('personId' in who) await requireVisiblePerson(db, actor, who.personId);
  else await requireVisibleCollective(db, actor, who.collectiveId);
  // The latest version says whom the award is for.
  const award = (await listAwardVersions(db, body.awardCode)).at(-1);
  if (!award) throw fieldError('awardCode', `${body.awardCode} is not an award of the catalogue`);
  const kind = 'personId' in who ? 'individual' : 'collective';
  if (award.recipient !== 'both' && award.recipient !== kind)
    throw fieldError(
      'awardCode',
      `${award.code} is not an award for ${kind === 'individual' ? 'individuals' : 'collectives'}`,
    );
  const pastAwardId = await addPastAward(db, {
    ...who,
    awardCode: award.code,
    year: body.year,
    decisionNumber: body.decisionNumber ?? null,
    decidedOn: body.decidedOn ?? null,
    source: 'manual',
    createdBy: actor.userId,
  });
  if (pastAwardId === null)
    throw new AppError('CONFLICT', `${award.code} of ${body.year} is already recorded for this nominee`);
  const rows = await listPastAwards(
    db,
    'personId' in who ? { personIds: [who.personId] } : { collectiveIds: [who.collectiveId] },
  );
  return rows.find((r) => r.id === pastAwardId)!;
}
