import { defaultCatalogue } from '../../../src/domain/catalogue';
import type { RegistrationNominee, RegistrationView } from '../../../src/domain/eligibility';
import { isRegistered } from '../../../src/domain/eligibility';
import type { RegistrationEventType, RegistrationState } from '../../../src/domain/registration';
import {
  allowedRegistrationEvents,
  canEditRegistration,
  registrationEntrySchema,
  registrationEventTypes,
  registrationStates,
  registrationTransition,
  validateRegistrationEntries,
} from '../../../src/domain/registration';

describe('registration transitions: draft → submitted → approved | returned → draft/submitted', () => {
  const allowed: Record<string, RegistrationState> = {
    'draft SUBMIT': 'submitted',
    'draft EDIT': 'draft',
    'submitted APPROVE': 'approved',
    'submitted RETURN': 'returned',
    'returned EDIT': 'draft',
    'returned RESUBMIT': 'submitted',
  };
  const all = registrationStates.flatMap((s) =>
    registrationEventTypes.map((e) => [s, e] as [RegistrationState, RegistrationEventType]),
  );
  test.each(all)('%s + %s', (state, event) => {
    expect(registrationTransition(state, event)).toBe(allowed[`${state} ${event}`] ?? null);
  });
  test('approved is final', () => expect(allowedRegistrationEvents('approved')).toEqual([]));
  test('roles: the office approves or returns, the unit submits', () => {
    expect(allowedRegistrationEvents('submitted', ['unit'])).toEqual([]);
    expect(allowedRegistrationEvents('submitted', ['office']).sort()).toEqual(['APPROVE', 'RETURN']);
    expect(allowedRegistrationEvents('draft', ['unit']).sort()).toEqual(['EDIT', 'SUBMIT']);
  });
  test('entries are editable in draft and returned only', () => {
    expect(registrationStates.filter(canEditRegistration)).toEqual(['draft', 'returned']);
  });
});

describe('registration entries', () => {
  test('exactly one of person and collective', () => {
    expect(
      registrationEntrySchema.safeParse({ personId: 1, collectiveId: 2, awardCodes: ['LDTT'] }).success,
    ).toBe(false);
    expect(
      registrationEntrySchema.safeParse({ personId: null, collectiveId: null, awardCodes: ['LDTT'] }).success,
    ).toBe(false);
    expect(
      registrationEntrySchema.safeParse({ personId: 1, collectiveId: null, awardCodes: ['LDTT', 'LDTT'] })
        .success,
    ).toBe(false);
    expect(
      registrationEntrySchema.safeParse({ personId: 1, collectiveId: null, awardCodes: ['LDTT', 'CSTDCS'] })
        .success,
    ).toBe(true);
  });
  test('checked against the catalogue in force: unknown codes, wrong recipient, duplicates', () => {
    const problems = validateRegistrationEntries(
      [
        { personId: 1, collectiveId: null, awardCodes: ['LDTT', 'TTLDTT'] },
        { personId: null, collectiveId: 5, awardCodes: ['TTLDXS', 'XYZ'] },
        { personId: 1, collectiveId: null, awardCodes: ['GKGD'] },
      ],
      defaultCatalogue,
      '2025-02-01',
    );
    expect(problems.map((p) => p.index)).toEqual([0, 1, 2]);
    expect(problems[0]!.message.en).toContain('not for individuals');
    expect(problems[1]!.message.en).toContain('XYZ');
    expect(problems[2]!.message.en).toContain('twice');
  });
  test('no award is in force before the catalogue starts', () => {
    const p = validateRegistrationEntries(
      [{ personId: 1, collectiveId: null, awardCodes: ['LDTT'] }],
      defaultCatalogue,
      '2023-06-01',
    );
    expect(p).toHaveLength(1);
  });
});

describe('isRegistered: an approved registration of the unit lists this award for this person or collective', () => {
  const entries: RegistrationView['entries'] = [
    { personId: 1, collectiveId: null, awardCodes: ['LDTT', 'CSTDCS'] },
    { personId: null, collectiveId: 7, awardCodes: ['TTLDTT'] },
  ];
  const approved: RegistrationView = { state: 'approved', entries };
  const person = (personId?: number | null): RegistrationNominee => ({ kind: 'individual', personId });
  const collective = (collectiveId?: number | null): RegistrationNominee => ({
    kind: 'collective',
    collectiveId,
  });
  const cases: Array<[string, RegistrationView | null, RegistrationNominee, string, boolean]> = [
    ['a person listed with the award is registered', approved, person(1), 'LDTT', true],
    ['a person listed with several awards is registered for each', approved, person(1), 'CSTDCS', true],
    ['a collective listed with the award is registered', approved, collective(7), 'TTLDTT', true],
    ['a person listed for another award only is not registered', approved, person(1), 'GKGD', false],
    ['a person the registration does not list is not registered', approved, person(2), 'LDTT', false],
    ['no registration at all: not registered', null, person(1), 'LDTT', false],
    ...(['draft', 'submitted', 'returned'] as const).map(
      (state): [string, RegistrationView, RegistrationNominee, string, boolean] => [
        `a registration still ${state}, not approved, does not count`,
        { state, entries },
        person(1),
        'LDTT',
        false,
      ],
    ),
    ['an individual given by name only (no personId) is never registered', approved, person(), 'LDTT', false],
    ['an individual with a null personId is never registered', approved, person(null), 'LDTT', false],
    [
      'a collective given by name only (no collectiveId) is never registered',
      approved,
      collective(),
      'TTLDTT',
      false,
    ],
    [
      "an individual does not match a collective's entry of the same id",
      { state: 'approved', entries: [{ personId: null, collectiveId: 1, awardCodes: ['LDTT'] }] },
      person(1),
      'LDTT',
      false,
    ],
    [
      "a collective does not match a person's entry of the same id",
      { state: 'approved', entries: [{ personId: 7, collectiveId: null, awardCodes: ['TTLDTT'] }] },
      collective(7),
      'TTLDTT',
      false,
    ],
  ];
  test.each(cases)('%s', (_name, registration, nominee, awardCode, expected) => {
    expect(isRegistered(registration, nominee, awardCode)).toBe(expected);
  });
});
