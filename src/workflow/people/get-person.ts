import { nominationsOfNominee } from '../../db/nominees';
import type { Person } from '../../db/persons';
import { loadPersonHistories, type PersonHistory } from '../../db/register-history';
import { currentUnitOf } from '../../db/unit-succession';
import { requireVisiblePerson } from '../access';
import type { Actor, EngineDeps } from '../types';

export interface PersonDetail extends Person, PersonHistory {
  /** The unit the person's unit was merged into, if it was. */
  currentUnitId: number;
  nominations: Awaited<ReturnType<typeof nominationsOfNominee>>;
}

/** A person with their history (past awards, ratings, initiatives, discipline, nominations), across mergers. */
export async function getPerson(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  personId: number,
): Promise<PersonDetail> {
  const { db } = deps;
  const p = await requireVisiblePerson(db, actor, personId);
  const h = (await loadPersonHistories(db, [p.id])).get(p.id)!;
  return {
    ...p,
    ...h,
    currentUnitId: await currentUnitOf(db, p.unitId),
    nominations: await nominationsOfNominee(db, { personId: p.id }),
  };
}
