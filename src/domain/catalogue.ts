import { z } from 'zod';
import type { AwardRules } from '../../machines/nomination.machine';

/**
 * The award catalogue: every title (danh hiệu) and form (hình thức) the department proposes, versioned by
 * effective date. Rules change by decree, so a nomination is judged by the version in force on the day
 * its dossier was received (`awardInForce`). Every number below is a configurable default: several are
 * unconfirmed in the regulations (see research/domain-brief.md, tags [U]) and each entry says which in
 * its `note`.
 */

export const attachmentKinds = [
  'coverLetter',
  'minutes',
  'achievementReport',
  'initiativeCertificate',
  'other',
] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];

export const ratingValues = ['excellent', 'good', 'completed', 'not_completed'] as const;
/** Yearly task-completion rating: hoàn thành xuất sắc / tốt / hoàn thành / không hoàn thành nhiệm vụ. */
export type RatingValue = (typeof ratingValues)[number];
export const ratingRank: Record<RatingValue, number> = {
  not_completed: 0,
  completed: 1,
  good: 2,
  excellent: 3,
};

export const initiativeScopes = ['grassroots', 'province', 'national'] as const;
export type InitiativeScope = (typeof initiativeScopes)[number];
export const scopeRank: Record<InitiativeScope, number> = { grassroots: 1, province: 2, national: 3 };

/** khiển trách, cảnh cáo, hạ bậc lương / giáng chức / cách chức, buộc thôi việc. */
export const disciplineLevels = ['reprimand', 'warning', 'demotion', 'dismissal'] as const;
export type DisciplineLevel = (typeof disciplineLevels)[number];
export const disciplineRank: Record<DisciplineLevel, number> = {
  reprimand: 1,
  warning: 2,
  demotion: 3,
  dismissal: 4,
};

export const campaignKinds = ['annual', 'thematic', 'sudden'] as const;
/** thường xuyên (yearly), chuyên đề, đột xuất. */
export type CampaignKind = (typeof campaignKinds)[number];

export const defaultAwardCodes = [
  'LDTT',
  'CSTDCS',
  'TTLDTT',
  'GKGD',
  'CSTDT',
  'TTLDXS',
  'BKUBND',
  'CTDT',
  'BKTTG',
] as const;
export type DefaultAwardCode = (typeof defaultAwardCodes)[number];

export const isoDateSchema = z.iso.date();
export const bilingualSchema = z
  .object({ vi: z.string().trim().min(1), en: z.string().trim().min(1) })
  .strict();
export type Bilingual = z.infer<typeof bilingualSchema>;
export const awardCodeSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{1,19}$/, 'upper-case code, 2 to 20 characters');

const years = z.number().int().min(1).max(30);

/**
 * Prerequisites as parameters: the eligibility engine applies every rule whose parameter is present, so
 * an admin can tighten or relax an award (or give a new award prerequisites) without code.
 */
export const prerequisitesSchema = z
  .object({
    /** A title (danh hiệu) judged on a year's results: only in an annual campaign (ND 98 Đ.4). */
    annualOnly: z.boolean().optional(),
    /**
     * Record-based criteria (ratings, consecutive years, prior awards) apply in annual campaigns only: in a
     * thematic or sudden campaign a form (Bằng khen) is given for the achievement itself.
     */
    recordCriteriaAnnualOnly: z.boolean().optional(),
    /** The person's yearly rating must be at least `min` in each of the `years` years ending with the campaign year. */
    rating: z
      .object({ min: z.enum(ratingValues), years })
      .strict()
      .optional(),
    /** Titles the nominee must hold in the campaign year (past award or a nomination in the same campaign). */
    sameYearAwards: z.array(awardCodeSchema).min(1).optional(),
    /** At least `count` initiatives of `scope` or wider, recognised in the `years` years ending with the campaign year. */
    initiative: z
      .object({ scope: z.enum(initiativeScopes), count: z.number().int().min(0).max(20), years })
      .strict()
      .optional(),
    /** The award `code` held in each of the `years` years ending with the campaign year. */
    consecutiveAward: z.object({ code: awardCodeSchema, years }).strict().optional(),
    /** One of `codes` held before the first year of the rating window (or before the campaign year if none). */
    priorAward: z
      .object({ codes: z.array(awardCodeSchema).min(1) })
      .strict()
      .optional(),
    /** At least `count` times `code` within the `years` years ending with the campaign year. */
    awardCountInWindow: z
      .object({ code: awardCodeSchema, count: z.number().int().min(1), years })
      .strict()
      .optional(),
    /** Collective awards: conditions on the members in the campaign year. */
    members: z
      .object({
        shareLdtt: z.number().min(0).max(1).optional(),
        allCompleted: z.boolean().optional(),
        minCstdcs: z.number().int().min(0).optional(),
        /** No member disciplined at this level or above during the year; null: not checked. */
        disciplineFrom: z.enum(disciplineLevels).nullable().optional(),
      })
      .strict()
      .optional(),
    /** The unit's count of this award may not exceed `policy.cstdcsQuota` × its LDTT in the campaign. */
    quotaOfLdtt: z.boolean().optional(),
    /** A criterion that is a judgement, not data: always a warning for the appraiser to confirm. */
    judgement: bilingualSchema.optional(),
  })
  .strict();
export type Prerequisites = z.infer<typeof prerequisitesSchema>;

const attachmentList = z.array(z.enum(attachmentKinds)).max(attachmentKinds.length);

/** The editable part of an award version (everything except its identity and validity). */
export const awardBodySchema = z
  .object({
    name: bilingualSchema,
    /** Danh hiệu thi đua (title) or hình thức khen thưởng (form). */
    kind: z.enum(['title', 'form']),
    recipient: z.enum(['individual', 'collective', 'both']),
    authority: z.enum(['department', 'province', 'national']),
    needsVote: z.boolean(),
    /** Share of ALL council members voting yes needed to pass. */
    voteThreshold: z.number().gt(0).max(1),
    /** Public notice before the council votes (period: `policy.noticePeriod`). */
    needsNotice: z.boolean(),
    requiredAttachments: z.object({ ordinary: attachmentList, simplified: attachmentList }).strict(),
    prerequisites: prerequisitesSchema,
    legalBasis: bilingualSchema,
    /** What in the legal basis or the defaults is unconfirmed. */
    note: bilingualSchema.nullable(),
  })
  .strict();
export type AwardBody = z.infer<typeof awardBodySchema>;

export const awardVersionSchema = awardBodySchema
  .extend({
    code: awardCodeSchema,
    version: z.number().int().min(1),
    effectiveFrom: isoDateSchema,
    effectiveTo: isoDateSchema.nullable(),
  })
  .strict()
  .refine((v) => v.effectiveTo === null || v.effectiveTo >= v.effectiveFrom, {
    path: ['effectiveTo'],
    message: 'must not be before effectiveFrom',
  });
export type AwardVersion = z.infer<typeof awardVersionSchema>;

/** What an admin may change in a new version; omitted fields keep the current version's values. */
export const awardPatchSchema = awardBodySchema.partial().strict();
export type AwardPatch = z.infer<typeof awardPatchSchema>;

/** Adds `days` to a YYYY-MM-DD date (calendar days, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The version of `code` in force on `date` (YYYY-MM-DD), if any. */
export function awardInForce(
  entries: readonly AwardVersion[],
  code: string,
  date: string,
): AwardVersion | undefined {
  let found: AwardVersion | undefined;
  for (const e of entries) {
    if (e.code !== code || e.effectiveFrom > date || (e.effectiveTo !== null && e.effectiveTo < date))
      continue;
    // Versions never overlap when written through putAwardVersion; prefer the latest if hand-edited data does.
    if (!found || e.effectiveFrom > found.effectiveFrom) found = e;
  }
  return found;
}

/** Every award in force on `date`, one per code. */
export function catalogueInForce(entries: readonly AwardVersion[], date: string): AwardVersion[] {
  const codes = [...new Set(entries.map((e) => e.code))];
  return codes.map((c) => awardInForce(entries, c, date)).filter((e): e is AwardVersion => e !== undefined);
}

/** The rules the nomination machine carries (`awardRulesSchema`). */
export function toAwardRules(entry: AwardVersion): AwardRules {
  return {
    code: entry.code,
    authority: entry.authority,
    needsVote: entry.needsVote,
    needsNotice: entry.needsNotice,
    voteThreshold: entry.voteThreshold,
  };
}

/** The next version of an award: the current one with `patch` applied, effective from `effectiveFrom`. */
export function nextAwardVersion(
  current: AwardVersion,
  patch: AwardPatch,
  effectiveFrom: string,
): AwardVersion {
  return awardVersionSchema.parse({
    ...current,
    ...patch,
    version: current.version + 1,
    effectiveFrom,
    effectiveTo: null,
  });
}

// ---------------------------------------------------------------------------------------------------
// The seed: Luật Thi đua, khen thưởng 06/2022/QH15 in force from 1 January 2024.

const LAW = {
  vi: 'Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022',
  en: 'Law on Emulation and Commendation of 15 June 2022',
};
const DECREES = {
  vi: 'Nghị định 98/2023/NĐ-CP (đến 30/6/2025); Nghị định 152/2025/NĐ-CP (từ 01/7/2025)',
  en: 'Decree 98/2023/ND-CP (until 30 June 2025); Decree 152/2025/ND-CP (from 1 July 2025)',
};
const basis = (vi: string, en: string): Bilingual => ({
  vi: `${LAW.vi}, ${vi}; ${DECREES.vi}`,
  en: `${LAW.en}, ${en}; ${DECREES.en}`,
});

const ORDINARY: AttachmentKind[] = ['coverLetter', 'minutes', 'achievementReport'];
const WITH_INITIATIVE: AttachmentKind[] = [...ORDINARY, 'initiativeCertificate'];
/** Luật 2022 Đ.85 (thủ tục đơn giản): tờ trình and a short achievement report only. */
const SIMPLIFIED: AttachmentKind[] = ['coverLetter', 'achievementReport'];

const seed = (code: DefaultAwardCode, body: AwardBody): AwardVersion => ({
  code,
  version: 1,
  effectiveFrom: '2024-01-01',
  effectiveTo: null,
  ...body,
});

const quotaNote = {
  vi: 'Tỷ lệ CSTĐCS tối đa 15% số LĐTT chưa được xác nhận trong văn bản hiện hành: cấu hình tại policy.cstdcsQuota.',
  en: 'The 15% cap on CSTDCS relative to LDTT is unconfirmed in current texts: configured as policy.cstdcsQuota.',
};

export const defaultCatalogue: readonly AwardVersion[] = [
  seed('LDTT', {
    name: { vi: 'Lao động tiên tiến', en: 'Advanced Worker' },
    kind: 'title',
    recipient: 'individual',
    authority: 'department',
    needsVote: false,
    voteThreshold: 0.7,
    needsNotice: false,
    requiredAttachments: { ordinary: ORDINARY, simplified: SIMPLIFIED },
    prerequisites: { annualOnly: true, rating: { min: 'good', years: 1 } },
    legalBasis: basis(
      'Điều 24 (tiêu chuẩn), Điều 80 khoản 1 (thẩm quyền)',
      'Art. 24 (criteria), Art. 80(1) (authority)',
    ),
    note: {
      vi: 'Điều 24 là số điều suy ra từ cấu trúc Luật; tiêu chí chi tiết do bộ, tỉnh quy định (TT 15/2025/TT-BNV).',
      en: 'Art. 24 is inferred from the structure of the Law; detailed criteria are set by ministries/provinces (Circular 15/2025/TT-BNV).',
    },
  }),
  seed('CSTDCS', {
    name: { vi: 'Chiến sĩ thi đua cơ sở', en: 'Grassroots Emulation Fighter' },
    kind: 'title',
    recipient: 'individual',
    authority: 'department',
    needsVote: true,
    voteThreshold: 0.7,
    needsNotice: false,
    requiredAttachments: { ordinary: WITH_INITIATIVE, simplified: SIMPLIFIED },
    prerequisites: {
      annualOnly: true,
      sameYearAwards: ['LDTT'],
      initiative: { scope: 'grassroots', count: 1, years: 1 },
      quotaOfLdtt: true,
    },
    legalBasis: basis('Điều 23, Điều 80 khoản 1', 'Art. 23, Art. 80(1)'),
    note: quotaNote,
  }),
  seed('TTLDTT', {
    name: { vi: 'Tập thể lao động tiên tiến', en: 'Advanced Labour Collective' },
    kind: 'title',
    recipient: 'collective',
    authority: 'department',
    needsVote: false,
    voteThreshold: 0.7,
    needsNotice: false,
    requiredAttachments: { ordinary: ORDINARY, simplified: SIMPLIFIED },
    prerequisites: { annualOnly: true, members: { shareLdtt: 0.7, disciplineFrom: 'warning' } },
    legalBasis: basis('Điều 28, Điều 80 khoản 1', 'Art. 28, Art. 80(1)'),
    note: {
      vi: 'Tiêu chí ≥70% LĐTT, không ai bị kỷ luật từ cảnh cáo trở lên theo TT 01/2024/TT-VPCP Đ.5; việc Điều 28 Luật quy định như vậy chưa xác nhận.',
      en: '≥70% LDTT and no member disciplined at warning level or above per Circular 01/2024/TT-VPCP Art. 5; that Art. 28 of the Law says the same is unconfirmed.',
    },
  }),
  seed('GKGD', {
    name: { vi: 'Giấy khen của Giám đốc Sở', en: "Director's Certificate of Merit" },
    kind: 'form',
    recipient: 'both',
    authority: 'department',
    needsVote: false,
    voteThreshold: 0.7,
    needsNotice: false,
    requiredAttachments: { ordinary: ORDINARY, simplified: SIMPLIFIED },
    prerequisites: {},
    legalBasis: basis('Điều 75, Điều 80 khoản 1', 'Art. 75, Art. 80(1)'),
    note: {
      vi: 'Số điều 74–75 (Bằng khen, Giấy khen) suy ra từ cấu trúc Luật, chưa xác nhận; tiêu chí chi tiết theo Nghị định 152/2025.',
      en: 'Article numbers 74–75 (certificates of merit) are inferred, unconfirmed; detailed criteria per Decree 152/2025.',
    },
  }),
  seed('CSTDT', {
    name: { vi: 'Chiến sĩ thi đua cấp tỉnh', en: 'Provincial Emulation Fighter' },
    kind: 'title',
    recipient: 'individual',
    authority: 'province',
    needsVote: true,
    voteThreshold: 0.8,
    needsNotice: false,
    requiredAttachments: { ordinary: WITH_INITIATIVE, simplified: SIMPLIFIED },
    prerequisites: {
      annualOnly: true,
      consecutiveAward: { code: 'CSTDCS', years: 3 },
      initiative: { scope: 'province', count: 1, years: 3 },
    },
    legalBasis: basis('Điều 22', 'Art. 22'),
    note: {
      vi: 'Số Điều 22 suy ra, chưa xác nhận. Ngưỡng biểu quyết 80% hay 90% theo Nghị định 152/2025 chưa xác nhận.',
      en: 'Art. 22 is inferred, unconfirmed. Whether the vote threshold is 80% or 90% under Decree 152/2025 is unconfirmed.',
    },
  }),
  seed('TTLDXS', {
    name: { vi: 'Tập thể lao động xuất sắc', en: 'Excellent Labour Collective' },
    kind: 'title',
    recipient: 'collective',
    authority: 'province',
    needsVote: true,
    voteThreshold: 0.8,
    needsNotice: false,
    requiredAttachments: { ordinary: ORDINARY, simplified: SIMPLIFIED },
    prerequisites: {
      annualOnly: true,
      members: { shareLdtt: 0.7, allCompleted: true, minCstdcs: 1, disciplineFrom: 'reprimand' },
    },
    legalBasis: basis('Điều 27', 'Art. 27'),
    note: {
      vi: 'Tiêu chí theo TT 01/2024/TT-BXD (cùng mẫu TT 06/2015); số Điều 27 suy ra, chưa xác nhận.',
      en: 'Criteria per Circular 01/2024/TT-BXD (same pattern as Circular 06/2015); Art. 27 is inferred, unconfirmed.',
    },
  }),
  seed('BKUBND', {
    name: { vi: 'Bằng khen của Chủ tịch UBND tỉnh', en: "Provincial Chairman's Certificate of Merit" },
    kind: 'form',
    recipient: 'both',
    authority: 'province',
    needsVote: true,
    voteThreshold: 0.8,
    needsNotice: false,
    requiredAttachments: { ordinary: ORDINARY, simplified: SIMPLIFIED },
    prerequisites: {
      recordCriteriaAnnualOnly: true,
      rating: { min: 'excellent', years: 2 },
      initiative: { scope: 'grassroots', count: 0, years: 2 },
    },
    legalBasis: basis('Điều 74', 'Art. 74'),
    note: {
      vi: 'Tiêu chí "2 năm liên tục hoàn thành xuất sắc nhiệm vụ (và 2 sáng kiến cấp cơ sở)" chưa xác nhận; số sáng kiến mặc định 0, cấu hình được.',
      en: '"Two consecutive years of excellent completion (and two grassroots initiatives)" is unconfirmed; the initiative count defaults to 0, configurable.',
    },
  }),
  seed('CTDT', {
    name: { vi: 'Cờ thi đua của UBND tỉnh', en: "Provincial People's Committee Emulation Flag" },
    kind: 'title',
    recipient: 'collective',
    authority: 'province',
    needsVote: true,
    voteThreshold: 0.8,
    needsNotice: false,
    requiredAttachments: { ordinary: ORDINARY, simplified: SIMPLIFIED },
    prerequisites: {
      annualOnly: true,
      judgement: {
        vi: 'Tập thể dẫn đầu cụm, khối thi đua do tỉnh tổ chức: cần đối chiếu kết quả bình xét của cụm, khối',
        en: 'Leading collective of its provincial emulation cluster or bloc: check against the cluster’s ranking',
      },
    },
    legalBasis: basis('Điều 26', 'Art. 26'),
    note: { vi: 'Số Điều 26 suy ra, chưa xác nhận.', en: 'Art. 26 is inferred, unconfirmed.' },
  }),
  seed('BKTTG', {
    name: { vi: 'Bằng khen của Thủ tướng Chính phủ', en: "Prime Minister's Certificate of Merit" },
    kind: 'form',
    recipient: 'both',
    authority: 'national',
    needsVote: true,
    voteThreshold: 0.8,
    needsNotice: true,
    requiredAttachments: { ordinary: ORDINARY, simplified: SIMPLIFIED },
    prerequisites: {
      recordCriteriaAnnualOnly: true,
      priorAward: { codes: ['BKUBND'] },
      rating: { min: 'good', years: 5 },
      awardCountInWindow: { code: 'CSTDCS', count: 3, years: 5 },
    },
    legalBasis: basis('Điều 73 khoản 1 điểm b', 'Art. 73(1)(b)'),
    note: {
      vi: 'Ngưỡng 80% tổng số thành viên theo TTHC ngành dưới Nghị định 98 (nguồn thứ cấp). Tiêu chí cho tập thể (Điều 73 khoản 2) chưa xác nhận: chỉ kiểm tra Bằng khen tỉnh trước đó.',
      en: '80% of all members per a sector procedure under Decree 98 (secondary source). Criteria for collectives (Art. 73(2)) are unconfirmed: only the prior provincial certificate is checked.',
    },
  }),
];
