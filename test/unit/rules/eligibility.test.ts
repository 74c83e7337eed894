import type { EligibilityInput, Finding } from '../../../src/domain/eligibility';
import { evaluateNomination, hardFailureMessages, hasHardFailure } from '../../../src/domain/eligibility';
import { collective, finding, input, ldttLines, member, outcomeOf, person } from './fixtures';

type Case = [
  name: string,
  i: EligibilityInput,
  rule: string,
  outcome: Finding['outcome'],
  mentions?: string[],
];

// Rows as objects: jest would pass its `done` callback in place of an omitted trailing array element.
const run = (cases: Case[]) =>
  test.each(
    cases.map(([name, i, rule, outcome, mentions]) => ({ name, i, rule, outcome, mentions: mentions ?? [] })),
  )('$name', ({ i, rule, outcome, mentions }) => {
    const f = finding(evaluateNomination(i), rule);
    expect(f.outcome).toBe(outcome);
    expect(f.explanation.vi.length).toBeGreaterThan(10);
    expect(f.explanation.en.length).toBeGreaterThan(10);
    expect(f.legalBasis.vi).toMatch(/Luật|Nghị định/);
    for (const m of mentions) {
      expect(f.explanation.vi).toContain(m);
      expect(f.explanation.en).toContain(m.replace(',', '.')); // decimal comma in Vietnamese
    }
  });

describe('general principles (Luật 2022, ND 98 Đ.4)', () => {
  run([
    ['no discipline on record: no bar to an award', input('GKGD'), 'general.discipline', 'pass'],
    [
      'a reprimand overlapping the campaign year bars any award for that year',
      input('GKGD', {
        nominee: person({
          disciplines: [
            { level: 'reprimand', from: '2024-03-01', to: '2024-09-30', pendingInvestigation: false },
          ],
        }),
      }),
      'general.discipline',
      'fail',
      ['2024-03-01'],
    ],
    [
      'a discipline that ended the year before does not bar this year',
      input('GKGD', {
        nominee: person({
          disciplines: [
            { level: 'warning', from: '2023-01-10', to: '2023-12-31', pendingInvestigation: false },
          ],
        }),
      }),
      'general.discipline',
      'pass',
    ],
    [
      'a discipline starting after the year but in force on the receipt day bars the award',
      input('GKGD', {
        nominee: person({
          disciplines: [{ level: 'reprimand', from: '2025-01-05', to: null, pendingInvestigation: false }],
        }),
      }),
      'general.discipline',
      'fail',
    ],
    [
      'a pending investigation or complaint bars the award while it is considered',
      input('GKGD', {
        nominee: person({
          disciplines: [{ level: null, from: '2022-05-01', to: null, pendingInvestigation: true }],
        }),
      }),
      'general.discipline',
      'fail',
      ['2022-05-01'],
    ],
    [
      'an investigation closed before the receipt day no longer bars',
      input('GKGD', {
        nominee: person({
          disciplines: [{ level: null, from: '2022-05-01', to: '2022-08-01', pendingInvestigation: true }],
        }),
      }),
      'general.discipline',
      'pass',
    ],
    [
      'one achievement, one award: the same title already given for the same year fails',
      input('LDTT', {
        nominee: person({ pastAwards: [{ awardCode: 'LDTT', year: 2024, decisionNumber: '12/QĐ-SNV' }] }),
      }),
      'general.duplicate',
      'fail',
      ['12/QĐ-SNV', '2024'],
    ],
    [
      'the same award may be given many times: a previous year does not count',
      input('LDTT', { nominee: person({ pastAwards: [{ awardCode: 'LDTT', year: 2023 }] }) }),
      'general.duplicate',
      'pass',
    ],
    [
      'the same person nominated twice for the same award in the campaign fails',
      input('LDTT', {
        unitNominations: [{ id: 7, awardCode: 'LDTT', personId: 1, collectiveId: null, state: 'pending' }],
      }),
      'general.duplicate',
      'fail',
      ['#7'],
    ],
    [
      'a rejected twin nomination no longer counts as a duplicate',
      input('LDTT', {
        unitNominations: [{ id: 7, awardCode: 'LDTT', personId: 1, collectiveId: null, state: 'rejected' }],
      }),
      'general.duplicate',
      'pass',
    ],
    [
      'an individual title for a collective is refused (recipient kind)',
      input('LDTT', { nominee: collective([member(1)]) }),
      'general.recipientKind',
      'fail',
    ],
    [
      'a collective title for an individual is refused (recipient kind)',
      input('TTLDTT', { nominee: person() }),
      'general.recipientKind',
      'fail',
    ],
    [
      'a form for both kinds accepts a collective',
      input('GKGD', { nominee: collective([member(1)]) }),
      'general.recipientKind',
      'pass',
    ],
    [
      'a yearly title cannot be given in a sudden campaign (ND 98 Đ.4)',
      input('LDTT', { campaign: { year: 2024, kind: 'sudden' } }),
      'general.campaignKind',
      'fail',
    ],
  ]);

  test('a recipient mismatch stops the award rules (no misleading member findings)', () => {
    const f = evaluateNomination(input('TTLDTT', { nominee: person() }));
    expect(f.map((x) => x.rule)).not.toContain('TTLDTT.membersLdtt');
    expect(hasHardFailure(f)).toBe(true);
  });
});

describe('emulation registration (policy.unregisteredNomination)', () => {
  const approved = {
    state: 'approved' as const,
    entries: [{ personId: 1, collectiveId: null, awardCodes: ['LDTT', 'CSTDCS'] }],
  };
  run([
    [
      'registered in the approved registration: pass',
      input('LDTT', { registration: approved }),
      'registration',
      'pass',
    ],
    [
      'not registered, policy warn: a warning only',
      input('GKGD', { registration: approved }),
      'registration',
      'warn',
    ],
    [
      'not registered, policy refuse: a hard failure',
      input('GKGD', {
        registration: approved,
        policy: { cstdcsQuota: 0.15, unregisteredNomination: 'refuse' },
      }),
      'registration',
      'fail',
    ],
    [
      'registered but the registration is still submitted, not approved: not counted',
      input('LDTT', { registration: { ...approved, state: 'submitted' } }),
      'registration',
      'warn',
      ['submitted'],
    ],
    ['no registration at all: warn', input('LDTT'), 'registration', 'warn'],
    [
      'a sudden campaign needs no registration',
      input('GKGD', {
        campaign: { year: 2024, kind: 'sudden' },
        policy: { cstdcsQuota: 0.15, unregisteredNomination: 'refuse' },
      }),
      'registration',
      'pass',
    ],
  ]);

  test('hardness follows the policy', () => {
    const warn = finding(evaluateNomination(input('GKGD')), 'registration');
    expect(warn.hard).toBe(false);
    const refuse = finding(
      evaluateNomination(input('GKGD', { policy: { cstdcsQuota: 0.15, unregisteredNomination: 'refuse' } })),
      'registration',
    );
    expect(refuse.hard).toBe(true);
  });
});

describe('LDTT: completed tasks well or better this year (Luật Đ.24)', () => {
  run([
    ['rated good in 2024: eligible', input('LDTT'), 'LDTT.rating', 'pass', ['2024']],
    [
      'rated excellent: eligible',
      input('LDTT', { nominee: person({ ratings: [{ year: 2024, rating: 'excellent' }] }) }),
      'LDTT.rating',
      'pass',
    ],
    [
      'rated only "completed" in 2024: not eligible',
      input('LDTT', { nominee: person({ ratings: [{ year: 2024, rating: 'completed' }] }) }),
      'LDTT.rating',
      'fail',
      ['2024'],
    ],
    [
      'no rating recorded for the campaign year: not eligible, named',
      input('LDTT', { nominee: person({ ratings: [{ year: 2023, rating: 'excellent' }] }) }),
      'LDTT.rating',
      'fail',
      ['2024'],
    ],
  ]);
});

describe('CSTDCS: LDTT the same year and a recognised initiative (Luật Đ.23)', () => {
  const init2024 = [{ title: 'Số hoá hồ sơ', scope: 'grassroots' as const, year: 2024 }];
  const withLdtt = person({ pastAwards: [{ awardCode: 'LDTT', year: 2024 }], initiatives: init2024 });
  const quota7 = ldttLines(7);
  run([
    [
      'LDTT already awarded for 2024: met',
      input('CSTDCS', { nominee: withLdtt, unitNominations: quota7 }),
      'CSTDCS.sameYearLDTT',
      'pass',
    ],
    [
      'LDTT nominated for the same person in the same campaign: met (conditional)',
      input('CSTDCS', {
        nominee: person({ initiatives: init2024 }),
        unitNominations: [
          ...quota7,
          { id: 9, awardCode: 'LDTT', personId: 1, collectiveId: null, state: 'appraisal' },
        ],
      }),
      'CSTDCS.sameYearLDTT',
      'pass',
    ],
    [
      'LDTT of the previous year does not count',
      input('CSTDCS', {
        nominee: person({ pastAwards: [{ awardCode: 'LDTT', year: 2023 }], initiatives: init2024 }),
      }),
      'CSTDCS.sameYearLDTT',
      'fail',
      ['2024'],
    ],
    [
      'LDTT nomination of the same person that was rejected does not count',
      input('CSTDCS', {
        nominee: person({ initiatives: init2024 }),
        unitNominations: [{ id: 9, awardCode: 'LDTT', personId: 1, collectiveId: null, state: 'rejected' }],
      }),
      'CSTDCS.sameYearLDTT',
      'fail',
    ],
    [
      'grassroots initiative recognised in 2024: met',
      input('CSTDCS', { nominee: withLdtt }),
      'CSTDCS.initiative',
      'pass',
      ['Số hoá hồ sơ'],
    ],
    [
      'a province-wide initiative satisfies "grassroots or higher"',
      input('CSTDCS', { nominee: person({ initiatives: [{ title: 'X', scope: 'province', year: 2024 }] }) }),
      'CSTDCS.initiative',
      'pass',
    ],
    [
      'an initiative of 2023 is not this year’s: not met',
      input('CSTDCS', {
        nominee: person({ initiatives: [{ title: 'Cũ', scope: 'grassroots', year: 2023 }] }),
      }),
      'CSTDCS.initiative',
      'fail',
    ],
  ]);
});

describe('CSTDCS quota: at most 15% of the unit’s LDTT, rounded DOWN', () => {
  const cst = (ldtt: number, otherCstdcs = 0): EligibilityInput =>
    input('CSTDCS', {
      unitNominations: [
        ...ldttLines(ldtt),
        ...Array.from({ length: otherCstdcs }, (_, i) => ({
          id: 3000 + i,
          awardCode: 'CSTDCS',
          personId: 4000 + i,
          collectiveId: null,
          state: 'pending',
        })),
      ],
    });
  run([
    [
      '6 LDTT × 15% = 0.9 → 0 CSTDCS: the first CSTDCS exceeds the cap',
      cst(6),
      'CSTDCS.quota',
      'fail',
      ['0,9', '7'],
    ],
    ['7 LDTT × 15% = 1.05 → 1: one CSTDCS fits', cst(7), 'CSTDCS.quota', 'pass'],
    ['13 LDTT × 15% = 1.95 → 1: a second CSTDCS exceeds', cst(13, 1), 'CSTDCS.quota', 'fail', ['14']],
    ['14 LDTT × 15% = 2.1 → 2: a second CSTDCS fits', cst(14, 1), 'CSTDCS.quota', 'pass'],
    ['20 LDTT × 15% = 3 exactly → 3 fit', cst(20, 2), 'CSTDCS.quota', 'pass'],
    ['20 LDTT → 3: a fourth exceeds', cst(20, 3), 'CSTDCS.quota', 'fail'],
    [
      'withdrawn LDTT lines do not count towards the base',
      input('CSTDCS', {
        unitNominations: [...ldttLines(6), ...ldttLines(1, 'withdrawn').map((n) => ({ ...n, id: 1900 }))],
      }),
      'CSTDCS.quota',
      'fail',
    ],
    [
      'a department policy of 20% lets 5 LDTT carry one CSTDCS',
      input('CSTDCS', {
        unitNominations: ldttLines(5),
        policy: { cstdcsQuota: 0.2, unregisteredNomination: 'warn' },
      }),
      'CSTDCS.quota',
      'pass',
    ],
  ]);
});

describe('TTLDTT: ≥70% of members LDTT, no member disciplined at warning or above', () => {
  const ms = (ldtt: number, total: number) =>
    Array.from({ length: total }, (_, i) => member(i + 1, i < ldtt ? {} : { pastAwards: [] }));
  run([
    [
      '7 of 10 members LDTT = 70%: exactly at the threshold passes',
      input('TTLDTT', { nominee: collective(ms(7, 10)) }),
      'TTLDTT.membersLdtt',
      'pass',
      ['7/10'],
    ],
    [
      '6 of 10 = 60%: below 70%',
      input('TTLDTT', { nominee: collective(ms(6, 10)) }),
      'TTLDTT.membersLdtt',
      'fail',
      ['6/10'],
    ],
    [
      'members without records still count in the declared headcount (7 listed LDTT of 12)',
      input('TTLDTT', { nominee: collective(ms(7, 7), { memberCount: 12 }) }),
      'TTLDTT.membersLdtt',
      'fail',
      ['7/12'],
    ],
    [
      'members nominated for LDTT in the same campaign count',
      input('TTLDTT', {
        nominee: collective(ms(6, 10)),
        unitNominations: [{ id: 50, awardCode: 'LDTT', personId: 10, collectiveId: null, state: 'pending' }],
      }),
      'TTLDTT.membersLdtt',
      'pass',
    ],
    [
      'a member reprimanded (below warning) does not bar TTLDTT',
      input('TTLDTT', {
        nominee: collective([
          member(1, {
            disciplines: [
              { level: 'reprimand', from: '2024-02-01', to: '2024-12-31', pendingInvestigation: false },
            ],
          }),
        ]),
      }),
      'TTLDTT.membersDiscipline',
      'pass',
    ],
    [
      'a member with a warning (cảnh cáo) in 2024 bars TTLDTT',
      input('TTLDTT', {
        nominee: collective([
          member(1, {
            name: 'Trần Bình',
            disciplines: [{ level: 'warning', from: '2024-02-01', to: null, pendingInvestigation: false }],
          }),
        ]),
      }),
      'TTLDTT.membersDiscipline',
      'fail',
      ['Trần Bình'],
    ],
    [
      'a collective with no members recorded fails',
      input('TTLDTT', { nominee: collective([], { memberCount: 0 }) }),
      'TTLDTT.members',
      'fail',
    ],
  ]);
});

describe('TTLDXS: all completed, ≥70% LDTT, ≥1 CSTDCS, no discipline at all', () => {
  const base = () => [
    member(1, {
      pastAwards: [
        { awardCode: 'LDTT', year: 2024 },
        { awardCode: 'CSTDCS', year: 2024 },
      ],
    }),
    member(2),
    member(3),
    member(4, { rating: 'completed', pastAwards: [] }),
  ];
  run([
    [
      '3 of 4 LDTT (75%), one CSTDCS, all completed: passes',
      input('TTLDXS', { nominee: collective(base()) }),
      'TTLDXS.membersCompleted',
      'pass',
    ],
    [
      'the CSTDCS member is found',
      input('TTLDXS', { nominee: collective(base()) }),
      'TTLDXS.membersCstdcs',
      'pass',
      ['Thành viên 1'],
    ],
    [
      'one member did not complete tasks: fails, named',
      input('TTLDXS', {
        nominee: collective([...base(), member(5, { rating: 'not_completed', name: 'Lê Cường' })]),
      }),
      'TTLDXS.membersCompleted',
      'fail',
      ['Lê Cường'],
    ],
    [
      'a member without a rating cannot be shown to have completed',
      input('TTLDXS', { nominee: collective([...base(), member(5, { rating: null })]) }),
      'TTLDXS.membersCompleted',
      'fail',
    ],
    [
      'no CSTDCS among the members: fails',
      input('TTLDXS', { nominee: collective([member(1), member(2), member(3)]) }),
      'TTLDXS.membersCstdcs',
      'fail',
    ],
    [
      'even a reprimand bars TTLDXS',
      input('TTLDXS', {
        nominee: collective([
          ...base().slice(0, 3),
          member(4, {
            disciplines: [
              { level: 'reprimand', from: '2024-06-01', to: '2024-12-01', pendingInvestigation: false },
            ],
          }),
        ]),
      }),
      'TTLDXS.membersDiscipline',
      'fail',
    ],
  ]);
});

describe('CSTDT: three consecutive years of CSTDCS ending with the campaign year, and a province-wide initiative', () => {
  const cst = (...years: number[]) => years.map((year) => ({ awardCode: 'CSTDCS', year }));
  const provInit = [{ title: 'Quy trình một cửa', scope: 'province' as const, year: 2023 }];
  run([
    [
      'CSTDCS 2022, 2023, 2024: three consecutive years met',
      input('CSTDT', { nominee: person({ pastAwards: cst(2022, 2023, 2024), initiatives: provInit }) }),
      'CSTDT.consecutiveCSTDCS',
      'pass',
      ['2022', '2024'],
    ],
    [
      'CSTDCS 2022 and 2024 with 2023 missing: the run is broken by one year',
      input('CSTDT', { nominee: person({ pastAwards: cst(2021, 2022, 2024) }) }),
      'CSTDT.consecutiveCSTDCS',
      'fail',
      ['2023'],
    ],
    [
      'CSTDCS 2021–2023 but not 2024: the window ends with the campaign year',
      input('CSTDT', { nominee: person({ pastAwards: cst(2021, 2022, 2023) }) }),
      'CSTDT.consecutiveCSTDCS',
      'fail',
      ['2024'],
    ],
    [
      'the campaign year’s CSTDCS nominated in the same campaign completes the run',
      input('CSTDT', {
        nominee: person({ pastAwards: cst(2022, 2023) }),
        unitNominations: [
          { id: 70, awardCode: 'CSTDCS', personId: 1, collectiveId: null, state: 'appraisal' },
        ],
      }),
      'CSTDT.consecutiveCSTDCS',
      'pass',
      ['2024*'],
    ],
    [
      'a province-wide initiative within the three years: met',
      input('CSTDT', { nominee: person({ initiatives: provInit }) }),
      'CSTDT.initiative',
      'pass',
    ],
    [
      'a grassroots initiative is not province-wide: not met',
      input('CSTDT', {
        nominee: person({ initiatives: [{ title: 'Nhỏ', scope: 'grassroots', year: 2024 }] }),
      }),
      'CSTDT.initiative',
      'fail',
    ],
  ]);
});

describe('BKUBND: two consecutive years of excellent completion (configurable)', () => {
  run([
    [
      'excellent in 2023 and 2024: met',
      input('BKUBND', {
        nominee: person({
          ratings: [
            { year: 2023, rating: 'excellent' },
            { year: 2024, rating: 'excellent' },
          ],
        }),
      }),
      'BKUBND.rating',
      'pass',
    ],
    [
      'excellent in 2024 but only good in 2023: not met, the year named',
      input('BKUBND', {
        nominee: person({
          ratings: [
            { year: 2023, rating: 'good' },
            { year: 2024, rating: 'excellent' },
          ],
        }),
      }),
      'BKUBND.rating',
      'fail',
      ['2023'],
    ],
    [
      'a thematic campaign rewards the achievement: the record criteria do not apply',
      input('BKUBND', { campaign: { year: 2024, kind: 'thematic' }, nominee: person({ ratings: [] }) }),
      'BKUBND.recordCriteria',
      'pass',
    ],
    [
      'for a collective the personal rating criterion is a warning for the appraiser',
      input('BKUBND', { nominee: collective([member(1)]) }),
      'BKUBND.rating',
      'warn',
    ],
  ]);
  test('a department can require two grassroots initiatives too', () => {
    const i = input('BKUBND', {
      nominee: person({
        ratings: [
          { year: 2023, rating: 'excellent' },
          { year: 2024, rating: 'excellent' },
        ],
        initiatives: [{ title: 'A', scope: 'grassroots', year: 2023 }],
      }),
    });
    i.award = {
      ...i.award,
      prerequisites: { ...i.award.prerequisites, initiative: { scope: 'grassroots', count: 2, years: 2 } },
    };
    expect(outcomeOf(i, 'BKUBND.initiative')).toBe('fail');
  });
});

describe('BKTTG: a provincial Bằng khen, then five consecutive years completed well including three CSTDCS (Luật Đ.73 k1b)', () => {
  const good5 = [2020, 2021, 2022, 2023, 2024].map((year) => ({ year, rating: 'good' as const }));
  const cst3 = [2021, 2023, 2024].map((year) => ({ awardCode: 'CSTDCS', year }));
  const holder = person({ ratings: good5, pastAwards: [{ awardCode: 'BKUBND', year: 2019 }, ...cst3] });
  run([
    [
      'BKUBND in 2019, then 2020–2024 good: prior award met',
      input('BKTTG', { nominee: holder }),
      'BKTTG.priorAward',
      'pass',
      ['2019'],
    ],
    ['five years good 2020–2024: met', input('BKTTG', { nominee: holder }), 'BKTTG.rating', 'pass'],
    [
      'three CSTDCS within 2020–2024: met',
      input('BKTTG', { nominee: holder }),
      'BKTTG.countCSTDCS',
      'pass',
      ['2021', '2023', '2024'],
    ],
    [
      'a BKUBND inside the five-year window does not count: the five years must follow it',
      input('BKTTG', {
        nominee: person({ ratings: good5, pastAwards: [{ awardCode: 'BKUBND', year: 2021 }, ...cst3] }),
      }),
      'BKTTG.priorAward',
      'fail',
      ['2021', '2020'],
    ],
    [
      'one year rated only "completed" breaks the five consecutive years',
      input('BKTTG', {
        nominee: person({
          ratings: good5.map((r) => (r.year === 2022 ? { ...r, rating: 'completed' as const } : r)),
        }),
      }),
      'BKTTG.rating',
      'fail',
      ['2022'],
    ],
    [
      'only two CSTDCS in the window: not met',
      input('BKTTG', { nominee: person({ pastAwards: cst3.slice(0, 2) }) }),
      'BKTTG.countCSTDCS',
      'fail',
    ],
    [
      'a collective: the prior provincial certificate is still checked',
      input('BKTTG', {
        nominee: collective([member(1)], { pastAwards: [{ awardCode: 'BKUBND', year: 2018 }] }),
      }),
      'BKTTG.priorAward',
      'pass',
    ],
  ]);
});

describe('CTDT and GKGD', () => {
  run([
    [
      'CTDT: leading its cluster is a judgement, always a warning',
      input('CTDT', { nominee: collective([member(1)]) }),
      'CTDT.judgement',
      'warn',
    ],
  ]);
  test('GKGD: only the general principles apply', () => {
    const rules = evaluateNomination(input('GKGD')).map((f) => f.rule);
    expect(rules.sort()).toEqual([
      'general.discipline',
      'general.duplicate',
      'general.recipientKind',
      'registration',
    ]);
  });
  test('a warning is never a hard failure', () => {
    const f = evaluateNomination(input('CTDT', { nominee: collective([member(1)]) }));
    expect(f.filter((x) => x.outcome === 'warn').every((x) => !x.hard)).toBe(true);
  });
});

describe('hasHardFailure / hardFailureMessages', () => {
  test('an eligible LDTT has no hard failure', () => {
    const i = input('LDTT', {
      registration: {
        state: 'approved',
        entries: [{ personId: 1, collectiveId: null, awardCodes: ['LDTT'] }],
      },
    });
    const f = evaluateNomination(i);
    expect(f.every((x) => x.outcome === 'pass')).toBe(true);
    expect(hasHardFailure(f)).toBe(false);
    expect(hardFailureMessages(f)).toEqual([]);
  });
  test('a failing LDTT lists each hard failure with its rule, in the chosen language', () => {
    const f = evaluateNomination(
      input('LDTT', { nominee: person({ ratings: [{ year: 2024, rating: 'completed' }] }) }),
    );
    expect(hasHardFailure(f)).toBe(true);
    expect(hardFailureMessages(f, 'en')).toEqual([
      expect.stringMatching(/^LDTT\.rating: Requires .*2024: completed tasks/),
    ]);
  });
});
