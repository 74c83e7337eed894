import { z } from 'zod';
import { addToAgenda, agendaInput } from '../../workflow/council/add-to-agenda';
import { getCouncilAgenda } from '../../workflow/council/get-council-agenda';
import { listCouncilSessions } from '../../workflow/council/list-council-sessions';
import { listObjections } from '../../workflow/records/list-objections';
import { councilSessionInput, openCouncilSession } from '../../workflow/council/open-council-session';
import { agendaVoteInput, recordAgendaVote } from '../../workflow/council/record-agenda-vote';
import { attendanceInput, setAttendance } from '../../workflow/council/set-attendance';
import type { EngineDeps } from '../../workflow/types';
import type { RouteRegistry } from '../registry';
import { idParams, pageQuery } from '../schemas';

/** The council's sessions: members, attendance, agenda, and each item's secret-ballot count. */

const councilSessionSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    heldOn: z.string(),
    location: z.string().nullable(),
    members: z.array(
      z.object({
        id: z.number().int(),
        userId: z.number().int().nullable(),
        fullName: z.string(),
        role: z.string(),
        present: z.boolean(),
      }),
    ),
    agenda: z.array(
      z.object({
        nominationId: z.number().int(),
        position: z.number().int(),
        membersTotal: z.number().int().nullable(),
        present: z.number().int().nullable(),
        yes: z.number().int().nullable(),
        threshold: z.number().nullable(),
        passed: z.boolean().nullable(),
      }),
    ),
  })
  .meta({ id: 'CouncilSession' });

const objectionSchema = z
  .object({
    nominationId: z.number().int(),
    seq: z.number().int().describe("the FILE_OBJECTION step's seq in the nomination's history"),
    at: z.string(),
    author: z.object({ id: z.number().int().nullable(), name: z.string() }),
    text: z.string(),
  })
  .meta({ id: 'Objection' });

/** A session as its members read it: the quorum, and each agenda item's nomination and objections. */
const councilAgendaSchema = councilSessionSchema
  .extend({
    quorum: z.object({
      membersTotal: z.number().int(),
      present: z.number().int(),
      needed: z.number().int().describe('two thirds of all members'),
      met: z.boolean(),
    }),
    agenda: z.array(
      councilSessionSchema.shape.agenda.element.extend({
        nomination: z.object({
          nomineeName: z.string(),
          nomineeKind: z.string(),
          awardCode: z.string(),
          unitName: z.string(),
          state: z.string(),
          version: z.number().int(),
          summary: z.string().nullable(),
        }),
        objections: z.array(objectionSchema),
      }),
    ),
  })
  .meta({ id: 'CouncilAgenda' });

const councilSessionListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        title: z.string(),
        heldOn: z.string(),
        location: z.string().nullable(),
        membersTotal: z.number().int(),
        present: z.number().int(),
        quorumNeeded: z.number().int(),
        quorum: z.boolean(),
        agendaItems: z.number().int(),
        voted: z.number().int(),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'CouncilSessionList' });

export function councilRoutes(registry: RouteRegistry, deps: { engine: EngineDeps }): void {
  const { engine } = deps;

  registry.add({
    method: 'post',
    path: '/api/council/sessions',
    summary: "Open a council session (phiên họp Hội đồng): its date and the council's members",
    tags: ['council'],
    auth: ['office'],
    body: councilSessionInput,
    responses: { 201: councilSessionSchema },
    handler: ({ actor, body }) => openCouncilSession(engine, actor, body),
  });

  registry.add({
    method: 'get',
    path: '/api/council/sessions',
    summary:
      'The council sessions, newest first, with attendance, quorum and how much of the agenda is voted',
    tags: ['council'],
    auth: ['council', 'office', 'director', 'admin'],
    query: z.object(pageQuery).strict(),
    responses: { 200: councilSessionListSchema },
    handler: ({ actor, query }) => listCouncilSessions(engine, actor, query),
  });

  registry.add({
    method: 'get',
    path: '/api/council/sessions/:id',
    summary:
      'A council session: members, attendance and the quorum, the agenda with each nomination, its vote and the objections filed during its public notice',
    tags: ['council'],
    auth: ['council', 'office', 'director', 'admin'],
    params: idParams,
    responses: { 200: councilAgendaSchema, 404: 'not found' },
    handler: ({ actor, params }) => getCouncilAgenda(engine, actor, params.id),
  });

  registry.add({
    method: 'get',
    path: '/api/nominations/:id/objections',
    summary: 'The objections filed on a nomination during its public notice (text, author, when)',
    tags: ['nominations'],
    auth: ['office', 'council', 'director', 'admin'],
    params: idParams,
    responses: { 200: z.array(objectionSchema), 404: 'not found' },
    handler: ({ actor, params }) => listObjections(engine, actor, params.id),
  });

  registry.add({
    method: 'put',
    path: '/api/council/sessions/:id/attendance',
    summary: 'Who attended: the listed members present, every other member absent',
    tags: ['council'],
    auth: ['office'],
    params: idParams,
    body: attendanceInput,
    responses: { 200: councilSessionSchema },
    handler: ({ actor, params, body }) => setAttendance(engine, actor, params.id, body),
  });

  registry.add({
    method: 'post',
    path: '/api/council/sessions/:id/agenda',
    summary: 'Put nominations in council review on the session’s agenda',
    tags: ['council'],
    auth: ['office'],
    params: idParams,
    body: agendaInput,
    responses: { 200: councilSessionSchema },
    handler: ({ actor, params, body }) => addToAgenda(engine, actor, params.id, body),
  });

  registry.add({
    method: 'post',
    path: '/api/council/sessions/:id/votes',
    summary: 'Record the secret-ballot count for one agenda item; the nomination moves on the outcome',
    description:
      'The tally uses the session’s members (all of them: the threshold is a share of ALL members) and its attendance (quorum: two thirds present, else 400), and the vote threshold the nomination carries. The count is sent to the nomination as RECORD_VOTE {membersTotal, present, yes} in the same transaction, so the figures and the outcome are in its history.',
    tags: ['council'],
    auth: ['office'],
    params: idParams,
    body: agendaVoteInput,
    responses: {
      200: z.object({
        nomination: z.looseObject({ id: z.number().int(), state: z.string(), version: z.number().int() }),
        count: z.object({
          membersTotal: z.number().int(),
          present: z.number().int(),
          yes: z.number().int(),
        }),
        tally: z.object({
          quorum: z.boolean(),
          passed: z.boolean(),
          share: z.number(),
          quorumNeeded: z.number().int(),
          yesNeeded: z.number().int(),
        }),
      }),
      409: 'the nomination is no longer in council review, or version conflict',
    },
    handler: ({ actor, params, body }) => recordAgendaVote(engine, actor, params.id, body),
  });
}
