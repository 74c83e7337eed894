import { z } from 'zod';
import type { AwardVersion, Bilingual } from './catalogue';
import { awardCodeSchema, awardInForce } from './catalogue';
import { idSchema } from './ids';

/**
 * Emulation registration (đăng ký thi đua): at the start of a campaign each unit lists the titles its
 * people and collectives aim for. A small pure transition table rather than an XState machine: the
 * record has no deadlines and no effects, only who may move it where (statuses as in MISA CeGov: chưa
 * gửi / chờ duyệt / từ chối (chờ bổ sung) / đã duyệt).
 */
export const registrationStates = ['draft', 'submitted', 'approved', 'returned'] as const;
export type RegistrationState = (typeof registrationStates)[number];

export const registrationEventTypes = ['SUBMIT', 'APPROVE', 'RETURN', 'EDIT', 'RESUBMIT'] as const;
export type RegistrationEventType = (typeof registrationEventTypes)[number];

export const registrationEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('SUBMIT') }).strict(),
  z.object({ type: z.literal('APPROVE') }).strict(),
  z.object({ type: z.literal('RETURN'), reason: z.string().trim().min(1).max(2000) }).strict(),
  z.object({ type: z.literal('EDIT') }).strict(),
  z.object({ type: z.literal('RESUBMIT') }).strict(),
]);
export type RegistrationEvent = z.infer<typeof registrationEventSchema>;

export const registrationStateLabel: Record<RegistrationState, Bilingual> = {
  draft: { vi: 'Chưa gửi', en: 'Draft' },
  submitted: { vi: 'Chờ duyệt', en: 'Submitted' },
  approved: { vi: 'Đã duyệt', en: 'Approved' },
  returned: { vi: 'Trả lại (chờ bổ sung)', en: 'Returned' },
};

/** state → event → next state, and who may send it. Anything absent is refused (409). */
export const registrationTransitions: Readonly<
  Record<
    RegistrationState,
    Partial<Record<RegistrationEventType, { to: RegistrationState; senders: readonly string[] }>>
  >
> = {
  draft: { SUBMIT: { to: 'submitted', senders: ['unit'] }, EDIT: { to: 'draft', senders: ['unit'] } },
  submitted: {
    APPROVE: { to: 'approved', senders: ['office'] },
    RETURN: { to: 'returned', senders: ['office'] },
  },
  returned: { EDIT: { to: 'draft', senders: ['unit'] }, RESUBMIT: { to: 'submitted', senders: ['unit'] } },
  approved: {},
};

/** The next state, or null when the event is not allowed in `state`. */
export function registrationTransition(
  state: RegistrationState,
  event: RegistrationEventType,
): RegistrationState | null {
  return registrationTransitions[state][event]?.to ?? null;
}

export function allowedRegistrationEvents(
  state: RegistrationState,
  roles?: readonly string[],
): RegistrationEventType[] {
  return (
    Object.entries(registrationTransitions[state]) as Array<
      [RegistrationEventType, { senders: readonly string[] }]
    >
  )
    .filter(([, t]) => roles === undefined || t.senders.some((s) => roles.includes(s)))
    .map(([e]) => e);
}

/** Entries may change only while the unit holds the registration; editing a returned one reopens it. */
export const canEditRegistration = (state: RegistrationState): boolean =>
  state === 'draft' || state === 'returned';

export const registrationEntrySchema = z
  .object({
    personId: idSchema.nullable(),
    collectiveId: idSchema.nullable(),
    awardCodes: z.array(awardCodeSchema).min(1).max(10),
  })
  .strict()
  .refine((e) => (e.personId === null) !== (e.collectiveId === null), {
    message: 'exactly one of personId and collectiveId',
  })
  .refine((e) => new Set(e.awardCodes).size === e.awardCodes.length, { message: 'award codes repeat' });
export type RegistrationEntry = z.infer<typeof registrationEntrySchema>;

/**
 * Checks entries against the catalogue in force on `onDate`: unknown codes, an individual title for a
 * collective (or the reverse), and the same nominee listed twice. Returns one message per problem.
 */
export function validateRegistrationEntries(
  entries: readonly RegistrationEntry[],
  catalogue: readonly AwardVersion[],
  onDate: string,
): Array<{ index: number; message: Bilingual }> {
  const problems: Array<{ index: number; message: Bilingual }> = [];
  const seen = new Set<string>();
  entries.forEach((e, index) => {
    const key = e.personId !== null ? `p${e.personId}` : `c${String(e.collectiveId)}`;
    if (seen.has(key))
      problems.push({
        index,
        message: { vi: 'Đối tượng được đăng ký hai lần', en: 'The nominee is listed twice' },
      });
    seen.add(key);
    const kind = e.personId !== null ? 'individual' : 'collective';
    for (const code of e.awardCodes) {
      const award = awardInForce(catalogue, code, onDate);
      if (!award)
        problems.push({
          index,
          message: {
            vi: `Danh hiệu ${code} không có hiệu lực ngày ${onDate}`,
            en: `${code} is not in force on ${onDate}`,
          },
        });
      else if (award.recipient !== 'both' && award.recipient !== kind)
        problems.push({
          index,
          message: {
            vi: `${award.name.vi} không dành cho ${kind === 'individual' ? 'cá nhân' : 'tập thể'}`,
            en: `${award.name.en} is not for ${kind === 'individual' ? 'individuals' : 'collectives'}`,
          },
        });
    }
  });
  return problems;
}
