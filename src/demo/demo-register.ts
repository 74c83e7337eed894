import type { Db } from '../db/db';
import { addDiscipline, addInitiative, addPastAward, setRating } from '../db/register-history';
import { createCollective, setCollectiveMembers } from '../db/collectives';
import { createPerson } from '../db/persons';
import { saveRegistrationEntries } from '../workflow/registrations/save-registration-entries';
import { sendRegistrationEvent } from '../workflow/registrations/send-registration-event';
import type { RatingValue } from '../domain/catalogue';
import { addNomination } from '../workflow/dossiers/add-nomination';
import { createDossier } from '../workflow/dossiers/create-dossier';
import type { Actor, EngineDeps } from '../workflow/types';

/**
 * The demo's people register, an approved emulation registration and a draft dossier for one room, so
 * that the award rules have something to judge from the first login: the clerk sees, before submitting,
 * which nominations pass and why the others do not (a rating too low, a discipline in force, a title
 * nobody registered for).
 */

interface DemoPerson {
  fullName: string;
  position: string;
  /** Ratings from `year - ratings.length + 1` to `year`. */
  ratings: RatingValue[];
  /** Past awards by code, as years before the campaign year (1 = last year). */
  awards?: Partial<Record<'LDTT' | 'CSTDCS' | 'GKGD', number[]>>;
  initiative?: { title: string; scope: 'grassroots' | 'province'; yearsAgo: number };
  discipline?: boolean;
  /** Titles registered for at the start of the campaign. */
  registered: Array<'LDTT' | 'CSTDCS'>;
  /** Titles nominated in the demo dossier. */
  nominated: Array<'LDTT' | 'CSTDCS'>;
}

const room: DemoPerson[] = [
  {
    fullName: 'Nguyễn Văn An',
    position: 'Trưởng phòng',
    ratings: ['excellent', 'excellent', 'excellent', 'excellent'],
    awards: { LDTT: [1, 2, 3], CSTDCS: [1, 2] },
    initiative: { title: 'Số hoá hồ sơ cấp phép lao động nước ngoài', scope: 'province', yearsAgo: 0 },
    registered: ['LDTT', 'CSTDCS'],
    nominated: ['LDTT', 'CSTDCS'],
  },
  {
    fullName: 'Trần Thị Bình',
    position: 'Phó Trưởng phòng',
    ratings: ['good', 'good', 'excellent'],
    awards: { LDTT: [1, 2] },
    initiative: {
      title: 'Quy trình một cửa cho hồ sơ trợ cấp thất nghiệp',
      scope: 'grassroots',
      yearsAgo: 0,
    },
    registered: ['LDTT', 'CSTDCS'],
    // 8 LDTT × 15% = 1.2: one CSTDCS for the room this year, and it goes to An.
    nominated: ['LDTT'],
  },
  {
    fullName: 'Lê Văn Cường',
    position: 'Chuyên viên',
    ratings: ['good', 'completed'],
    awards: { LDTT: [1] },
    registered: ['LDTT'],
    nominated: ['LDTT'],
  },
  {
    fullName: 'Phạm Thị Dung',
    position: 'Chuyên viên',
    ratings: ['good', 'good'],
    discipline: true,
    registered: ['LDTT'],
    nominated: ['LDTT'],
  },
  {
    fullName: 'Hoàng Văn Em',
    position: 'Chuyên viên',
    ratings: ['good'],
    registered: [],
    nominated: ['LDTT'],
  },
  {
    fullName: 'Vũ Thị Giang',
    position: 'Chuyên viên chính',
    ratings: ['excellent', 'good', 'good'],
    awards: { LDTT: [1, 2], GKGD: [2] },
    registered: ['LDTT'],
    nominated: ['LDTT'],
  },
  {
    fullName: 'Đặng Văn Hải',
    position: 'Chuyên viên',
    ratings: ['good', 'good'],
    awards: { LDTT: [1] },
    registered: ['LDTT'],
    nominated: ['LDTT'],
  },
  {
    fullName: 'Bùi Thị Lan',
    position: 'Cán sự',
    ratings: ['good'],
    registered: ['LDTT'],
    nominated: ['LDTT'],
  },
];

export interface DemoRegister {
  personIds: number[];
  collectiveId: number;
  registrationId: number;
  dossierId: number;
  nominationIds: number[];
}

export async function seedDemoRegister(
  db: Db,
  engine: EngineDeps,
  opts: { year: number; unitId: number; unitName: string; clerk: Actor; office: Actor; campaignId: number },
): Promise<DemoRegister> {
  const { year, unitId } = opts;
  const personIds: number[] = [];
  await db.transaction(async (tx) => {
    for (const p of room) {
      const id = (await createPerson(tx, { unitId, fullName: p.fullName, position: p.position })).id;
      personIds.push(id);
      const first = year - p.ratings.length + 1;
      for (const [i, rating] of p.ratings.entries()) await setRating(tx, id, first + i, rating);
      for (const [code, ago] of Object.entries(p.awards ?? {}))
        for (const n of ago)
          await addPastAward(tx, {
            personId: id,
            awardCode: code,
            year: year - n,
            decisionNumber: `${String(10 + n).padStart(2, '0')}/QĐ-SLĐTBXH`,
            source: 'import',
          });
      if (p.initiative)
        await addInitiative(tx, {
          personId: id,
          title: p.initiative.title,
          scope: p.initiative.scope,
          recognisedOn: `${year - p.initiative.yearsAgo}-09-15`,
        });
      if (p.discipline)
        await addDiscipline(tx, {
          personId: id,
          level: 'reprimand',
          from: `${year}-06-01`,
          to: `${year + 1}-05-31`,
          note: 'Khiển trách (Quyết định kỷ luật năm nay)',
        });
    }
  });
  const collective = await createCollective(db, {
    unitId,
    name: opts.unitName,
    memberCount: room.length,
  });
  await setCollectiveMembers(db, collective.id, year, personIds);

  const registration = await saveRegistrationEntries(engine, opts.clerk, opts.campaignId, unitId, {
    entries: [
      ...room
        .map((p, i) => ({ personId: personIds[i]!, collectiveId: null, awardCodes: p.registered }))
        .filter((e) => e.awardCodes.length > 0),
      { personId: null, collectiveId: collective.id, awardCodes: ['TTLDTT'] },
    ],
  });
  await sendRegistrationEvent(engine, opts.clerk, registration.id, { type: 'SUBMIT' });
  await sendRegistrationEvent(engine, opts.office, registration.id, { type: 'APPROVE' });

  const dossier = await createDossier(engine, opts.clerk, {
    campaignId: opts.campaignId,
    title: `Hồ sơ đề nghị khen thưởng năm ${year} – ${opts.unitName}`,
  });
  const nominationIds: number[] = [];
  for (const code of ['LDTT', 'CSTDCS'] as const)
    for (const [i, p] of room.entries())
      if (p.nominated.includes(code))
        nominationIds.push(
          (
            await addNomination(engine, opts.clerk, dossier.id, {
              awardCode: code,
              nominee: {
                kind: 'individual',
                fullName: p.fullName,
                position: p.position,
                personId: personIds[i],
              },
              summary: `Hoàn thành tốt nhiệm vụ năm ${year}; ${p.position.toLowerCase()} ${opts.unitName}.`,
            })
          ).id,
        );
  nominationIds.push(
    (
      await addNomination(engine, opts.clerk, dossier.id, {
        awardCode: 'TTLDTT',
        nominee: { kind: 'collective', name: opts.unitName, collectiveId: collective.id },
        summary: `Tập thể hoàn thành tốt nhiệm vụ năm ${year}.`,
      })
    ).id,
  );
  return {
    personIds,
    collectiveId: collective.id,
    registrationId: registration.id,
    dossierId: dossier.id,
    nominationIds,
  };
}
