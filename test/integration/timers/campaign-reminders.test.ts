import type { Db } from '../../../src/db/db';
import { openDb } from '../../../src/db/open-db';
import { putSetting } from '../../../src/db/settings';
import { createUnit } from '../../../src/db/units';
import { createUser } from '../../../src/db/users';
import { localDate } from '../../../src/domain/business-date';
import { createCampaign } from '../../../src/workflow/campaigns/create-campaign';
import { addNomination } from '../../../src/workflow/dossiers/add-nomination';
import { createDossier } from '../../../src/workflow/dossiers/create-dossier';
import { sendEvent } from '../../../src/workflow/engine/send-event';
import type { Actor } from '../../../src/workflow/types';
import { uniquePrefix } from '../../helpers/db';
import { attach, type Org, seedOrg } from '../../helpers/engine';
import { startTestSmtp, type TestSmtp } from '../../helpers/smtp';
import { timersHarness, type TimersHarness } from '../../helpers/timers';

jest.setTimeout(90_000);

/**
 * Campaign reminders end to end: the campaign's reminder rung fires in the real timers worker, the real
 * email worker sends `campaign.reminder` to the SMTP server: each late unit with its days left and what
 * its dossier lacks; the unit that submitted gets nothing.
 */
describe('campaign reminders to the late units', () => {
  let db: Db;
  let org: Org;
  let smtp: TestSmtp;
  let h: TimersHarness;
  let clerkC: Actor;
  beforeAll(async () => {
    db = await openDb({ inMemory: true });
    org = await seedOrg(db);
    const c = await createUnit(db, {
      code: 'PNCC',
      name: 'Phòng Người có công',
      parentId: org.department,
      email: null,
      validFrom: '2025-01-01',
    });
    const u = await createUser(db, {
      username: 'clerkc',
      passwordHash: 'not-a-login',
      fullName: 'Người dùng clerkc',
      email: 'clerkc@test.local',
      unitId: c.id,
      roles: ['unit'],
    });
    clerkC = { userId: u.id, name: u.fullName, roles: ['unit'], unitId: c.id };
    smtp = await startTestSmtp();
    h = timersHarness(db, { prefix: uniquePrefix('campaign-reminders') });
    await h.startTimersWorker();
    await h.startEmailWorker(smtp.url);
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
    await db?.close();
  });

  test('late units get the campaign reminder with days left and what is missing; the unit that submitted none', async () => {
    const engine = h.engine;
    const { office, clerkA, clerkB } = org.actors;
    const deadline = new Date(Date.parse(`${localDate(new Date())}T00:00:00Z`) + 7 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const input = { title: 'Thi đua chuyên đề', kind: 'thematic', year: 2026, nominationDeadline: deadline };
    // A probe campaign with the same deadline tells when that deadline falls (end of its working day).
    const probe = await createCampaign(engine, office, { ...input, title: 'Đợt thử' });
    await sendEvent(engine, office, { recordType: 'campaign', id: probe.id, event: { type: 'OPEN' } });
    const [due] = await db.query<{ due_at: Date }>(
      `SELECT due_at FROM timers WHERE record_type = 'campaign' AND record_id = $1 AND rung = 'deadline'`,
      [probe.id],
    );
    const secondsBefore = Math.floor((due!.due_at.getTime() - Date.now()) / 1000) - 12;
    await putSetting(db, 'policy', { campaignReminders: [{ secondsBefore }] }, null);

    const campaign = await createCampaign(engine, office, input);
    await sendEvent(engine, office, { recordType: 'campaign', id: campaign.id, event: { type: 'OPEN' } });
    const armedAt = Date.now();
    // Unit A submits; unit B has a draft with one nomination and no files; unit C has nothing.
    const nominate = async (clerk: Actor) => {
      const d = await createDossier(engine, clerk, { campaignId: campaign.id, title: 'Hồ sơ' });
      await addNomination(engine, clerk, d.id, {
        awardCode: 'LDTT',
        nominee: { kind: 'individual', fullName: 'Nguyễn Văn An' },
        summary: 'Hoàn thành tốt nhiệm vụ',
      });
      return d.id;
    };
    const a = await nominate(clerkA);
    await attach(db, a, ['coverLetter', 'minutes', 'achievementReport']);
    await sendEvent(engine, clerkA, { recordType: 'dossier', id: a, event: { type: 'SUBMIT' } });
    await nominate(clerkB);
    expect(Date.now() - armedAt).toBeLessThan(10_000); // the reminder has not fired yet

    // Opening the campaigns told every unit (campaign.opened); the reminders are the rest.
    const reminders = () => smtp.messages.filter((m) => m.subject.includes('Sắp hết hạn nộp hồ sơ'));
    const deadlineAt = Date.now() + 40_000;
    while (reminders().length < 2 && Date.now() < deadlineAt) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 1500)); // nothing else comes
    const mails = reminders();
    expect(mails).toHaveLength(2);
    const to = (addr: string) => mails.find((m) => m.to.includes(addr));
    expect(mails.flatMap((m) => m.to).sort()).toEqual(['clerkb@test.local', 'clerkc@test.local']);
    const b = to('clerkb@test.local')!;
    const c = to('clerkc@test.local')!;
    for (const m of [b, c]) {
      expect(m.subject).toContain('Sắp hết hạn nộp hồ sơ: Thi đua chuyên đề');
      expect(m.text).toMatch(/Còn lại: [1-8] ngày làm việc/);
    }
    expect(b.text).toContain('Phòng Bảo trợ');
    expect(b.text).toMatch(/Còn thiếu: .*Thiếu Tờ trình đề nghị khen thưởng/);
    expect(c.text).toContain('Phòng Người có công');
    expect(c.text).toContain('Còn thiếu: Chưa lập hồ sơ đề nghị khen thưởng');
    const ledger = await db.query<{ template: string; n: number }>(
      `SELECT template, count(*)::int AS n FROM notices WHERE record_type = 'campaign' AND record_id = $1 GROUP BY template`,
      [campaign.id],
    );
    expect(ledger).toEqual(expect.arrayContaining([{ template: 'campaign.reminder', n: 2 }]));
    void clerkC;
  });
});
