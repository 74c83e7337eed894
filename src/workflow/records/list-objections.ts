import { objectionsOf } from '../../db/objections';
import { requireRole, wideRoles } from '../access';
import type { Actor, EngineDeps } from '../types';
import { viewRecord } from '../engine/views';

/** An objection filed during a nomination's public notice: its text as filed, who filed it and when. */
export interface Objection {
  nominationId: number;
  seq: number;
  at: string;
  author: { id: number | null; name: string };
  text: string;
}

/** The objections of several nominations (the council's agenda, the notice list) in one read. */
export async function objectionsByNomination(
  deps: Pick<EngineDeps, 'db'>,
  nominationIds: readonly number[],
): Promise<Map<number, Objection[]>> {
  const byId = new Map<number, Objection[]>();
  for (const r of await objectionsOf(deps.db, nominationIds)) {
    const list = byId.get(r.nominationId) ?? [];
    list.push({
      nominationId: r.nominationId,
      seq: r.seq,
      at: r.at.toISOString(),
      author: { id: r.actorId, name: r.actorName ?? '' },
      text: r.text,
    });
    byId.set(r.nominationId, list);
  }
  return byId;
}

/**
 * One nomination's objections, for the office, the council, the director and the admin (who weigh them);
 * a unit's clerk sees how many there are on the nomination, not who wrote what.
 */
export async function listObjections(
  deps: EngineDeps,
  actor: Actor,
  nominationId: number,
): Promise<Objection[]> {
  requireRole(actor, ...wideRoles);
  await viewRecord(deps.db, deps.now(), actor, 'nomination', nominationId);
  return (await objectionsByNomination(deps, [nominationId])).get(nominationId) ?? [];
}
