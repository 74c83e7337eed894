import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentMachines, recordTypes, type RecordType } from '../../../machines/index';
import { defaultCalendarYear } from '../../../src/domain/calendar-defaults';
import {
  registrationEventTypes,
  registrationTransitions,
  type RegistrationState,
} from '../../../src/domain/registration';
import type { AuthRule } from '../../../src/http/registry';
import { createQueues, type Queues } from '../../../src/queue/queues';
import {
  must,
  RecordBuilder,
  roleNames,
  setupApiOrg,
  startApiApp,
  uploadPdf,
  type ApiApp,
  type ApiOrg,
  type RoleName,
} from '../../helpers/api-org';
import { uniquePrefix } from '../../helpers/db';
import type { ApiResponse } from '../../helpers/http';
import { insertTestNotice } from '../../helpers/notices';
import { deletePrefixKeys, redisConnection } from '../../helpers/timers';

/**
 * The authorization matrix: every role × every route of the registry, and every role × every workflow
 * event of every machine, each with its expected status. A route or an event without a row fails.
 *
 * Roles: anonymous, the clerk of the record's unit (A), a clerk of another unit (B), office, council,
 * director, admin. Everyone but `anon` calls with a bearer token (CSRF is tested in auth.test.ts).
 *
 * The app under test is wired as `src/server.ts` wires the web process: every route file (workflow,
 * catalogue, award rules, admin) and the queue board; a route declared in src/http without a row fails.
 */
const db = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

type Row = readonly [
  anon: number,
  clerk: number,
  otherClerk: number,
  office: number,
  council: number,
  director: number,
  admin: number,
];

// prettier-ignore
const endpoints: Record<string, Row> = {
  //                                                 anon clerk other office council director admin
  'GET /healthz':                                    [200, 200,  200,  200,   200,    200,     200],
  'GET /readyz':                                     [200, 200,  200,  200,   200,    200,     200],
  'GET /api/openapi.json':                           [200, 200,  200,  200,   200,    200,     200],
  'POST /api/auth/login':                            [200, 200,  200,  200,   200,    200,     200],
  'POST /api/auth/logout':                           [401, 204,  204,  204,   204,    204,     204],
  'GET /api/auth/csrf':                              [401, 200,  200,  200,   200,    200,     200],
  'POST /api/auth/password':                         [401, 200,  200,  200,   200,    200,     200],
  'GET /api/me':                                     [401, 200,  200,  200,   200,    200,     200],
  'POST /api/auth/tokens':                           [401, 201,  201,  201,   201,    201,     201],
  'GET /api/auth/tokens':                            [401, 200,  200,  200,   200,    200,     200],
  'DELETE /api/auth/tokens/:id':                     [401, 204,  204,  204,   204,    204,     204],
  'POST /api/units':                                 [401, 403,  403,  403,   403,    403,     201],
  'GET /api/units':                                  [401, 200,  200,  200,   200,    200,     200],
  'GET /api/units/:id':                              [401, 200,  200,  200,   200,    200,     200],
  'PATCH /api/units/:id':                            [401, 403,  403,  403,   403,    403,     200],
  'POST /api/units/:id/successor':                   [401, 403,  403,  403,   403,    403,     200],
  'POST /api/users':                                 [401, 403,  403,  403,   403,    403,     201],
  'GET /api/users':                                  [401, 403,  403,  403,   403,    403,     200],
  'GET /api/users/:id':                              [401, 403,  403,  403,   403,    403,     200],
  'PATCH /api/users/:id':                            [401, 403,  403,  403,   403,    403,     200],
  'GET /api/settings/policy':                        [401, 403,  403,  403,   403,    403,     200],
  'PUT /api/settings/policy':                        [401, 403,  403,  403,   403,    403,     200],
  'GET /api/awards':                                 [401, 200,  200,  200,   200,    200,     200],
  'GET /api/awards/:code/versions':                  [401, 200,  200,  200,   200,    200,     200],
  'PUT /api/awards/:code':                           [401, 403,  403,  403,   403,    403,     200],
  'GET /api/calendar/:year':                         [401, 200,  200,  200,   200,    200,     200],
  'PUT /api/calendar/:year':                         [401, 403,  403,  403,   403,    403,     200],
  // Campaigns are the whole department's: every user reads them; clerks may not send their events.
  'POST /api/campaigns':                             [401, 403,  403,  201,   403,    403,     201],
  'GET /api/campaigns':                              [401, 200,  200,  200,   200,    200,     200],
  'GET /api/campaigns/:id':                          [401, 200,  200,  200,   200,    200,     200],
  'GET /api/campaigns/:id/history':                  [401, 200,  200,  200,   200,    200,     200],
  'GET /api/campaigns/:id/history/verify':         [401, 200,  200,  200,   200,    200,     200],
  'POST /api/campaigns/:id/events':                  [401, 403,  403,  409,   403,    403,     409], // COMPLETE while planned
  'POST /api/dossiers':                              [401, 201,  201,  403,   403,    403,     403],
  'GET /api/dossiers':                               [401, 200,  200,  200,   200,    200,     200],
  'GET /api/dossiers/:id':                           [401, 200,  404,  200,   200,    200,     200],
  'GET /api/dossiers/:id/findings':                  [401, 200,  404,  200,   200,    200,     200],
  'GET /api/dossiers/:id/history':                   [401, 200,  404,  200,   200,    200,     200],
  'GET /api/dossiers/:id/history/verify':          [401, 200,  404,  200,   200,    200,     200],
  'POST /api/dossiers/:id/events':                   [401, 403,  404,  409,   403,    403,     403], // RECEIVE while draft
  'POST /api/dossiers/:id/nominations':              [401, 201,  404,  403,   403,    403,     403],
  'POST /api/dossiers/:id/attachments':              [401, 201,  404,  403,   403,    403,     403],
  'GET /api/dossiers/:id/attachments/:attachmentId': [401, 200,  404,  200,   200,    200,     200],
  'GET /api/nominations':                            [401, 200,  200,  200,   200,    200,     200],
  'GET /api/nominations/:id':                        [401, 200,  404,  200,   200,    200,     200],
  'GET /api/nominations/:id/history':                [401, 200,  404,  200,   200,    200,     200],
  'GET /api/nominations/:id/history/verify':       [401, 200,  404,  200,   200,    200,     200],
  'POST /api/nominations/:id/events':                [401, 403,  404,  200,   200,    200,     403], // FILE_OBJECTION in publicNotice
  // Decisions and submissions list many units' nominations: unit clerks do not read them.
  'POST /api/decisions':                             [401, 403,  403,  201,   403,    403,     403],
  'GET /api/decisions':                              [401, 200,  200,  200,   200,    200,     200],
  'GET /api/decisions/:id':                          [401, 404,  404,  200,   200,    200,     200],
  'GET /api/decisions/:id/history':                  [401, 404,  404,  200,   200,    200,     200],
  'GET /api/decisions/:id/history/verify':         [401, 404,  404,  200,   200,    200,     200],
  'POST /api/decisions/:id/events':                  [401, 404,  404,  403,   403,    409,     403], // SIGN while draft
  'POST /api/submissions':                           [401, 403,  403,  201,   403,    403,     403],
  'GET /api/submissions':                            [401, 200,  200,  200,   200,    200,     200],
  'GET /api/submissions/:id':                        [401, 404,  404,  200,   200,    200,     200],
  'GET /api/submissions/:id/history':                [401, 404,  404,  200,   200,    200,     200],
  'GET /api/submissions/:id/history/verify':       [401, 404,  404,  200,   200,    200,     200],
  'POST /api/submissions/:id/events':                [401, 404,  404,  409,   403,    403,     403], // SUBMIT_FOR_SIGNATURE once sent
  // The people register of unit A: its clerk, the office and the admin write it; every wide role reads it.
  'GET /api/units/:id/persons':                      [401, 200,  404,  200,   200,    200,     200],
  'POST /api/units/:id/persons':                     [401, 201,  404,  201,   403,    403,     201],
  'GET /api/persons/:id':                            [401, 200,  404,  200,   200,    200,     200],
  'POST /api/persons/:id/past-awards':               [401, 201,  404,  201,   403,    403,     201],
  'POST /api/persons/:id/initiatives':               [401, 201,  404,  201,   403,    403,     201],
  'POST /api/persons/:id/discipline':                [401, 201,  404,  201,   403,    403,     201],
  'POST /api/persons/:id/ratings':                   [401, 200,  404,  200,   403,    403,     200],
  'GET /api/units/:id/collectives':                  [401, 200,  404,  200,   200,    200,     200],
  'POST /api/units/:id/collectives':                 [401, 201,  404,  201,   403,    403,     201],
  'GET /api/collectives/:id':                        [401, 200,  404,  200,   200,    200,     200],
  'PUT /api/collectives/:id/members':                [401, 200,  404,  200,   403,    403,     200],
  'POST /api/collectives/:id/past-awards':           [401, 201,  404,  201,   403,    403,     201],
  'POST /api/units/:id/past-awards/import':          [401, 200,  404,  200,   403,    403,     200], // preview
  // Unit A's registration: only its clerk edits it; only the clerk and the office move it.
  'GET /api/campaigns/:id/registrations/:unitId':    [401, 200,  404,  200,   200,    200,     200],
  'PUT /api/campaigns/:id/registrations/:unitId':    [401, 200,  404,  403,   403,    403,     403],
  'POST /api/registrations/:id/events':              [401, 403,  404,  409,   403,    403,     403], // APPROVE while draft
  'GET /api/registrations/:id/history':              [401, 200,  404,  200,   200,    200,     200],
  // Council sessions are the office's to run; the council, the director and the admin read them.
  'POST /api/council/sessions':                      [401, 403,  403,  201,   403,    403,     403],
  'GET /api/council/sessions/:id':                   [401, 403,  403,  200,   200,    200,     200],
  'GET /api/council/sessions':                       [401, 403,  403,  200,   200,    200,     200],
  'GET /api/nominations/:id/objections':             [401, 403,  403,  200,   200,    200,     200],
  'GET /api/nominations/export.xlsx':                [401, 200,  200,  200,   200,    200,     200],
  'GET /api/public/notice':                          [200, 200,  200,  200,   200,    200,     200],
  'GET /api/reports/nominations':                    [401, 200,  200,  200,   200,    200,     200],
  'GET /api/reports/nominations.xlsx':               [401, 200,  200,  200,   200,    200,     200],
  'GET /api/state-counts/dossiers':                  [401, 200,  200,  200,   200,    200,     200],
  'GET /api/state-counts/nominations':               [401, 200,  200,  200,   200,    200,     200],
  'POST /api/nominations/bulk-events':               [401, 403,  403,  403,   403,    200,     403],
  'PUT /api/council/sessions/:id/attendance':        [401, 403,  403,  200,   403,    403,     403],
  'POST /api/council/sessions/:id/agenda':           [401, 403,  403,  200,   403,    403,     403],
  'POST /api/council/sessions/:id/votes':            [401, 403,  403,  200,   403,    403,     403],
  // Email incidents and the outbox: the admin's alone.
  'GET /api/admin/incidents':                        [401, 403,  403,  403,   403,    403,     200],
  'POST /api/admin/incidents/:id/retry':             [401, 403,  403,  403,   403,    403,     202],
  'GET /api/admin/outbox':                           [401, 403,  403,  403,   403,    403,     200],
  'GET /api/admin/history/verify':                   [401, 403,  403,  403,   403,    403,     200],
  'GET /api/admin/audit':                            [401, 403,  403,  403,   403,    403,     200],
  'GET /api/admin/audit/verify':                     [401, 403,  403,  403,   403,    403,     200],
  'GET /api/admin/tokens':                           [401, 403,  403,  403,   403,    403,     200],
  'DELETE /api/admin/tokens/:id':                    [401, 403,  403,  403,   403,    403,     204],
};

/** Routers mounted beside the registry (`extraRouters`, as src/server.ts mounts them). */
// prettier-ignore
const routers: Record<string, Row> = {
  //                                                 anon clerk other office council director admin
  'GET /admin/queues':                               [401, 403,  403,  403,   403,    403,     200],
  'GET /admin/queues/api/queues':                    [401, 403,  403,  403,   403,    403,     200],
};

/**
 * Every event a user may send to a registration (EDIT is not one: PUT entries records it), in a state
 * where it applies (200 for its senders) and in one where it does not (409). Registrations are unit A's.
 */
// prettier-ignore
const registrationEvents: ReadonlyArray<readonly [string, RegistrationState, ...Row]> = [
  // event      state         anon clerk other office council director admin
  ['SUBMIT',    'draft',       401, 200,  404,  403,   403,    403,     403],
  ['SUBMIT',    'submitted',   401, 409,  404,  403,   403,    403,     403],
  ['RESUBMIT',  'returned',    401, 200,  404,  403,   403,    403,     403],
  ['RESUBMIT',  'draft',       401, 409,  404,  403,   403,    403,     403],
  ['APPROVE',   'submitted',   401, 403,  404,  200,   403,    403,     403],
  ['APPROVE',   'approved',    401, 403,  404,  409,   403,    403,     403],
  ['RETURN',    'submitted',   401, 403,  404,  200,   403,    403,     403],
  ['RETURN',    'returned',    401, 403,  404,  409,   403,    403,     403],
];

/**
 * Every event of every machine, in a state where it applies (200 for its senders) and, for events users
 * send, in one where it does not (409). `state` is where the record is put (through the API) first.
 */
// prettier-ignore
const events: ReadonlyArray<readonly [RecordType, string, string, ...Row]> = [
  // type         event                     state                 anon clerk other office council director admin
  ['campaign',   'OPEN',                   'planned',             401, 403,  403,  200,   403,    403,     200],
  ['campaign',   'OPEN',                   'open',                401, 403,  403,  409,   403,    403,     409],
  ['campaign',   'CLOSE',                  'open',                401, 403,  403,  200,   403,    403,     200],
  ['campaign',   'CLOSE',                  'planned',             401, 403,  403,  409,   403,    403,     409],
  ['campaign',   'COMPLETE',               'closed',              401, 403,  403,  200,   403,    403,     200],
  ['campaign',   'COMPLETE',               'open',                401, 403,  403,  409,   403,    403,     409],
  ['campaign',   'DEADLINE_PASSED',        'open',                401, 403,  403,  403,   403,    403,     403],
  ['dossier',    'SUBMIT',                 'draft',               401, 200,  404,  403,   403,    403,     403],
  ['dossier',    'SUBMIT',                 'accepted',            401, 409,  404,  403,   403,    403,     403],
  ['dossier',    'RECEIVE',                'submitted',           401, 403,  404,  200,   403,    403,     403],
  ['dossier',    'RECEIVE',                'draft',               401, 403,  404,  409,   403,    403,     403],
  ['dossier',    'REQUEST_SUPPLEMENT',     'submitted',           401, 403,  404,  200,   403,    403,     403],
  ['dossier',    'REQUEST_SUPPLEMENT',     'returned',            401, 403,  404,  409,   403,    403,     403],
  ['dossier',    'RESUBMIT',               'returned',            401, 200,  404,  403,   403,    403,     403],
  ['dossier',    'RESUBMIT',               'submitted',           401, 409,  404,  403,   403,    403,     403],
  ['dossier',    'WITHDRAW',               'submitted',           401, 200,  404,  403,   403,    403,     403],
  ['dossier',    'WITHDRAW',               'accepted',            401, 409,  404,  403,   403,    403,     403],
  ['dossier',    'DEADLINE_PASSED',        'submitted',           401, 403,  404,  403,   403,    403,     403],
  ['dossier',    'ALL_NOMINATIONS_SETTLED','accepted',            401, 403,  404,  403,   403,    403,     403],
  ['nomination', 'DOSSIER_SUBMITTED',      'draft',               401, 403,  404,  403,   403,    403,     403],
  ['nomination', 'DOSSIER_ACCEPTED',       'pending',             401, 403,  404,  403,   403,    403,     403],
  ['nomination', 'DOSSIER_WITHDRAWN',      'pending',             401, 403,  404,  403,   403,    403,     403],
  ['nomination', 'REMOVE',                 'draft',               401, 200,  404,  403,   403,    403,     403],
  ['nomination', 'REMOVE',                 'appraisal',           401, 409,  404,  403,   403,    403,     403],
  ['nomination', 'APPRAISE',               'appraisal',           401, 403,  404,  200,   403,    403,     403],
  ['nomination', 'APPRAISE',               'directorReview',      401, 403,  404,  409,   403,    403,     403],
  ['nomination', 'FILE_OBJECTION',         'publicNotice',        401, 403,  404,  200,   200,    200,     403],
  ['nomination', 'FILE_OBJECTION',         'councilReview',       401, 403,  404,  200,   200,    200,     403],
  ['nomination', 'FILE_OBJECTION',         'appraisal',           401, 403,  404,  409,   409,    409,     403],
  ['nomination', 'RECORD_VOTE',            'councilReview',       401, 403,  404,  200,   403,    403,     403],
  ['nomination', 'RECORD_VOTE',            'publicNotice',        401, 403,  404,  409,   403,    403,     403],
  ['nomination', 'APPROVE',                'directorReview',      401, 403,  404,  403,   403,    200,     403],
  ['nomination', 'APPROVE',                'appraisal',           401, 403,  404,  403,   403,    409,     403],
  ['nomination', 'REJECT',                 'directorReview',      401, 403,  404,  403,   403,    200,     403],
  ['nomination', 'REJECT',                 'councilReview',       401, 403,  404,  403,   403,    409,     403],
  ['nomination', 'SEND_BACK',              'directorReview',      401, 403,  404,  403,   403,    200,     403],
  ['nomination', 'SEND_BACK',              'awaitingDecision',    401, 403,  404,  403,   403,    409,     403],
  ['nomination', 'DECISION_SIGNED',        'awaitingDecision',    401, 403,  404,  403,   403,    403,     403],
  ['nomination', 'DECISION_REVOKED',       'awarded',             401, 403,  404,  403,   403,    403,     403],
  ['nomination', 'SUBMISSION_SIGNED',      'awaitingForwarding',  401, 403,  404,  403,   403,    403,     403],
  ['nomination', 'RECORD_PROVINCE_RESULT', 'atProvince',          401, 403,  404,  200,   403,    403,     403],
  ['nomination', 'RECORD_PROVINCE_RESULT', 'awaitingForwarding',  401, 403,  404,  409,   403,    403,     403],
  ['nomination', 'REVOKE',                 'awarded',             401, 403,  404,  403,   403,    200,     403],
  ['nomination', 'REVOKE',                 'rejected',            401, 403,  404,  403,   403,    409,     403],
  ['nomination', 'DEADLINE_PASSED',        'appraisal',           401, 403,  404,  403,   403,    403,     403],
  ['decision',   'SUBMIT_FOR_SIGNATURE',   'draft',               401, 404,  404,  200,   403,    403,     403],
  ['decision',   'SUBMIT_FOR_SIGNATURE',   'issued',              401, 404,  404,  409,   403,    403,     403],
  ['decision',   'SIGN',                   'awaitingSignature',   401, 404,  404,  403,   403,    200,     403],
  ['decision',   'SIGN',                   'draft',               401, 404,  404,  403,   403,    409,     403],
  ['decision',   'RETURN',                 'awaitingSignature',   401, 404,  404,  403,   403,    200,     403],
  ['decision',   'RETURN',                 'issued',              401, 404,  404,  403,   403,    409,     403],
  ['decision',   'DISCARD',                'draft',               401, 404,  404,  200,   403,    403,     403],
  ['decision',   'DISCARD',                'awaitingSignature',   401, 404,  404,  409,   403,    403,     403],
  ['decision',   'REVOKE',                 'issued',              401, 404,  404,  403,   403,    200,     403],
  ['decision',   'REVOKE',                 'draft',               401, 404,  404,  403,   403,    409,     403],
  ['submission', 'SUBMIT_FOR_SIGNATURE',   'draft',               401, 404,  404,  200,   403,    403,     403],
  ['submission', 'SUBMIT_FOR_SIGNATURE',   'sent',                401, 404,  404,  409,   403,    403,     403],
  ['submission', 'SIGN',                   'awaitingSignature',   401, 404,  404,  403,   403,    200,     403],
  ['submission', 'SIGN',                   'draft',               401, 404,  404,  403,   403,    409,     403],
  ['submission', 'RETURN',                 'awaitingSignature',   401, 404,  404,  403,   403,    200,     403],
  ['submission', 'RETURN',                 'sent',                401, 404,  404,  403,   403,    409,     403],
  ['submission', 'DISCARD',                'draft',               401, 404,  404,  200,   403,    403,     403],
  ['submission', 'DISCARD',                'awaitingSignature',   401, 404,  404,  409,   403,    403,     403],
  ['submission', 'NOMINATION_RESULT',      'sent',                401, 404,  404,  403,   403,    403,     403],
];

/** A valid payload for each event name (the matrix tests who may send what, not payload checks). */
const payloads: Record<string, Record<string, unknown>> = {
  REQUEST_SUPPLEMENT: { reason: 'Thiếu biên bản họp' },
  WITHDRAW: { reason: 'Đơn vị rút hồ sơ' },
  REMOVE: { reason: 'Trùng đề nghị' },
  APPRAISE: { eligible: true, overrideReason: 'Đã kiểm tra hồ sơ giấy' },
  FILE_OBJECTION: { text: 'Ý kiến phản ánh của cán bộ' },
  RECORD_VOTE: { membersTotal: 9, present: 9, yes: 9 },
  REJECT: { reason: 'Chưa đủ thành tích' },
  SEND_BACK: { reason: 'Thẩm định lại' },
  RETURN: { reason: 'Sửa căn cứ pháp lý' },
  DISCARD: { reason: 'Soạn lại' },
  REVOKE: { reason: 'Sai sót' },
  DEADLINE_PASSED: { kind: 'receipt' },
  DOSSIER_ACCEPTED: {
    rules: {
      code: 'LDTT',
      authority: 'department',
      needsVote: false,
      needsNotice: false,
      voteThreshold: 0.7,
    },
  },
  DECISION_SIGNED: { decisionId: 1, number: '01/QĐ-SNV' },
  DECISION_REVOKED: { decisionId: 1, reason: 'Sai sót' },
  SUBMISSION_SIGNED: { submissionId: 1, number: '01/TTr-SNV' },
  NOMINATION_RESULT: { allResolved: true },
  RECORD_PROVINCE_RESULT: { outcome: 'approved', decisionNumber: '15/QĐ-UBND', decidedOn: '2026-06-01' },
};

const codeOf: Record<number, string> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'TRANSITION_NOT_ALLOWED',
};

interface Probe {
  method: string;
  path: string;
  body?: unknown;
  form?: FormData;
  /** After the answer: e.g. remember a changed password. */
  after?: (res: ApiResponse) => void;
}

let app: ApiApp;
let org: ApiOrg;
let build: RecordBuilder;
let queues: Queues | undefined;
const queuePrefix = uniquePrefix('authz-matrix');
const shared = new Map<string, Promise<number>>();
const sharedRegistrations = new Map<string, Promise<RegistrationRef>>();
let fixtures: {
  campaign: number;
  plannedCampaign: number;
  dossier: number;
  attachment: number;
  nomination: number;
  publicNotice: number;
  decision: number;
  submission: number;
  sentSubmission: number;
  scratchUnit: number;
  scratchUser: number;
  loginUser: { username: string; password: string };
  person: number;
  collective: number;
  registration: number;
  session: number;
  sessionMembers: number[];
  onAgenda: number;
  failedNotice: number;
};
let serial = 0;
/** Past awards are one per nominee, award and year: each recorded one takes the next year. */
let pastAwardYear = 1950;

interface RegistrationRef {
  id: number;
  campaignId: number;
}

/** The app as the web process serves it, with the queue board (see `startApiApp`). */
async function startWholeApp(): Promise<ApiApp> {
  queues = createQueues({ ...redisConnection, maxRetriesPerRequest: 1 }, queuePrefix);
  return startApiApp({ queues });
}

/** A record in `state` shared by every test that expects no transition on it. */
function sharedRecord(type: RecordType, state: string): Promise<number> {
  const key = `${type}:${state}`;
  let p = shared.get(key);
  if (!p) {
    p = freshRecord(type, state);
    shared.set(key, p);
  }
  return p;
}

function freshRecord(type: RecordType, state: string): Promise<number> {
  switch (type) {
    case 'campaign':
      return build.campaign(state as never);
    case 'dossier':
      return build.dossier(state as never);
    case 'nomination':
      return build.nomination(state as never);
    default:
      return build.document(type, state as never);
  }
}

/** A registration of unit A (in a campaign of its own: one registration per campaign and unit) in `state`. */
async function freshRegistration(state: RegistrationState): Promise<RegistrationRef> {
  const campaignId = must(
    await org.as.office.post('/api/campaigns', {
      title: `Đăng ký thi đua ${++serial}`,
      kind: 'thematic',
      year: 2026,
      nominationDeadline: '2026-10-31',
    }),
    201,
    'campaign',
  ).id as number;
  const reg = must(
    await org.as.clerk.put(`/api/campaigns/${campaignId}/registrations/${org.unitA}`, {
      entries: [{ personId: fixtures.person, collectiveId: null, awardCodes: ['LDTT'] }],
    }),
    200,
    'registration',
  );
  const id = reg.id as number;
  const steps: Record<RegistrationState, Array<[RoleName, { type: string; reason?: string }]>> = {
    draft: [],
    submitted: [['clerk', { type: 'SUBMIT' }]],
    returned: [
      ['clerk', { type: 'SUBMIT' }],
      ['office', { type: 'RETURN', reason: 'Bổ sung danh sách' }],
    ],
    approved: [
      ['clerk', { type: 'SUBMIT' }],
      ['office', { type: 'APPROVE' }],
    ],
  };
  for (const [role, body] of steps[state])
    must(await org.as[role].post(`/api/registrations/${id}/events`, body), 200, `registration ${body.type}`);
  return { id, campaignId };
}

function sharedRegistration(state: RegistrationState): Promise<RegistrationRef> {
  let p = sharedRegistrations.get(state);
  if (!p) {
    p = freshRegistration(state);
    sharedRegistrations.set(state, p);
  }
  return p;
}

/** A notice that failed for good: what an administrator retries. */
async function failedNotice(): Promise<number> {
  const n = await insertTestNotice(app.t.db, { outbox: false });
  await app.t.db.query(`UPDATE notices SET status = 'failed', attempts = 8, last_error = $2 WHERE id = $1`, [
    n.id,
    '550 mailbox unavailable',
  ]);
  return n.id;
}

/** A nomination in council review on the fixture session's agenda (the office puts it there). */
async function onAgenda(): Promise<number> {
  const id = await build.nomination('councilReview');
  must(
    await org.as.office.post(`/api/council/sessions/${fixtures.session}/agenda`, { nominationIds: [id] }),
    200,
    'agenda',
  );
  return id;
}

beforeAll(async () => {
  app = await startWholeApp();
  org = await setupApiOrg(app.t);
  build = new RecordBuilder(org);
  const campaign = await build.openCampaign();
  const { id: dossier, nominations } = await build.dossierWith('draft');
  const detail = must(await org.as.clerk.get(`/api/dossiers/${dossier}`), 200, 'dossier');
  const scratchUnit = must(
    await org.as.admin.post('/api/units', { code: 'TAM', name: 'Đơn vị tạm', parentId: org.department }),
    201,
    'unit',
  ).id as number;
  const loginUser = { username: 'matrix.login', password: 'matrix-login-pw-1' };
  const scratchUser = must(
    await org.as.admin.post('/api/users', {
      username: loginUser.username,
      password: loginUser.password,
      fullName: 'Người thử đăng nhập',
      email: 'login@example.test',
      roles: ['council'],
    }),
    201,
    'user',
  ).id as number;
  const person = await build.person('Trần Thị Bình');
  const collective = await build.collective('Tổ Chính sách', [person]);
  const { id: session, memberIds: sessionMembers } = await build.councilSession();
  fixtures = {
    campaign,
    plannedCampaign: await build.campaign('planned'),
    dossier,
    attachment: detail.attachments[0].id as number,
    nomination: nominations[0]!,
    publicNotice: await build.nomination('publicNotice'),
    decision: await build.document('decision', 'draft'),
    submission: await build.document('submission', 'draft'),
    sentSubmission: await build.document('submission', 'sent'),
    scratchUnit,
    scratchUser,
    loginUser,
    person,
    collective,
    registration: 0,
    session,
    sessionMembers,
    onAgenda: 0,
    failedNotice: await failedNotice(),
  };
  fixtures.registration = must(
    await org.as.clerk.put(`/api/campaigns/${campaign}/registrations/${org.unitA}`, {
      entries: [{ personId: person, collectiveId: null, awardCodes: ['LDTT'] }],
    }),
    200,
    'registration',
  ).id as number;
  fixtures.onAgenda = await onAgenda();
}, 120_000);
afterAll(async () => {
  await app?.t.close();
  await queues?.close();
  await deletePrefixKeys(queuePrefix);
});

const roleIndex = (role: RoleName) => roleNames.indexOf(role);

/** One request per route that the route's rightful caller would make successfully (or the stated 409). */
const probes: Record<string, (role: RoleName) => Promise<Probe> | Probe> = {
  'GET /healthz': () => ({ method: 'GET', path: '/healthz' }),
  'GET /readyz': () => ({ method: 'GET', path: '/readyz' }),
  'GET /api/openapi.json': () => ({ method: 'GET', path: '/api/openapi.json' }),
  'POST /api/auth/login': () => ({ method: 'POST', path: '/api/auth/login', body: fixtures.loginUser }),
  'POST /api/auth/logout': () => ({ method: 'POST', path: '/api/auth/logout' }),
  'GET /api/auth/csrf': () => ({ method: 'GET', path: '/api/auth/csrf' }),
  'POST /api/auth/password': (role) => {
    const newPassword = `new-password-${++serial}`;
    return {
      method: 'POST',
      path: '/api/auth/password',
      body: { currentPassword: role === 'anon' ? 'whatever' : org.passwords[role], newPassword },
      after: (res) => {
        if (res.status === 200 && role !== 'anon') org.passwords[role] = newPassword;
      },
    };
  },
  'GET /api/me': () => ({ method: 'GET', path: '/api/me' }),
  'POST /api/auth/tokens': () => ({ method: 'POST', path: '/api/auth/tokens', body: { name: 'matrix' } }),
  'GET /api/auth/tokens': () => ({ method: 'GET', path: '/api/auth/tokens' }),
  'DELETE /api/auth/tokens/:id': async (role) => {
    const owner = role === 'anon' ? org.as.admin : org.as[role];
    const token = must(await owner.post('/api/auth/tokens', { name: 'to revoke' }), 201, 'token');
    return { method: 'DELETE', path: `/api/auth/tokens/${token.id}` };
  },
  'POST /api/units': () => ({
    method: 'POST',
    path: '/api/units',
    body: { code: `U${++serial}`, name: 'Đơn vị mới', parentId: org.department },
  }),
  'GET /api/units': () => ({ method: 'GET', path: '/api/units' }),
  'GET /api/units/:id': () => ({ method: 'GET', path: `/api/units/${org.unitA}` }),
  'PATCH /api/units/:id': () => ({
    method: 'PATCH',
    path: `/api/units/${fixtures.scratchUnit}`,
    body: { name: `Đơn vị tạm ${++serial}` },
  }),
  'POST /api/units/:id/successor': async () => {
    const old = must(
      await org.as.admin.post('/api/units', {
        code: `OLD${++serial}`,
        name: 'Đơn vị cũ',
        parentId: org.department,
      }),
      201,
      'unit',
    );
    return {
      method: 'POST',
      path: `/api/units/${old.id}/successor`,
      body: { code: `NEW${serial}`, name: 'Đơn vị mới sau sáp nhập' },
    };
  },
  'POST /api/users': () => ({
    method: 'POST',
    path: '/api/users',
    body: {
      username: `user${++serial}`,
      password: 'a-good-password-1',
      fullName: 'Trần Thị Bình',
      email: `user${serial}@example.test`,
      roles: ['council'],
    },
  }),
  'GET /api/users': () => ({ method: 'GET', path: '/api/users' }),
  'GET /api/users/:id': () => ({ method: 'GET', path: `/api/users/${fixtures.scratchUser}` }),
  'PATCH /api/users/:id': () => ({
    method: 'PATCH',
    path: `/api/users/${fixtures.scratchUser}`,
    body: { fullName: `Người thử ${++serial}` },
  }),
  'GET /api/settings/policy': () => ({ method: 'GET', path: '/api/settings/policy' }),
  'PUT /api/settings/policy': () => ({
    method: 'PUT',
    path: '/api/settings/policy',
    body: { receiptPeriod: { workingDays: 3 } },
  }),
  'GET /api/awards': () => ({ method: 'GET', path: '/api/awards' }),
  'GET /api/awards/:code/versions': () => ({ method: 'GET', path: '/api/awards/LDTT/versions' }),
  'PUT /api/awards/:code': () => ({
    method: 'PUT',
    path: '/api/awards/GKGD',
    body: { effectiveFrom: '2030-01-01', voteThreshold: 0.7 },
  }),
  'GET /api/calendar/:year': () => ({ method: 'GET', path: '/api/calendar/2026' }),
  'PUT /api/calendar/:year': () => {
    const { daysOff, workingSaturdays } = defaultCalendarYear(2031);
    return { method: 'PUT', path: '/api/calendar/2031', body: { daysOff, workingSaturdays } };
  },
  'POST /api/campaigns': () => ({
    method: 'POST',
    path: '/api/campaigns',
    body: { title: 'Thi đua chuyên đề', kind: 'thematic', year: 2026, nominationDeadline: '2026-10-31' },
  }),
  'GET /api/campaigns': () => ({ method: 'GET', path: '/api/campaigns' }),
  'GET /api/campaigns/:id': () => ({ method: 'GET', path: `/api/campaigns/${fixtures.campaign}` }),
  'GET /api/campaigns/:id/history': () => ({
    method: 'GET',
    path: `/api/campaigns/${fixtures.campaign}/history`,
  }),
  'GET /api/campaigns/:id/history/verify': () => ({
    method: 'GET',
    path: `/api/campaigns/${fixtures.campaign}/history/verify`,
  }),
  'POST /api/campaigns/:id/events': () => ({
    method: 'POST',
    path: `/api/campaigns/${fixtures.plannedCampaign}/events`,
    body: { type: 'COMPLETE' },
  }),
  'POST /api/dossiers': () => ({
    method: 'POST',
    path: '/api/dossiers',
    body: { campaignId: fixtures.campaign, title: 'Hồ sơ đề nghị' },
  }),
  'GET /api/dossiers': () => ({ method: 'GET', path: '/api/dossiers' }),
  'GET /api/dossiers/:id': () => ({ method: 'GET', path: `/api/dossiers/${fixtures.dossier}` }),
  'GET /api/dossiers/:id/findings': () => ({
    method: 'GET',
    path: `/api/dossiers/${fixtures.dossier}/findings`,
  }),
  'GET /api/dossiers/:id/history': () => ({
    method: 'GET',
    path: `/api/dossiers/${fixtures.dossier}/history`,
  }),
  'GET /api/dossiers/:id/history/verify': () => ({
    method: 'GET',
    path: `/api/dossiers/${fixtures.dossier}/history/verify`,
  }),
  'POST /api/dossiers/:id/events': () => ({
    method: 'POST',
    path: `/api/dossiers/${fixtures.dossier}/events`,
    body: { type: 'RECEIVE' },
  }),
  'POST /api/dossiers/:id/nominations': () => ({
    method: 'POST',
    path: `/api/dossiers/${fixtures.dossier}/nominations`,
    body: { awardCode: 'GKGD', nominee: { kind: 'collective', name: 'Tổ công tác' }, summary: 'Thành tích' },
  }),
  'POST /api/dossiers/:id/attachments': () => {
    const form = new FormData();
    form.append('kind', 'other');
    form.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')]), 'phu-luc.pdf');
    return { method: 'POST', path: `/api/dossiers/${fixtures.dossier}/attachments`, form };
  },
  'GET /api/dossiers/:id/attachments/:attachmentId': () => ({
    method: 'GET',
    path: `/api/dossiers/${fixtures.dossier}/attachments/${fixtures.attachment}`,
  }),
  'GET /api/nominations': () => ({ method: 'GET', path: '/api/nominations' }),
  'GET /api/nominations/:id': () => ({ method: 'GET', path: `/api/nominations/${fixtures.nomination}` }),
  'GET /api/council/sessions': () => ({ method: 'GET', path: '/api/council/sessions' }),
  'GET /api/nominations/:id/objections': () => ({
    method: 'GET',
    path: `/api/nominations/${fixtures.nomination}/objections`,
  }),
  'GET /api/nominations/export.xlsx': () => ({ method: 'GET', path: '/api/nominations/export.xlsx' }),
  'GET /api/public/notice': () => ({ method: 'GET', path: '/api/public/notice' }),
  'GET /api/reports/nominations': () => ({ method: 'GET', path: '/api/reports/nominations' }),
  'GET /api/reports/nominations.xlsx': () => ({ method: 'GET', path: '/api/reports/nominations.xlsx' }),
  'GET /api/state-counts/dossiers': () => ({ method: 'GET', path: '/api/state-counts/dossiers' }),
  'GET /api/state-counts/nominations': () => ({ method: 'GET', path: '/api/state-counts/nominations' }),
  'POST /api/nominations/bulk-events': () => ({
    method: 'POST',
    path: '/api/nominations/bulk-events',
    body: { type: 'APPROVE', ids: [fixtures.nomination] },
  }),
  'GET /api/nominations/:id/history': () => ({
    method: 'GET',
    path: `/api/nominations/${fixtures.nomination}/history`,
  }),
  'GET /api/nominations/:id/history/verify': () => ({
    method: 'GET',
    path: `/api/nominations/${fixtures.nomination}/history/verify`,
  }),
  'POST /api/nominations/:id/events': () => ({
    method: 'POST',
    path: `/api/nominations/${fixtures.publicNotice}/events`,
    body: { type: 'FILE_OBJECTION', text: 'Ý kiến' },
  }),
  'POST /api/decisions': async (role) => ({
    method: 'POST',
    path: '/api/decisions',
    body: {
      nominationIds: [role === 'office' ? await build.nomination('awaitingDecision') : fixtures.nomination],
    },
  }),
  'GET /api/decisions': () => ({ method: 'GET', path: '/api/decisions' }),
  'GET /api/decisions/:id': () => ({ method: 'GET', path: `/api/decisions/${fixtures.decision}` }),
  'GET /api/decisions/:id/history': () => ({
    method: 'GET',
    path: `/api/decisions/${fixtures.decision}/history`,
  }),
  'GET /api/decisions/:id/history/verify': () => ({
    method: 'GET',
    path: `/api/decisions/${fixtures.decision}/history/verify`,
  }),
  'POST /api/decisions/:id/events': () => ({
    method: 'POST',
    path: `/api/decisions/${fixtures.decision}/events`,
    body: { type: 'SIGN' },
  }),
  'POST /api/submissions': async (role) => ({
    method: 'POST',
    path: '/api/submissions',
    body: {
      nominationIds: [role === 'office' ? await build.nomination('awaitingForwarding') : fixtures.nomination],
    },
  }),
  'GET /api/submissions': () => ({ method: 'GET', path: '/api/submissions' }),
  'GET /api/submissions/:id': () => ({ method: 'GET', path: `/api/submissions/${fixtures.submission}` }),
  'GET /api/submissions/:id/history': () => ({
    method: 'GET',
    path: `/api/submissions/${fixtures.submission}/history`,
  }),
  'GET /api/submissions/:id/history/verify': () => ({
    method: 'GET',
    path: `/api/submissions/${fixtures.submission}/history/verify`,
  }),
  'POST /api/submissions/:id/events': () => ({
    method: 'POST',
    path: `/api/submissions/${fixtures.sentSubmission}/events`,
    body: { type: 'SUBMIT_FOR_SIGNATURE' },
  }),
  'GET /api/units/:id/persons': () => ({ method: 'GET', path: `/api/units/${org.unitA}/persons` }),
  'POST /api/units/:id/persons': () => ({
    method: 'POST',
    path: `/api/units/${org.unitA}/persons`,
    body: { fullName: `Nguyễn Văn ${++serial}`, birthYear: 1985, position: 'Chuyên viên' },
  }),
  'GET /api/persons/:id': () => ({ method: 'GET', path: `/api/persons/${fixtures.person}` }),
  'POST /api/persons/:id/past-awards': () => ({
    method: 'POST',
    path: `/api/persons/${fixtures.person}/past-awards`,
    body: { awardCode: 'LDTT', year: ++pastAwardYear, decisionNumber: '07/QĐ-SNV' },
  }),
  'POST /api/persons/:id/initiatives': () => ({
    method: 'POST',
    path: `/api/persons/${fixtures.person}/initiatives`,
    body: { title: 'Số hoá hồ sơ thi đua', scope: 'grassroots', recognisedOn: '2025-06-01' },
  }),
  'POST /api/persons/:id/discipline': () => ({
    method: 'POST',
    path: `/api/persons/${fixtures.person}/discipline`,
    body: { level: 'reprimand', from: '2019-01-10', to: '2019-12-31' },
  }),
  'POST /api/persons/:id/ratings': () => ({
    method: 'POST',
    path: `/api/persons/${fixtures.person}/ratings`,
    body: { year: 2025, rating: 'good' },
  }),
  'GET /api/units/:id/collectives': () => ({ method: 'GET', path: `/api/units/${org.unitA}/collectives` }),
  'POST /api/units/:id/collectives': () => ({
    method: 'POST',
    path: `/api/units/${org.unitA}/collectives`,
    body: { name: `Tổ công tác ${++serial}`, memberCount: 5 },
  }),
  'GET /api/collectives/:id': () => ({ method: 'GET', path: `/api/collectives/${fixtures.collective}` }),
  'PUT /api/collectives/:id/members': () => ({
    method: 'PUT',
    path: `/api/collectives/${fixtures.collective}/members`,
    body: { year: 2026, personIds: [fixtures.person] },
  }),
  'POST /api/collectives/:id/past-awards': () => ({
    method: 'POST',
    path: `/api/collectives/${fixtures.collective}/past-awards`,
    body: { awardCode: 'TTLDTT', year: ++pastAwardYear },
  }),
  'POST /api/units/:id/past-awards/import': () => {
    const form = new FormData();
    const csv = 'Họ và tên;Danh hiệu;Năm\r\nTrần Thị Bình;LDTT;2020\r\n';
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'khen-thuong.csv');
    return { method: 'POST', path: `/api/units/${org.unitA}/past-awards/import?mode=preview`, form };
  },
  'GET /api/campaigns/:id/registrations/:unitId': () => ({
    method: 'GET',
    path: `/api/campaigns/${fixtures.campaign}/registrations/${org.unitA}`,
  }),
  'PUT /api/campaigns/:id/registrations/:unitId': () => ({
    method: 'PUT',
    path: `/api/campaigns/${fixtures.campaign}/registrations/${org.unitA}`,
    body: { entries: [{ personId: fixtures.person, collectiveId: null, awardCodes: ['LDTT'] }] },
  }),
  'GET /api/registrations/:id/history': () => ({
    method: 'GET',
    path: `/api/registrations/${fixtures.registration}/history`,
  }),
  'POST /api/registrations/:id/events': () => ({
    method: 'POST',
    path: `/api/registrations/${fixtures.registration}/events`,
    body: { type: 'APPROVE' },
  }),
  'POST /api/council/sessions': () => ({
    method: 'POST',
    path: '/api/council/sessions',
    body: {
      title: `Phiên họp ${++serial}`,
      heldOn: '2026-12-01',
      members: [{ userId: null, fullName: 'Giám đốc Sở', role: 'chair' }],
    },
  }),
  'GET /api/council/sessions/:id': () => ({
    method: 'GET',
    path: `/api/council/sessions/${fixtures.session}`,
  }),
  'PUT /api/council/sessions/:id/attendance': () => ({
    method: 'PUT',
    path: `/api/council/sessions/${fixtures.session}/attendance`,
    body: { presentMemberIds: fixtures.sessionMembers },
  }),
  'POST /api/council/sessions/:id/agenda': () => ({
    method: 'POST',
    path: `/api/council/sessions/${fixtures.session}/agenda`,
    body: { nominationIds: [fixtures.onAgenda] },
  }),
  'POST /api/council/sessions/:id/votes': async (role) => ({
    method: 'POST',
    path: `/api/council/sessions/${fixtures.session}/votes`,
    body: { nominationId: role === 'office' ? await onAgenda() : fixtures.onAgenda, yes: 3 },
  }),
  'GET /api/admin/incidents': () => ({ method: 'GET', path: '/api/admin/incidents?includeUnsent=true' }),
  'POST /api/admin/incidents/:id/retry': async (role) => ({
    method: 'POST',
    path: `/api/admin/incidents/${role === 'admin' ? await failedNotice() : fixtures.failedNotice}/retry`,
  }),
  'GET /api/admin/outbox': () => ({ method: 'GET', path: '/api/admin/outbox' }),
  'GET /api/admin/history/verify': () => ({ method: 'GET', path: '/api/admin/history/verify' }),
  'GET /api/admin/audit': () => ({ method: 'GET', path: '/api/admin/audit?kind=unit' }),
  'GET /api/admin/audit/verify': () => ({ method: 'GET', path: '/api/admin/audit/verify' }),
  'GET /api/admin/tokens': () => ({ method: 'GET', path: '/api/admin/tokens?includeRevoked=true' }),
  'DELETE /api/admin/tokens/:id': async () => {
    const token = must(await org.as.office.post('/api/auth/tokens', { name: 'admin revokes' }), 201, 'token');
    return { method: 'DELETE', path: `/api/admin/tokens/${token.id}` };
  },
};

async function send(role: RoleName, p: Probe): Promise<ApiResponse> {
  const api = org.as[role];
  const opts = p.form ? { raw: p.form } : p.body === undefined ? {} : { body: p.body };
  switch (p.method) {
    case 'GET':
      return api.get(p.path);
    case 'POST':
      return api.post(p.path, undefined, opts);
    case 'PUT':
      return api.put(p.path, undefined, opts);
    case 'PATCH':
      return api.patch(p.path, undefined, opts);
    case 'DELETE':
      return api.delete(p.path, opts);
    default:
      throw new Error(`no method ${p.method}`);
  }
}

function expectStatus(res: ApiResponse, expected: number, what: string): void {
  if (res.status !== expected)
    throw new Error(`${what}: expected ${expected}, got ${res.status} ${res.text.slice(0, 300)}`);
  if (expected >= 400) {
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: expected, code: codeOf[expected] });
  }
}

const routeKey = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;
const rolesOfUser: Record<Exclude<RoleName, 'anon'>, string[]> = {
  clerk: ['unit'],
  otherClerk: ['unit'],
  office: ['office'],
  council: ['council'],
  director: ['director'],
  admin: ['admin'],
};

describe(`authorization matrix (${db})`, () => {
  it('has exactly one row per route of the registry, consistent with each route’s declared roles', () => {
    const routes = app.registry.list();
    expect(Object.keys(endpoints).sort()).toEqual(routes.map(routeKey).sort());
    expect(Object.keys(probes).sort()).toEqual(Object.keys(endpoints).sort());
    for (const r of routes) {
      const row = endpoints[routeKey(r)]!;
      const auth: AuthRule = r.auth;
      // Anonymous callers: 401 exactly on the routes that are not public.
      expect([routeKey(r), row[0] === 401]).toEqual([routeKey(r), auth !== 'public']);
      if (!Array.isArray(auth)) continue;
      for (const role of roleNames.slice(1) as Array<Exclude<RoleName, 'anon'>>) {
        const never = !rolesOfUser[role].some((x) => (auth as readonly string[]).includes(x));
        expect([routeKey(r), role, row[roleIndex(role)] === 403]).toEqual([routeKey(r), role, never]);
      }
    }
  });

  it('serves every route declared in src/http (no route file left out of the app under test)', () => {
    const dir = join(__dirname, '../../../src/http');
    const files = [
      join(dir, 'app.ts'),
      ...readdirSync(join(dir, 'routes'))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => join(dir, 'routes', f)),
    ];
    // Literal declarations only (the workflow routes build theirs per record type, and are served).
    const declared = files.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/method: '(get|post|put|patch|delete)',\s+path: '([^']+)'/g)].map(
        (m) => `${m[1]!.toUpperCase()} ${m[2]!}`,
      ),
    );
    expect(declared.length).toBeGreaterThan(50);
    const served = new Set(app.registry.list().map(routeKey));
    expect(declared.filter((k) => !served.has(k))).toEqual([]);
  });

  it('has rows for every registration event, 403 exactly for the roles that may never send it', () => {
    const sendable = registrationEventTypes.filter((e) => e !== 'EDIT');
    expect([...new Set(registrationEvents.map((e) => e[0]))].sort()).toEqual([...sendable].sort());
    const sendersOf = (event: string) =>
      Object.values(registrationTransitions).flatMap(
        (byEvent) => (byEvent as Record<string, { senders: readonly string[] }>)[event]?.senders ?? [],
      );
    for (const [event, state, ...row] of registrationEvents) {
      for (const role of ['clerk', 'office', 'council', 'director', 'admin'] as const) {
        const may = sendersOf(event).includes(rolesOfUser[role][0]!);
        const status = row[roleIndex(role)]!;
        expect([event, state, role, status === 403]).toEqual([event, state, role, !may]);
      }
      expect(row[0]).toBe(401);
      expect(row[roleIndex('otherClerk')]).toBe(404);
    }
  });

  it('has rows for every event of every machine, 403 exactly for the roles that may never send it', () => {
    for (const type of recordTypes) {
      const covered = new Set(events.filter((e) => e[0] === type).map((e) => e[1]));
      expect([type, [...covered].sort()]).toEqual([type, Object.keys(currentMachines[type].events).sort()]);
    }
    for (const [type, event, state, ...row] of events) {
      const senders = currentMachines[type].events[event]!.senders as readonly string[];
      const unitOwned = type === 'dossier' || type === 'nomination';
      // Campaigns are everyone's to read; decisions and submissions are not a clerk's (404 first).
      const clerkReads = unitOwned || type === 'campaign';
      for (const role of ['clerk', 'office', 'council', 'director', 'admin'] as const) {
        if (role === 'clerk' && !clerkReads) continue;
        const may = senders.includes(rolesOfUser[role][0]!);
        const status = row[roleIndex(role)]!;
        expect([type, event, state, role, status === 403]).toEqual([type, event, state, role, !may]);
      }
      expect(row[0]).toBe(401);
      expect(row[roleIndex('otherClerk')]).toBe(type === 'campaign' ? row[roleIndex('clerk')] : 404);
    }
  });

  const endpointCells = Object.entries(endpoints).flatMap(([route, row]) =>
    roleNames.map((role, i) => [route, role, row[i]!] as const),
  );
  it.each(endpointCells)('%s as %s → %i', async (route, role, expected) => {
    const probe = await probes[route]!(role);
    const res = await send(role, probe);
    probe.after?.(res);
    expectStatus(res, expected, `${route} as ${role}`);
  });

  const eventCells = events.flatMap(([type, event, state, ...row]) =>
    roleNames.map((role, i) => [type, event, state, role, row[i]!] as const),
  );
  it.each(eventCells)('%s %s in %s as %s → %i', async (type, event, state, role, expected) => {
    // A transition changes its record: a new one for each success, a shared one otherwise.
    const id =
      expected === 200 && event !== 'FILE_OBJECTION'
        ? await freshRecord(type, state)
        : await sharedRecord(type, state);
    const before = must(await org.as.admin.get(`/api/${type}s/${id}`), 200, 'record');
    expect(before.state).toBe(state);
    const res = await org.as[role].post(`/api/${type}s/${id}/events`, {
      type: event,
      ...(payloads[event] ?? {}),
    });
    expectStatus(res, expected, `${type} ${event} in ${state} as ${role}`);
    const after = must(await org.as.admin.get(`/api/${type}s/${id}`), 200, 'record');
    if (expected === 200) expect(after.version).toBe(before.version + 1);
    else expect(after).toMatchObject({ state, version: before.version });
  });

  const registrationCells = registrationEvents.flatMap(([event, state, ...row]) =>
    roleNames.map((role, i) => [event, state, role, row[i]!] as const),
  );
  it.each(registrationCells)('registration %s in %s as %s → %i', async (event, state, role, expected) => {
    const reg = expected === 200 ? await freshRegistration(state) : await sharedRegistration(state);
    const path = `/api/campaigns/${reg.campaignId}/registrations/${org.unitA}`;
    const before = must(await org.as.office.get(path), 200, 'registration');
    expect(before.state).toBe(state);
    const res = await org.as[role].post(`/api/registrations/${reg.id}/events`, {
      type: event,
      ...(event === 'RETURN' ? { reason: 'Bổ sung danh sách' } : {}),
    });
    expectStatus(res, expected, `registration ${event} in ${state} as ${role}`);
    const after = must(await org.as.office.get(path), 200, 'registration');
    if (expected === 200) expect(after.version).toBe(before.version + 1);
    else expect(after).toMatchObject({ state, version: before.version });
  });

  const routerCells = Object.entries(routers).flatMap(([route, row]) =>
    roleNames.map((role, i) => [route, role, row[i]!] as const),
  );
  it.each(routerCells)('%s as %s → %i', async (route, role, expected) => {
    const res = await send(role, { method: 'GET', path: route.slice('GET '.length) });
    expectStatus(res, expected, `${route} as ${role}`);
  });

  it('the upload route refuses another unit before reading the file', async () => {
    const res = await uploadPdf(org.as.otherClerk, fixtures.dossier, 'other');
    expectStatus(res, 404, 'upload as another unit');
  });
});
