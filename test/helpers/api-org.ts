/* eslint-disable @typescript-eslint/no-explicit-any -- test answers are checked by status, not types */
import { seedCatalogue } from '../../src/db/award-versions';
import type { RouteRegistry } from '../../src/http/registry';
import type { Queues } from '../../src/queue/queues';
import { startTestApp, type TestApp } from './app';
import { client, type ApiResponse, type Client } from './http';

/**
 * An organisation set up through the HTTP API (the product's routes, as createApp registers them), with
 * one bearer-token client per role, and builders that put workflow records in a known state through the
 * API. Shared by the authorization matrix and the bad-input tests.
 */
export const roleNames = ['anon', 'clerk', 'otherClerk', 'office', 'council', 'director', 'admin'] as const;
export type RoleName = (typeof roleNames)[number];

/** A minimal PDF: the upload checks content, not names. */
export const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
export const attachmentKindsForAll = ['coverLetter', 'minutes', 'achievementReport', 'initiativeCertificate'];

export interface ApiApp {
  t: TestApp;
  registry: RouteRegistry;
}

/**
 * The app as the web process serves it (createApp registers every route), with the default catalogue;
 * with `queues`, the admin's outbox counts come from them and the queue board is mounted behind its admin
 * check at `/admin/queues`.
 */
export async function startApiApp(
  opts: { env?: Record<string, string>; queues?: Queues } = {},
): Promise<ApiApp> {
  let captured: RouteRegistry | undefined;
  const q = opts.queues;
  const t = await startTestApp({
    ...(opts.env ? { env: opts.env } : {}),
    ...(q ? { queues: q } : {}),
    deps: {
      extraRoutes: (registry) => {
        captured = registry;
      },
    },
  });
  await seedCatalogue(t.db);
  if (!captured) throw new Error('extraRoutes was not called');
  return { t, registry: captured };
}

export function must(res: ApiResponse, status: number, what: string): any {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${res.text}`);
  return res.body;
}

export interface ApiOrg {
  department: number;
  unitA: number;
  unitB: number;
  /** Bearer clients (no CSRF involved); `anon` sends no credentials. */
  as: Record<RoleName, Client>;
  userIds: Record<Exclude<RoleName, 'anon'>, number>;
  /** Current passwords (the matrix changes them). */
  passwords: Record<Exclude<RoleName, 'anon'>, string>;
  usernames: Record<Exclude<RoleName, 'anon'>, string>;
}

async function tokenClient(t: TestApp, api: Client, name: string): Promise<Client> {
  const body = must(await api.post('/api/auth/tokens', { name }), 201, `token ${name}`);
  return client(t.baseUrl, { token: body.token as string });
}

/** The department SNV with units A and B; a clerk in each, office, council, director; the admin. */
export async function setupApiOrg(t: TestApp, prefix = ''): Promise<ApiOrg> {
  const dep = await t.createUnit({ code: `${prefix}SNV`, name: 'Sở Nội vụ' });
  const a = await t.createUnit({ code: `${prefix}PLD`, name: 'Phòng Lao động', parentId: dep.id });
  const b = await t.createUnit({ code: `${prefix}PBT`, name: 'Phòng Bảo trợ', parentId: dep.id });
  const spec: Record<Exclude<RoleName, 'anon' | 'admin'>, { roles: string[]; unitId: number }> = {
    clerk: { roles: ['unit'], unitId: a.id },
    otherClerk: { roles: ['unit'], unitId: b.id },
    office: { roles: ['office'], unitId: dep.id },
    council: { roles: ['council'], unitId: dep.id },
    director: { roles: ['director'], unitId: dep.id },
  };
  const as = { anon: client(t.baseUrl) } as Record<RoleName, Client>;
  const userIds = {} as ApiOrg['userIds'];
  const passwords = {} as ApiOrg['passwords'];
  const usernames = {} as ApiOrg['usernames'];
  for (const [role, s] of Object.entries(spec) as Array<[keyof typeof spec, (typeof spec)['clerk']]>) {
    const username = `${prefix}${role}`.toLowerCase();
    const u = await t.createUser({ username, roles: s.roles, unitId: s.unitId });
    as[role] = await tokenClient(t, u.api, `${role} token`);
    userIds[role] = u.user.id;
    passwords[role] = u.password;
    usernames[role] = username;
  }
  as.admin = await tokenClient(t, t.admin.api, 'admin token');
  userIds.admin = t.admin.user.id;
  passwords.admin = t.adminPassword;
  usernames.admin = 'admin';
  return { department: dep.id, unitA: a.id, unitB: b.id, as, userIds, passwords, usernames };
}

export async function uploadPdf(api: Client, dossierId: number, kind: string): Promise<ApiResponse> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', new Blob([pdf], { type: 'application/pdf' }), `${kind}.pdf`);
  return api.post(`/api/dossiers/${dossierId}/attachments`, undefined, { raw: form });
}

export type CampaignState = 'planned' | 'open' | 'closed' | 'completed';
export type DossierState = 'draft' | 'submitted' | 'returned' | 'accepted' | 'withdrawn';
export type NominationState =
  | 'draft'
  | 'pending'
  | 'appraisal'
  | 'publicNotice'
  | 'councilReview'
  | 'directorReview'
  | 'awaitingDecision'
  | 'awaitingForwarding'
  | 'atProvince'
  | 'awarded'
  | 'rejected'
  | 'withdrawn';
export type DocumentState =
  'draft' | 'awaitingSignature' | 'issued' | 'sent' | 'revoked' | 'discarded' | 'closed';

/**
 * Builds records of unit A in a given state through the API, each one new (a successful event changes
 * the record it was sent to, so every test that expects a transition gets its own record).
 */
export class RecordBuilder {
  private campaignId: number | undefined;
  private readonly appraisalPool = new Map<string, number[]>();

  constructor(private readonly org: ApiOrg) {}

  private get office() {
    return this.org.as.office;
  }
  private get clerk() {
    return this.org.as.clerk;
  }
  private get director() {
    return this.org.as.director;
  }

  async event(api: Client, type: string, id: number, body: Record<string, unknown>): Promise<any> {
    const path = `/api/${type}s/${id}/events`;
    return must(await api.post(path, body), 200, `${type} ${id} ${String(body.type)}`);
  }

  async campaign(state: CampaignState = 'open'): Promise<number> {
    const c = must(
      await this.office.post('/api/campaigns', {
        title: `Thi đua ${state}`,
        kind: 'annual',
        year: 2026,
        nominationDeadline: '2026-12-31',
      }),
      201,
      'campaign',
    );
    const steps = {
      planned: [],
      open: ['OPEN'],
      closed: ['OPEN', 'CLOSE'],
      completed: ['OPEN', 'CLOSE', 'COMPLETE'],
    };
    for (const type of steps[state]) await this.event(this.office, 'campaign', c.id, { type });
    return c.id as number;
  }

  /** The open campaign every dossier goes to. */
  async openCampaign(): Promise<number> {
    return (this.campaignId ??= await this.campaign('open'));
  }

  /** A dossier of unit A with `awards` (one nomination each) and every attachment kind. */
  async dossierWith(
    state: DossierState,
    awards: readonly string[] = ['LDTT'],
    withFiles = true,
  ): Promise<{ id: number; nominations: number[] }> {
    const campaignId = await this.openCampaign();
    const d = must(
      await this.clerk.post('/api/dossiers', { campaignId, title: `Hồ sơ ${state}` }),
      201,
      'dossier',
    );
    const nominations: number[] = [];
    for (const [i, awardCode] of awards.entries()) {
      const n = must(
        await this.clerk.post(`/api/dossiers/${d.id}/nominations`, {
          awardCode,
          nominee:
            awardCode === 'TTLDTT' || awardCode === 'TTLDXS' || awardCode === 'CTDT'
              ? { kind: 'collective', name: `Tập thể ${i + 1}` }
              : { kind: 'individual', fullName: `Nguyễn Văn ${i + 1}` },
          summary: 'Hoàn thành xuất sắc nhiệm vụ',
        }),
        201,
        'nomination',
      );
      nominations.push(n.id as number);
    }
    if (withFiles) await this.attachAll(d.id as number);
    const steps: Record<DossierState, Array<[Client, Record<string, unknown>]>> = {
      draft: [],
      submitted: [[this.clerk, { type: 'SUBMIT' }]],
      returned: [
        [this.clerk, { type: 'SUBMIT' }],
        [this.office, { type: 'REQUEST_SUPPLEMENT', reason: 'Thiếu biên bản' }],
      ],
      accepted: [
        [this.clerk, { type: 'SUBMIT' }],
        [this.office, { type: 'RECEIVE' }],
      ],
      withdrawn: [
        [this.clerk, { type: 'SUBMIT' }],
        [this.clerk, { type: 'WITHDRAW', reason: 'Rút' }],
      ],
    };
    for (const [api, body] of steps[state]) await this.event(api, 'dossier', d.id as number, body);
    return { id: d.id as number, nominations };
  }

  async attachAll(dossierId: number): Promise<void> {
    for (const kind of attachmentKindsForAll)
      must(await uploadPdf(this.clerk, dossierId, kind), 201, `upload ${kind}`);
  }

  async dossier(state: DossierState): Promise<number> {
    return (await this.dossierWith(state)).id;
  }

  /** A nomination of `award` in appraisal (taken from a pool filled six at a time). */
  async inAppraisal(award: string): Promise<number> {
    let pool = this.appraisalPool.get(award);
    if (!pool || pool.length === 0) {
      pool = (await this.dossierWith('accepted', Array(6).fill(award) as string[])).nominations;
      this.appraisalPool.set(award, pool);
    }
    return pool.shift()!;
  }

  private async appraise(id: number): Promise<void> {
    await this.event(this.office, 'nomination', id, {
      type: 'APPRAISE',
      eligible: true,
      overrideReason: 'Đã kiểm tra hồ sơ giấy',
    });
  }

  async nomination(state: NominationState): Promise<number> {
    switch (state) {
      case 'draft':
      case 'pending':
      case 'withdrawn': {
        const dossierState = { draft: 'draft', pending: 'submitted', withdrawn: 'withdrawn' } as const;
        return (await this.dossierWith(dossierState[state], ['LDTT'], state !== 'draft')).nominations[0]!;
      }
      case 'appraisal':
        return this.inAppraisal('LDTT');
      case 'rejected': {
        const id = await this.inAppraisal('LDTT');
        await this.event(this.office, 'nomination', id, {
          type: 'APPRAISE',
          eligible: false,
          reason: 'Không đủ điều kiện',
        });
        return id;
      }
      case 'publicNotice': {
        const id = await this.inAppraisal('BKTTG');
        await this.appraise(id);
        return id;
      }
      case 'councilReview': {
        const id = await this.inAppraisal('CSTDCS');
        await this.appraise(id);
        return id;
      }
      case 'directorReview': {
        const id = await this.inAppraisal('LDTT');
        await this.appraise(id);
        return id;
      }
      case 'awaitingDecision': {
        const id = await this.nomination('directorReview');
        await this.event(this.director, 'nomination', id, { type: 'APPROVE' });
        return id;
      }
      case 'awaitingForwarding': {
        const id = await this.inAppraisal('CSTDT');
        await this.appraise(id);
        await this.event(this.office, 'nomination', id, {
          type: 'RECORD_VOTE',
          membersTotal: 9,
          present: 9,
          yes: 9,
        });
        await this.event(this.director, 'nomination', id, { type: 'APPROVE' });
        return id;
      }
      case 'awarded': {
        const id = await this.nomination('awaitingDecision');
        await this.document('decision', 'issued', id);
        return id;
      }
      case 'atProvince': {
        const id = await this.nomination('awaitingForwarding');
        await this.document('submission', 'sent', id);
        return id;
      }
    }
  }

  /** A decision or submission listing one new nomination (or `nominationId`), in `state`. */
  async document(
    type: 'decision' | 'submission',
    state: DocumentState,
    nominationId?: number,
  ): Promise<number> {
    const nom =
      nominationId ??
      (await this.nomination(type === 'decision' ? 'awaitingDecision' : 'awaitingForwarding'));
    const d = must(await this.office.post(`/api/${type}s`, { nominationIds: [nom] }), 201, type);
    const id = d.id as number;
    const steps: Record<DocumentState, Array<[Client, Record<string, unknown>]>> = {
      draft: [],
      discarded: [[this.office, { type: 'DISCARD', reason: 'Soạn lại' }]],
      awaitingSignature: [[this.office, { type: 'SUBMIT_FOR_SIGNATURE' }]],
      issued: [
        [this.office, { type: 'SUBMIT_FOR_SIGNATURE' }],
        [this.director, { type: 'SIGN' }],
      ],
      sent: [
        [this.office, { type: 'SUBMIT_FOR_SIGNATURE' }],
        [this.director, { type: 'SIGN' }],
      ],
      revoked: [
        [this.office, { type: 'SUBMIT_FOR_SIGNATURE' }],
        [this.director, { type: 'SIGN' }],
        [this.director, { type: 'REVOKE', reason: 'Sai sót' }],
      ],
      closed: [],
    };
    for (const [api, body] of steps[state]) await this.event(api, type, id, body);
    return id;
  }

  /** A person of the register of `unit` ('A' by its clerk, 'B' by the other unit's clerk). */
  async person(fullName: string, unit: 'A' | 'B' = 'A'): Promise<number> {
    const [api, unitId] =
      unit === 'A' ? [this.clerk, this.org.unitA] : [this.org.as.otherClerk, this.org.unitB];
    return must(await api.post(`/api/units/${unitId}/persons`, { fullName }), 201, 'person').id as number;
  }

  /** A collective of unit A with these members in 2026. */
  async collective(name: string, personIds: number[]): Promise<number> {
    return must(
      await this.clerk.post(`/api/units/${this.org.unitA}/collectives`, {
        name,
        memberCount: 3,
        members: { year: 2026, personIds },
      }),
      201,
      'collective',
    ).id as number;
  }

  /** A council session (the director chairs it) with every member present. */
  async councilSession(): Promise<{ id: number; memberIds: number[] }> {
    const session = must(
      await this.office.post('/api/council/sessions', {
        title: 'Phiên họp Hội đồng',
        heldOn: '2026-11-20',
        members: [
          { userId: this.org.userIds.director, fullName: 'Giám đốc', role: 'chair' },
          { userId: null, fullName: 'Phó Giám đốc', role: 'viceChair' },
          { userId: null, fullName: 'Chánh Văn phòng', role: 'secretary' },
        ],
      }),
      201,
      'council session',
    );
    const memberIds = (session.members as Array<{ id: number }>).map((m) => m.id);
    must(
      await this.office.put(`/api/council/sessions/${session.id}/attendance`, {
        presentMemberIds: memberIds,
      }),
      200,
      'attendance',
    );
    return { id: session.id as number, memberIds };
  }
}
