import { defaultCatalogue } from '../../../src/domain/catalogue';
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
