import { type CouncilSessionSummary, selectCouncilSessions } from '../../db/council-session-lists';
import { quorumNeeded } from '../../domain/council';
import { requireRole } from '../access';
import { decodeCursor, type Page, pageOfRows } from '../page';
import type { Actor, EngineDeps } from '../types';

export interface CouncilSessionListItem extends CouncilSessionSummary {
  /** Members who must be present for the session to vote (two thirds of all its members). */
  quorumNeeded: number;
  quorum: boolean;
}

/** The council's sessions, newest first, with their attendance and how much of the agenda was voted. */
export async function listCouncilSessions(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<CouncilSessionListItem>> {
  requireRole(actor, 'council', 'office', 'director', 'admin');
  const before = decodeCursor(page.cursor);
  const rows = await selectCouncilSessions(deps.db, {
    limit: page.limit + 1,
    ...(before === 0 ? {} : { beforeId: before }),
  });
  return pageOfRows(rows, page.limit, (r) => {
    const needed = r.membersTotal > 0 ? quorumNeeded(r.membersTotal) : 0;
    return { ...r, quorumNeeded: needed, quorum: r.membersTotal > 0 && r.present >= needed };
  });
}
