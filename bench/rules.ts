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

/**
 * Times the eligibility engine on a 200-nomination dossier with realistic histories (ten years of
 * ratings and awards per person, initiatives, some discipline, collectives of 8–25 members), against a
 * baseline in the same run: the same inputs with every award's prerequisites removed, so that only the
 * general principles (recipient, discipline, duplicate, registration) run. Target: a dossier in < 200 ms.
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
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const p99 = samples[Math.min(samples.length - 1, Math.ceil(samples.length * 0.99) - 1)]!;
  return { mean, p99, sink };
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
  return Promise.resolve();
}

if (require.main === module) {
  runRulesBench().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
