import { z } from 'zod';
import { type Collective, createCollective, setCollectiveMembers } from '../../db/collectives';
import { registerWriters, requireRole, requireWritableUnit } from '../access';
import { parseInput } from '../input';
import type { Actor, EngineDeps } from '../types';
import { checkMembers, membersInput } from './collective-members';

export const addCollectiveInput = z
  .object({
    name: z.string().trim().min(1).max(300),
    memberCount: z.number().int().min(0).max(100000).describe('the declared headcount'),
    members: membersInput.optional(),
  })
  .strict();

/** A collective (tập thể) joins a unit's register, optionally with its members of a year. */
export async function addCollective(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  unitId: number,
  input: unknown,
): Promise<Collective> {
  requireRole(actor, ...registerWriters);
  const body = parseInput(addCollectiveInput, input);
  await requireWritableUnit(deps.db, actor, unitId);
  if (body.members) await checkMembers(deps.db, unitId, body.members.personIds, 'members.personIds');
  return deps.db.transaction(async (tx) => {
    const c = await createCollective(tx, { unitId, name: body.name, memberCount: body.memberCount });
    if (body.members) await setCollectiveMembers(tx, c.id, body.members.year, body.members.personIds);
    return c;
  });
}
