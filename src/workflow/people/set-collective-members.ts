import { listCollectiveMembers, setCollectiveMembers as writeMembers } from '../../db/collectives';
import type { Person } from '../../db/persons';
import { registerWriters, requireRole, requireVisibleCollective } from '../access';
import { parseInput } from '../input';
import type { Actor, EngineDeps } from '../types';
import { checkMembers, membersInput } from './collective-members';

/** Replaces a collective's members for a year (people of its unit). */
export async function setCollectiveMembers(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  collectiveId: number,
  input: unknown,
): Promise<{ collectiveId: number; year: number; members: Person[] }> {
  const { db } = deps;
  requireRole(actor, ...registerWriters);
  const body = parseInput(membersInput, input);
  const c = await requireVisibleCollective(db, actor, collectiveId);
  await checkMembers(db, c.unitId, body.personIds, 'personIds');
  await db.transaction((tx) => writeMembers(tx, c.id, body.year, body.personIds));
  return { collectiveId: c.id, year: body.year, members: await listCollectiveMembers(db, c.id, body.year) };
}
