import { type Collective, listCollectiveMembers } from '../../db/collectives';
import { nominationsOfNominee } from '../../db/nominees';
import type { Person } from '../../db/persons';
import { listPastAwards, type PastAward } from '../../db/register-history';
import { localYear } from '../../domain/business-date';
import { requireVisibleCollective } from '../access';
import type { Actor, EngineDeps } from '../types';

export interface CollectiveDetail extends Collective {
  year: number;
  members: Person[];
  pastAwards: PastAward[];
  nominations: Awaited<ReturnType<typeof nominationsOfNominee>>;
}

/** A collective with its members of a year (default: this year), its past awards and its nominations. */
export async function getCollective(
  deps: Pick<EngineDeps, 'db' | 'now' | 'timeZone'>,
  actor: Actor,
  collectiveId: number,
  year?: number,
): Promise<CollectiveDetail> {
  const { db } = deps;
  const c = await requireVisibleCollective(db, actor, collectiveId);
  const y = year ?? localYear(deps.now(), deps.timeZone);
  return {
    ...c,
    year: y,
    members: await listCollectiveMembers(db, c.id, y),
    pastAwards: await listPastAwards(db, { collectiveIds: [c.id] }),
    nominations: await nominationsOfNominee(db, { collectiveId: c.id }),
  };
}
