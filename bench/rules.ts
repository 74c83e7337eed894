import { performance } from 'node:perf_hooks';
import type { DefaultAwardCode, RatingValue } from '../src/domain/catalogue';
import { awardInForce, defaultCatalogue } from '../src/domain/catalogue';
import type {
  CampaignNomination,
  CollectiveNominee,
  DisciplineRecord,
  EligibilityInput,
  MemberRecord,
  PastAwardRecord,
  PersonNominee,
  RegistrationView,
} from '../src/domain/eligibility';
import { evaluateNomination, hasHardFailure } from '../src/domain/eligibility';
import { randomBytes } from 'node:crypto';
import type { Db } from '../src/db/db';
import { json } from '../src/db/db';
import { openDb } from '../src/db/open-db';
import { addDiscipline, addInitiative, addPastAward, setRating } from '../src/db/register-history';
import { createCollective, setCollectiveMembers } from '../src/db/collectives';
import { createPerson } from '../src/db/persons';
import { dropPostgresSchema } from '../src/db/postgres';
import { seedCatalogue } from '../src/db/award-versions';
import { dossierFindings, findingsOfNominations } from '../src/workflow/eligibility/findings';
import { countingStatements } from '../test/helpers/db';
import { percentile } from './stats';

/**
 * Times the eligibility engine on a 200-nomination dossier with realistic histories (ten years of
 * ratings and awards per person, initiatives, some discipline, collectives of 8–25 members), against a
 * baseline in the same run: the same inputs with every award's prerequisites removed, so that only the
 * general principles (recipient, discipline, duplicate, registration) run. Target: a dossier in < 200 ms.
 *
 * Then the same dossier stored in a database (PGlite in memory; PostgreSQL in a scratch schema when
 * DATABASE_URL is set) and judged as the product judges it (`GET /api/dossiers/<id>/findings`): loading
 * every input from the tables, then evaluating. Its baseline is the same nominations loaded and judged
 * one at a time (`GET /api/nominations/<id>` for each).
 */

const YEAR = 2024;
const ASOF = '2025-01-20';

/** A small deterministic generator (mulberry32), so every run measures the same dossier. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildDossier(): EligibilityInput[] {
  const rand = rng(20240101);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  let nextPerson = 1;

  const history = (id: number): PersonNominee => {
    const ratings: Array<{ year: number; rating: RatingValue }> = [];
    const pastAwards: PastAwardRecord[] = [];
    for (let y = YEAR - 9; y <= YEAR; y++) {
      const rating = pick<RatingValue>(['excellent', 'excellent', 'good', 'good', 'good', 'completed']);
      ratings.push({ year: y, rating });
      if (y < YEAR && rating !== 'completed')
        pastAwards.push({ awardCode: 'LDTT', year: y, decisionNumber: `${y % 100}/QĐ-SNV` });
      if (y < YEAR && rating === 'excellent' && rand() < 0.5)
        pastAwards.push({ awardCode: 'CSTDCS', year: y });
      if (y < YEAR && rand() < 0.1) pastAwards.push({ awardCode: 'GKGD', year: y });
      if (y < YEAR - 4 && rand() < 0.05) pastAwards.push({ awardCode: 'BKUBND', year: y });
    }
    const initiatives = Array.from({ length: Math.floor(rand() * 4) }, (_, i) => ({
      title: `Sáng kiến ${id}-${i}`,
      scope: pick(['grassroots', 'grassroots', 'province'] as const),
      year: YEAR - Math.floor(rand() * 4),
    }));
    const disciplines: DisciplineRecord[] =
      rand() < 0.04
        ? [
            {
              level: pick(['reprimand', 'warning'] as const),
              from: `${YEAR - 1}-06-01`,
              to: `${YEAR}-05-31`,
              pendingInvestigation: false,
            },
          ]
        : [];
    return {
      kind: 'individual',
      personId: id,
      name: `Cán bộ ${id}`,
      pastAwards,
      ratings,
      initiatives,
      disciplines,
    };
  };
  const asMember = (p: PersonNominee): MemberRecord => ({
    personId: p.personId!,
    name: p.name,
    rating: p.ratings.find((r) => r.year === YEAR)?.rating ?? null,
    pastAwards: p.pastAwards,
    disciplines: p.disciplines,
  });

  const plan: Array<[DefaultAwardCode, number]> = [
    ['LDTT', 130],
    ['CSTDCS', 18],
    ['GKGD', 12],
    ['TTLDTT', 10],
    ['BKUBND', 8],
    ['CSTDT', 6],
    ['TTLDXS', 6],
    ['BKTTG', 6],
    ['CTDT', 4],
  ];
  const lines: Array<{ id: number; code: DefaultAwardCode; nominee: PersonNominee | CollectiveNominee }> = [];
  const people: PersonNominee[] = [];
  let nextId = 1;
  for (const [code, n] of plan) {
    const award = awardInForce(defaultCatalogue, code, ASOF)!;
    for (let i = 0; i < n; i++) {
      if (award.recipient === 'collective' || (award.recipient === 'both' && i % 2 === 1)) {
        const size = 8 + Math.floor(rand() * 18);
        const members = Array.from({ length: size }, () => asMember(history(nextPerson++)));
        lines.push({
          id: nextId++,
          code,
          nominee: {
            kind: 'collective',
            collectiveId: 10000 + nextId,
            name: `Phòng ${nextId}`,
            memberCount: size,
            pastAwards: [
              { awardCode: 'TTLDTT', year: YEAR - 1 },
              { awardCode: 'BKUBND', year: YEAR - 6 },
            ],
            members,
          },
        });
      } else {
        // CSTDCS and the higher individual titles go to people who also hold an LDTT line.
        const p = code === 'LDTT' || people.length === 0 ? history(nextPerson++) : pick(people);
        if (code === 'LDTT') people.push(p);
        lines.push({ id: nextId++, code, nominee: p });
      }
    }
  }
  const unitNominations: CampaignNomination[] = lines.map((l) => ({
    id: l.id,
    awardCode: l.code,
    personId: l.nominee.kind === 'individual' ? l.nominee.personId : null,
    collectiveId: l.nominee.kind === 'collective' ? l.nominee.collectiveId : null,
    state: 'appraisal',
  }));
  const registration: RegistrationView = {
    state: 'approved',
    entries: lines
      .filter(() => rand() < 0.9)
      .map((l) => ({
        personId: l.nominee.kind === 'individual' ? l.nominee.personId : null,
        collectiveId: l.nominee.kind === 'collective' ? l.nominee.collectiveId : null,
        awardCodes: [l.code],
      })),
  };
  return lines.map((l) => ({
    award: awardInForce(defaultCatalogue, l.code, ASOF)!,
    asOf: ASOF,
    campaign: { year: YEAR, kind: 'annual' },
    nominationId: l.id,
    nominee: l.nominee,
    unitNominations,
    registration,
    policy: { cstdcsQuota: 0.15, unregisteredNomination: 'warn' },
  }));
}

const wfCols = 'state, machine_id, machine_version, snapshot';

/** Stores the generated dossier: the register with every history record, the nominations, the registration. */
async function storeDossier(db: Db, dossier: readonly EligibilityInput[]): Promise<number> {
  return db.transaction(async (tx) => {
    await seedCatalogue(tx);
    const [u] = await tx.query<{ id: number }>(
      `INSERT INTO units (code, name, valid_from) VALUES ($1, 'Phòng Bench', '2020-01-01') RETURNING id`,
      [`B${randomBytes(3).toString('hex')}`],
    );
    const unitId = u!.id;
    const [c] = await tx.query<{ id: number }>(
      `INSERT INTO campaigns (title, kind, year, nomination_deadline, ${wfCols})
       VALUES ('Thi đua bench', 'annual', $1, $2::date, 'open', 'campaign', 1, '{}'::jsonb) RETURNING id`,
      [YEAR, `${YEAR}-12-15`],
    );
    const campaignId = c!.id;
    const [d] = await tx.query<{ id: number }>(
      `INSERT INTO dossiers (campaign_id, unit_id, title, submitted_at, received_at, ${wfCols})
       VALUES ($1, $2, 'Hồ sơ bench', $3::timestamptz, $3::timestamptz, 'accepted', 'dossier', 1, '{}'::jsonb) RETURNING id`,
      [campaignId, unitId, `${ASOF}T03:00:00Z`],
    );
    const dossierId = d!.id;

    const personIds = new Map<number, number>();
    const storePerson = async (p: {
      personId: number | null;
      name: string;
      pastAwards: readonly PastAwardRecord[];
      disciplines: readonly DisciplineRecord[];
      ratings: ReadonlyArray<{ year: number; rating: RatingValue }>;
      initiatives: PersonNominee['initiatives'];
    }): Promise<number> => {
      const known = personIds.get(p.personId!);
      if (known !== undefined) return known;
      const id = (await createPerson(tx, { unitId, fullName: p.name })).id;
      personIds.set(p.personId!, id);
      for (const r of p.ratings) await setRating(tx, id, r.year, r.rating);
      for (const a of p.pastAwards)
        await addPastAward(tx, { personId: id, awardCode: a.awardCode, year: a.year, source: 'import' });
      for (const i of p.initiatives)
        await addInitiative(tx, {
          personId: id,
          title: i.title,
          scope: i.scope,
          recognisedOn: `${i.year}-06-01`,
          year: i.year,
        });
      for (const x of p.disciplines)
        await addDiscipline(tx, {
          personId: id,
          level: x.level,
          from: x.from,
          to: x.to,
          pendingInvestigation: x.pendingInvestigation,
        });
      return id;
    };
    const collectiveIds = new Map<number, number>();
    for (const line of dossier) {
      const n = line.nominee;
      let personId: number | null = null;
      let collectiveId: number | null = null;
      if (n.kind === 'individual') personId = await storePerson(n);
      else {
        const col = await createCollective(tx, { unitId, name: n.name, memberCount: n.memberCount });
        collectiveId = col.id;
        collectiveIds.set(n.collectiveId!, col.id);
        const members: number[] = [];
        for (const m of n.members)
          members.push(
            await storePerson({
              ...m,
              ratings: m.rating ? [{ year: YEAR, rating: m.rating }] : [],
              initiatives: [],
            }),
          );
        await setCollectiveMembers(tx, col.id, YEAR, members);
        for (const a of n.pastAwards)
          await addPastAward(tx, {
            collectiveId: col.id,
            awardCode: a.awardCode,
            year: a.year,
            source: 'import',
          });
      }
      await tx.query(
        `INSERT INTO nominations (dossier_id, campaign_id, unit_id, award_code, nominee_kind, nominee_name, person_id,
           collective_id, summary, ${wfCols})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'Thành tích', 'appraisal', 'nomination', 1, $9::jsonb)`,
        [dossierId, campaignId, unitId, line.award.code, n.kind, n.name, personId, collectiveId, json({})],
      );
    }
    const reg = dossier[0]!.registration!;
    const [r] = await tx.query<{ id: number }>(
      `INSERT INTO registrations (campaign_id, unit_id, state) VALUES ($1, $2, $3) RETURNING id`,
      [campaignId, unitId, reg.state],
    );
    for (const e of reg.entries)
      await tx.query(
        'INSERT INTO registration_entries (registration_id, person_id, collective_id, award_codes) VALUES ($1, $2, $3, $4)',
        [
          r!.id,
          e.personId === null ? null : personIds.get(e.personId),
          e.collectiveId === null ? null : collectiveIds.get(e.collectiveId),
          e.awardCodes,
        ],
      );
    return dossierId;
  });
}

/** Mean and p99 of per-dossier samples (ms), and the checksum that keeps the work observable. */
function summarise(samples: number[], sink: number): { mean: number; p99: number; sink: number } {
  samples.sort((a, b) => a - b);
  return { mean: samples.reduce((a, b) => a + b, 0) / samples.length, p99: percentile(samples, 99), sink };
}

async function timeAsync(
  iterations: number,
  run: () => Promise<number>,
): Promise<{ mean: number; p99: number; sink: number }> {
  const samples: number[] = [];
  let sink = 0;
  for (let it = 0; it < iterations; it++) {
    const t0 = performance.now();
    sink += await run();
    samples.push(performance.now() - t0);
  }
  return summarise(samples, sink);
}

/** The stored dossier judged as the product judges it, against one nomination at a time. */
async function runStoredBench(dossier: readonly EligibilityInput[], iterations: number): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  const schema = `bench_rules_${randomBytes(4).toString('hex')}`;
  const db = databaseUrl ? await openDb({ databaseUrl, schema }) : await openDb({ inMemory: true });
  const kind = databaseUrl ? 'PostgreSQL' : 'PGlite';
  try {
    const t0 = performance.now();
    const dossierId = await storeDossier(db, dossier);
    await db.query('ANALYZE');
    const now = new Date(`${ASOF}T08:00:00Z`);
    const ids = (
      await db.query<{ id: number }>('SELECT id FROM nominations WHERE dossier_id = $1 ORDER BY id', [
        dossierId,
      ])
    ).map((r) => r.id);
    console.log(
      `rules (${kind}): stored the dossier in ${((performance.now() - t0) / 1000).toFixed(1)} s; judging it from the tables`,
    );
    // The stored dossier must be judged as the generated one is.
    const stored = await dossierFindings(db, dossierId, now);
    const verdicts = (fs: readonly { rule: string; outcome: string }[]) =>
      fs.map((f) => `${f.rule}:${f.outcome}`).join(',');
    const same = dossier.every(
      (input, i) => verdicts(evaluateNomination(input)) === verdicts(stored.items[i]!.findings),
    );
    const batchCount = countingStatements(db);
    await dossierFindings(batchCount, dossierId, now);
    const oneCount = countingStatements(db);
    for (const id of ids) await findingsOfNominations(oneCount, [id], now);

    const batched = () =>
      dossierFindings(db, dossierId, now).then((r) => r.items.length + r.summary.withHardFailure);
    const oneByOne = async () => {
      let n = 0;
      for (const id of ids) n += (await findingsOfNominations(db, [id], now))[0]!.findings.length;
      return n;
    };
    await timeAsync(3, batched);
    await timeAsync(1, oneByOne);
    const rounds = Math.max(5, Math.floor(iterations / 10));
    const full = await timeAsync(rounds, batched);
    const base = await timeAsync(Math.max(3, Math.floor(rounds / 4)), oneByOne);
    const fmt = (x: number) => x.toFixed(1);
    console.log(
      `rules (${kind}): same verdicts as the in-memory dossier: ${same ? 'yes' : 'NO'}; ${stored.summary.withHardFailure} of ${stored.items.length} with a hard failure`,
    );
    console.log(
      `rules (${kind}): dossier findings, batched          mean ${fmt(full.mean)} ms  p99 ${fmt(full.p99)} ms  (${batchCount.statements} statements)`,
    );
    console.log(
      `rules (${kind}): baseline, one nomination at a time  mean ${fmt(base.mean)} ms  p99 ${fmt(base.p99)} ms  (${oneCount.statements} statements)`,
    );
    console.log(
      `rules (${kind}): ratio batched / one at a time       ${(full.mean / base.mean).toFixed(2)}×`,
    );
    console.log(
      `rules (${kind}): target < 200 ms per dossier (p99):  ${full.p99 < 200 ? 'met' : 'NOT MET'}  (checksums ${full.sink} / ${base.sink})`,
    );
  } finally {
    await db.close();
    if (databaseUrl) await dropPostgresSchema(databaseUrl, schema);
  }
}

function time(
  inputs: readonly EligibilityInput[],
  iterations: number,
): { mean: number; p99: number; sink: number } {
  const samples: number[] = [];
  let sink = 0;
  for (let it = 0; it < iterations; it++) {
    const t0 = performance.now();
    for (const i of inputs) {
      const f = evaluateNomination(i);
      sink += f.length + (hasHardFailure(f) ? 1 : 0);
    }
    samples.push(performance.now() - t0);
  }
  return summarise(samples, sink);
}

export async function runRulesBench(opts: { iterations?: number } = {}): Promise<void> {
  const iterations = opts.iterations ?? 300;
  const dossier = buildDossier();
  const baseline = dossier.map((i) => ({ ...i, award: { ...i.award, prerequisites: {} } }));
  const findings = dossier.map((i) => evaluateNomination(i));
  const failing = findings.filter(hasHardFailure).length;
  const records = dossier.reduce(
    (n, i) =>
      n +
      (i.nominee.kind === 'individual'
        ? i.nominee.pastAwards.length + i.nominee.ratings.length + i.nominee.initiatives.length
        : i.nominee.members.reduce((m, x) => m + x.pastAwards.length + 1, 0)),
    0,
  );
  // Warm up the JIT on both paths before measuring.
  time(dossier, 20);
  time(baseline, 20);
  const full = time(dossier, iterations);
  const base = time(baseline, iterations);
  const fmt = (x: number) => x.toFixed(3);
  console.log(
    `rules: dossier of ${dossier.length} nominations (${records} history records, ${findings.flat().length} findings, ${failing} with a hard failure), ${iterations} iterations`,
  );
  console.log(
    `rules: evaluateNomination, all rules      mean ${fmt(full.mean)} ms  p99 ${fmt(full.p99)} ms per dossier`,
  );
  console.log(
    `rules: baseline, general principles only   mean ${fmt(base.mean)} ms  p99 ${fmt(base.p99)} ms per dossier`,
  );
  console.log(`rules: ratio all rules / baseline          ${(full.mean / base.mean).toFixed(2)}×`);
  console.log(`rules: target < 200 ms per dossier (p99):  ${full.p99 < 200 ? 'met' : 'NOT MET'}`);
  // Printing the checksums keeps the results observable, so no work can be optimised away.
  console.log(`rules: checksums ${full.sink} / ${base.sink}`);
  await runStoredBench(dossier, iterations);
}

if (require.main === module) {
  runRulesBench().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
