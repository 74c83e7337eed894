import {
  must,
  RecordBuilder,
  setupApiOrg,
  startApiApp,
  type ApiApp,
  type ApiOrg,
} from '../../helpers/api-org';

/**
 * The office's and the council's reads: the state counts beside the inbox's lists (same filters, same
 * scope), the lists oldest first with their cursor, the council's sessions listed, a session's agenda
 * with each nomination and the objections (text and author) beside it, a nomination's objections.
 */
jest.setTimeout(120_000);

let app: ApiApp;
let org: ApiOrg;
let b: RecordBuilder;

beforeAll(async () => {
  app = await startApiApp();
  org = await setupApiOrg(app.t);
  b = new RecordBuilder(org);
}, 240_000);
afterAll(async () => {
  await app?.t.close();
});

test('state counts match the lists they stand beside, under the same filters and the clerk’s scope', async () => {
  const submitted = await b.dossier('submitted');
  await b.dossier('draft');
  await b.dossier('returned');
  const campaignId = await b.openCampaign();
  const office = org.as.office;
  const all = must(await office.get(`/api/state-counts/dossiers?campaignId=${campaignId}`), 200, 'counts');
  expect(all.counts).toMatchObject({ submitted: 1, draft: 1, returned: 1 });
  expect(all.total).toBe(3);
  for (const [state, n] of Object.entries(all.counts as Record<string, number>)) {
    const list = must(
      await office.get(`/api/dossiers?campaignId=${campaignId}&state=${state}&limit=200`),
      200,
      'list',
    );
    expect(list.items).toHaveLength(n);
  }
  // The other unit's clerk counts only its own unit's dossiers (none).
  const other = must(await org.as.otherClerk.get('/api/state-counts/dossiers'), 200, 'other clerk');
  expect(other).toEqual({ counts: {}, total: 0 });
  // Filters are validated as the list's are.
  expect((await office.get('/api/state-counts/dossiers?overdue=maybe')).status).toBe(400);
  expect((await office.get('/api/state-counts/dossiers?nope=1')).status).toBe(400);
  expect((await org.as.anon.get('/api/state-counts/dossiers')).status).toBe(401);

  const noms = must(await office.get('/api/state-counts/nominations?awardCode=LDTT'), 200, 'nominations');
  expect(noms.counts.pending).toBeGreaterThanOrEqual(1);
  expect(submitted).toBeGreaterThan(0);
});

test('lists oldest first page by their cursor without gaps or repeats', async () => {
  for (let i = 0; i < 3; i++) await b.dossier('draft');
  const office = org.as.office;
  const seen: number[] = [];
  let cursor: string | null = null;
  do {
    const q: string = `/api/dossiers?order=asc&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
    const page = must(await office.get(q), 200, 'page');
    seen.push(...(page.items as Array<{ id: number }>).map((d) => d.id));
    cursor = page.nextCursor as string | null;
  } while (cursor);
  const newest = must(await office.get('/api/dossiers?limit=200'), 200, 'newest first');
  const ids = (newest.items as Array<{ id: number }>).map((d) => d.id);
  expect(seen).toEqual([...ids].reverse());
  expect([...seen].sort((x, y) => x - y)).toEqual(seen);
  expect((await office.get('/api/dossiers?order=sideways')).status).toBe(400);
});

test('council sessions are listed; the agenda shows each nomination with its objections (text and author)', async () => {
  const inNotice = await b.nomination('publicNotice');
  const text = '<script>alert("x")</script> Ông A bị khiếu nại';
  await b.event(org.as.council, 'nomination', inNotice, { type: 'FILE_OBJECTION', text });
  const objections = must(
    await org.as.office.get(`/api/nominations/${inNotice}/objections`),
    200,
    'objections',
  );
  expect(objections).toEqual([
    expect.objectContaining({
      nominationId: inNotice,
      text,
      author: { id: org.userIds.council, name: expect.any(String) },
    }),
  ]);
  // The clerk may not read who objected; a nomination that does not exist is 404.
  expect((await org.as.clerk.get(`/api/nominations/${inNotice}/objections`)).status).toBe(403);
  expect((await org.as.office.get('/api/nominations/999999/objections')).status).toBe(404);

  const voting = await b.nomination('councilReview');
  await b.event(org.as.office, 'nomination', voting, {
    type: 'FILE_OBJECTION',
    text: 'Thành tích chưa xác minh',
  });
  const session = await b.councilSession();
  must(
    await org.as.office.post(`/api/council/sessions/${session.id}/agenda`, { nominationIds: [voting] }),
    200,
    'agenda',
  );
  must(
    await org.as.office.post(`/api/council/sessions/${session.id}/votes`, { nominationId: voting, yes: 3 }),
    200,
    'vote',
  );
  const list = must(await org.as.council.get('/api/council/sessions'), 200, 'list');
  expect(list.items[0]).toMatchObject({
    id: session.id,
    membersTotal: 3,
    present: 3,
    quorumNeeded: 2,
    quorum: true,
    agendaItems: 1,
    voted: 1,
  });
  expect(list.nextCursor).toBeNull();
  const second = await b.councilSession();
  const paged = must(await org.as.council.get('/api/council/sessions?limit=1'), 200, 'paged');
  expect(paged.items.map((s: { id: number }) => s.id)).toEqual([second.id]);
  const next = must(
    await org.as.council.get(`/api/council/sessions?limit=1&cursor=${paged.nextCursor}`),
    200,
    'next',
  );
  expect(next.items.map((s: { id: number }) => s.id)).toEqual([session.id]);

  const agenda = must(await org.as.council.get(`/api/council/sessions/${session.id}`), 200, 'agenda');
  expect(agenda.quorum).toEqual({ membersTotal: 3, present: 3, needed: 2, met: true });
  expect(agenda.agenda).toEqual([
    expect.objectContaining({
      nominationId: voting,
      yes: 3,
      passed: true,
      nomination: expect.objectContaining({ awardCode: 'CSTDCS', state: 'directorReview' }),
      objections: [
        expect.objectContaining({
          text: 'Thành tích chưa xác minh',
          author: expect.objectContaining({ id: org.userIds.office }),
        }),
      ],
    }),
  ]);
  expect((await org.as.clerk.get('/api/council/sessions')).status).toBe(403);
});
