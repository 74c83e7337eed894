import type {
  AwardVersion,
  Bilingual,
  CampaignKind,
  DisciplineLevel,
  InitiativeScope,
  RatingValue,
} from './catalogue';
import { statesOf, statesTagged } from '../../machines/index';
import { disciplineRank, ratingRank, scopeRank } from './catalogue';
import type { Policy } from './policy';
import { cstdcsQuota, ldttNeededFor } from './quota';
import type { RegistrationState } from './registration';

/**
 * The eligibility engine: pure, plain data in, findings out. The caller (appraisal, the dossier page, the
 * bench) gathers the nominee's history and the award version in force on the dossier's receipt day;
 * nothing here reads a clock or a database.
 */

export interface PastAwardRecord {
  awardCode: string;
  year: number;
  decisionNumber?: string | null;
}
export interface RatingRecord {
  year: number;
  rating: RatingValue;
}
export interface InitiativeRecord {
  title: string;
  scope: InitiativeScope;
  year: number;
}
export interface DisciplineRecord {
  /** null: a pending investigation or complaint with no level yet. */
  level: DisciplineLevel | null;
  from: string;
  /** Last day in force; null: still in force / still pending. */
  to: string | null;
  pendingInvestigation: boolean;
  note?: string | null;
}
/** A collective's member as seen in the campaign year. */
export interface MemberRecord {
  personId: number;
  name: string;
  /** The member's rating for the campaign year, if recorded. */
  rating: RatingValue | null;
  /** The member's awards; only those of the campaign year are read (loaders may give no others). */
  pastAwards: readonly PastAwardRecord[];
  disciplines: readonly DisciplineRecord[];
}
export interface PersonNominee {
  kind: 'individual';
  /** null: a person not (yet) in the register, so with no recorded history. */
  personId: number | null;
  name: string;
  pastAwards: readonly PastAwardRecord[];
  ratings: readonly RatingRecord[];
  initiatives: readonly InitiativeRecord[];
  disciplines: readonly DisciplineRecord[];
}
export interface CollectiveNominee {
  kind: 'collective';
  collectiveId: number | null;
  name: string;
  /** The collective's declared headcount (collectives.member_count). */
  memberCount: number;
  pastAwards: readonly PastAwardRecord[];
  /** Members recorded for the campaign year. */
  members: readonly MemberRecord[];
}
export type Nominee = PersonNominee | CollectiveNominee;

/** Another line in the unit's dossiers for the same campaign (this nomination may be among them). */
export interface CampaignNomination {
  id: number;
  awardCode: string;
  personId: number | null;
  collectiveId: number | null;
  state: string;
}
export interface RegistrationView {
  state: RegistrationState;
  entries: ReadonlyArray<{
    personId: number | null;
    collectiveId: number | null;
    awardCodes: readonly string[];
  }>;
}

export interface EligibilityInput {
  /** The award version in force on the dossier's receipt day. */
  award: AwardVersion;
  /** The day the judgement refers to (the receipt day), YYYY-MM-DD. */
  asOf: string;
  campaign: { year: number; kind: CampaignKind };
  /** This nomination's id, null before it is saved. */
  nominationId: number | null;
  nominee: Nominee;
  unitNominations: readonly CampaignNomination[];
  /** The unit's emulation registration for the campaign, if any. */
  registration: RegistrationView | null;
  policy: Pick<Policy, 'cstdcsQuota' | 'unregisteredNomination'>;
}

export interface Finding {
  rule: string;
  legalBasis: Bilingual;
  outcome: 'pass' | 'fail' | 'warn';
  /** A failing hard rule blocks the nomination (appraising it eligible needs an override reason). */
  hard: boolean;
  explanation: Bilingual;
}

/** Nominations in these states no longer count (quota, same-campaign titles, duplicates): the ones not live. */
export const settledNegativeStates: ReadonlySet<string> = new Set(
  statesOf('nomination').filter((s) => !statesTagged('nomination', 'live').includes(s)),
);

export const generalPrinciplesBasis: Bilingual = {
  vi: 'Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022 (nguyên tắc khen thưởng: một thành tích chỉ khen một lần); Nghị định 98/2023/NĐ-CP Điều 4, nay Nghị định 152/2025/NĐ-CP (không khen khi đang bị kỷ luật, điều tra, thanh tra, xem xét khiếu nại)',
  en: 'Law on Emulation and Commendation of 15 June 2022 (principles: one achievement, one award); Decree 98/2023/ND-CP Art. 4, now Decree 152/2025/ND-CP (no award during discipline, investigation, inspection or a pending complaint)',
};
const campaignKindBasis: Bilingual = {
  vi: 'Nghị định 98/2023/NĐ-CP Điều 4 (kết quả thi đua chuyên đề, đột xuất không làm căn cứ xét danh hiệu thi đua hằng năm), nay Nghị định 152/2025/NĐ-CP',
  en: 'Decree 98/2023/ND-CP Art. 4 (thematic and sudden results are no basis for yearly emulation titles), now Decree 152/2025/ND-CP',
};
const registrationBasis: Bilingual = {
  vi: 'Luật Thi đua, khen thưởng 2022 Điều 16 (tổ chức phong trào thi đua, đăng ký thi đua); quy chế thi đua, khen thưởng của Sở (policy.unregisteredNomination)',
  en: 'Law on Emulation and Commendation 2022 Art. 16 (organising emulation, registration); the department’s rules (policy.unregisteredNomination)',
};

export const ratingLabel: Record<RatingValue, Bilingual> = {
  excellent: { vi: 'hoàn thành xuất sắc nhiệm vụ', en: 'completed tasks excellently' },
  good: { vi: 'hoàn thành tốt nhiệm vụ', en: 'completed tasks well' },
  completed: { vi: 'hoàn thành nhiệm vụ', en: 'completed tasks' },
  not_completed: { vi: 'không hoàn thành nhiệm vụ', en: 'did not complete tasks' },
};
export const disciplineLabel: Record<DisciplineLevel, Bilingual> = {
  reprimand: { vi: 'khiển trách', en: 'reprimand' },
  warning: { vi: 'cảnh cáo', en: 'warning' },
  demotion: { vi: 'hạ bậc lương / giáng chức / cách chức', en: 'demotion / removal from post' },
  dismissal: { vi: 'buộc thôi việc', en: 'dismissal' },
};
const scopeLabel: Record<InitiativeScope, Bilingual> = {
  grassroots: { vi: 'cấp cơ sở', en: 'grassroots' },
  province: { vi: 'cấp tỉnh', en: 'province-wide' },
  national: { vi: 'toàn quốc', en: 'nationwide' },
};
const kindLabel: Record<CampaignKind, Bilingual> = {
  annual: { vi: 'thường xuyên (hằng năm)', en: 'annual' },
  thematic: { vi: 'chuyên đề', en: 'thematic' },
  sudden: { vi: 'đột xuất', en: 'sudden' },
};

const pctVi = (x: number): string => `${String(Math.round(x * 1000) / 10).replace('.', ',')}%`;
const pctEn = (x: number): string => `${Math.round(x * 1000) / 10}%`;
const numVi = (x: number): string => String(Math.round(x * 100) / 100).replace('.', ',');
const numEn = (x: number): string => String(Math.round(x * 100) / 100);
const yearRange = (first: number, last: number): string =>
  first === last ? String(last) : `${first}–${last}`;

/** The year's first and last day, and whether a period [from, to] overlaps [a, b]. */
const overlaps = (from: string, to: string | null, a: string, b: string): boolean =>
  from <= b && (to === null || to >= a);

/** Evaluates every rule that applies to the nomination. Order: general principles, then the award's own. */
export function evaluateNomination(input: EligibilityInput): Finding[] {
  const out: Finding[] = [];
  const { award, nominee } = input;
  const recipientOk = checkRecipient(input, out);
  checkCampaignKind(input, out);
  if (nominee.kind === 'individual') checkDiscipline(input, nominee, out);
  checkDuplicate(input, out);
  checkRegistration(input, out);
  if (!recipientOk) return out;
  const p = award.prerequisites;
  const recordRulesApply = !(p.recordCriteriaAnnualOnly === true && input.campaign.kind !== 'annual');
  if (!recordRulesApply) {
    out.push({
      rule: `${award.code}.recordCriteria`,
      legalBasis: award.legalBasis,
      outcome: 'pass',
      hard: true,
      explanation: {
        vi: `Đợt thi đua ${kindLabel[input.campaign.kind].vi}: khen thưởng theo thành tích của đợt, không xét tiêu chí quá trình (đánh giá nhiều năm, khen thưởng trước đó).`,
        en: `${kindLabel[input.campaign.kind].en} campaign: awarded for the campaign’s achievement; the record criteria (multi-year ratings, prior awards) do not apply.`,
      },
    });
  } else {
    if (p.priorAward) checkPriorAward(input, p.priorAward.codes, out);
    if (p.rating) checkRating(input, p.rating.min, p.rating.years, out);
    if (p.consecutiveAward)
      checkConsecutiveAward(input, p.consecutiveAward.code, p.consecutiveAward.years, out);
    if (p.awardCountInWindow) checkAwardCount(input, p.awardCountInWindow, out);
    if (p.initiative && p.initiative.count > 0) checkInitiative(input, p.initiative, out);
  }
  if (p.sameYearAwards) for (const code of p.sameYearAwards) checkSameYearAward(input, code, out);
  if (p.members) checkMembers(input, p.members, out);
  if (p.quotaOfLdtt) checkQuota(input, out);
  if (p.judgement)
    out.push({
      rule: `${award.code}.judgement`,
      legalBasis: award.legalBasis,
      outcome: 'warn',
      hard: false,
      explanation: {
        vi: `${p.judgement.vi}. Đây là tiêu chí đánh giá, không kiểm tra được từ dữ liệu: người thẩm định xác nhận.`,
        en: `${p.judgement.en}. This is a judgement, not data: the appraiser confirms it.`,
      },
    });
  return out;
}

export const hasHardFailure = (findings: readonly Finding[]): boolean =>
  findings.some((f) => f.outcome === 'fail' && f.hard);

/** The hard failures as one line each, for the engine's RulesPort.hardFailures. */
export const hardFailureMessages = (findings: readonly Finding[], locale: 'vi' | 'en' = 'vi'): string[] =>
  findings.filter((f) => f.outcome === 'fail' && f.hard).map((f) => `${f.rule}: ${f.explanation[locale]}`);

// ---------------------------------------------------------------------------------------------------

function sameNominee(input: EligibilityInput, n: CampaignNomination): boolean {
  const nominee = input.nominee;
  if (nominee.kind === 'individual') return nominee.personId !== null && n.personId === nominee.personId;
  return nominee.collectiveId !== null && n.collectiveId === nominee.collectiveId;
}

/** Live nominations of the unit in the campaign other than this one. */
function others(input: EligibilityInput): CampaignNomination[] {
  return input.unitNominations.filter(
    (n) => n.id !== input.nominationId && !settledNegativeStates.has(n.state),
  );
}

/** Whether a person holds `code` in `year`: a past award, or (campaign year) a live nomination in the campaign. */
function holds(
  pastAwards: readonly PastAwardRecord[],
  code: string,
  year: number,
  input: EligibilityInput,
  match: (n: CampaignNomination) => boolean,
): 'awarded' | 'nominated' | null {
  if (pastAwards.some((a) => a.awardCode === code && a.year === year)) return 'awarded';
  if (year === input.campaign.year && others(input).some((n) => n.awardCode === code && match(n)))
    return 'nominated';
  return null;
}
const holdsNominee = (input: EligibilityInput, code: string, year: number) =>
  holds(input.nominee.pastAwards, code, year, input, (n) => sameNominee(input, n));

function checkRecipient(input: EligibilityInput, out: Finding[]): boolean {
  const { award, nominee } = input;
  const ok = award.recipient === 'both' || award.recipient === nominee.kind;
  const who =
    nominee.kind === 'individual'
      ? { vi: 'cá nhân', en: 'an individual' }
      : { vi: 'tập thể', en: 'a collective' };
  const forWhom =
    award.recipient === 'both'
      ? { vi: 'cá nhân và tập thể', en: 'individuals and collectives' }
      : award.recipient === 'individual'
        ? { vi: 'cá nhân', en: 'individuals' }
        : { vi: 'tập thể', en: 'collectives' };
  out.push({
    rule: 'general.recipientKind',
    legalBasis: award.legalBasis,
    outcome: ok ? 'pass' : 'fail',
    hard: true,
    explanation: {
      vi: `${award.name.vi} dành cho ${forWhom.vi}; người được đề nghị là ${who.vi}.`,
      en: `${award.name.en} is for ${forWhom.en}; the nominee is ${who.en}.`,
    },
  });
  return ok;
}

function checkCampaignKind(input: EligibilityInput, out: Finding[]): void {
  const { award, campaign } = input;
  if (award.prerequisites.annualOnly !== true) return;
  const ok = campaign.kind === 'annual';
  out.push({
    rule: 'general.campaignKind',
    legalBasis: campaignKindBasis,
    outcome: ok ? 'pass' : 'fail',
    hard: true,
    explanation: ok
      ? {
          vi: `${award.name.vi} là danh hiệu xét hằng năm; đợt thi đua ${campaign.year} là đợt thường xuyên.`,
          en: `${award.name.en} is a yearly title; the ${campaign.year} campaign is an annual one.`,
        }
      : {
          vi: `${award.name.vi} là danh hiệu xét hằng năm, không xét trong đợt thi đua ${kindLabel[campaign.kind].vi}.`,
          en: `${award.name.en} is a yearly title and cannot be given in a ${kindLabel[campaign.kind].en} campaign.`,
        },
  });
}

function checkDiscipline(input: EligibilityInput, nominee: PersonNominee, out: Finding[]): void {
  const y = input.campaign.year;
  const start = `${y}-01-01`;
  const end = `${y}-12-31`;
  const blocking: Bilingual[] = [];
  for (const d of nominee.disciplines) {
    const pending = d.pendingInvestigation && (d.to === null || d.to >= input.asOf);
    const inYear = d.level !== null && !d.pendingInvestigation && overlaps(d.from, d.to, start, end);
    const inForce =
      d.level !== null && !d.pendingInvestigation && overlaps(d.from, d.to, input.asOf, input.asOf);
    const until = d.to === null ? { vi: 'nay', en: 'now' } : { vi: d.to, en: d.to };
    if (pending)
      blocking.push({
        vi: `đang bị xem xét kỷ luật, điều tra hoặc giải quyết khiếu nại (từ ${d.from})`,
        en: `under consideration for discipline, investigation or a complaint (since ${d.from})`,
      });
    else if ((inYear || inForce) && d.level)
      blocking.push({
        vi: `bị kỷ luật ${disciplineLabel[d.level].vi} từ ${d.from} đến ${until.vi}`,
        en: `disciplined (${disciplineLabel[d.level].en}) from ${d.from} to ${until.en}`,
      });
  }
  out.push({
    rule: 'general.discipline',
    legalBasis: generalPrinciplesBasis,
    outcome: blocking.length ? 'fail' : 'pass',
    hard: true,
    explanation: blocking.length
      ? {
          vi: `${nominee.name} ${blocking.map((b) => b.vi).join('; ')}: không khen thưởng trong năm ${y} hoặc trong thời gian đang xem xét.`,
          en: `${nominee.name} was ${blocking.map((b) => b.en).join('; ')}: no award for ${y} or while a case is pending.`,
        }
      : {
          vi: `Không có kỷ luật trong năm ${y}, không có kỷ luật hiệu lực hoặc vụ việc đang xem xét vào ngày ${input.asOf}.`,
          en: `No discipline during ${y}, none in force and no case pending on ${input.asOf}.`,
        },
  });
}

function checkDuplicate(input: EligibilityInput, out: Finding[]): void {
  const { award, nominee, campaign } = input;
  const past = nominee.pastAwards.find((a) => a.awardCode === award.code && a.year === campaign.year);
  const twin = others(input).find((n) => n.awardCode === award.code && sameNominee(input, n));
  const outcome = past || twin ? 'fail' : 'pass';
  let explanation: Bilingual;
  if (past) {
    const dec = past.decisionNumber ? ` (QĐ ${past.decisionNumber})` : '';
    explanation = {
      vi: `${nominee.name} đã được tặng ${award.name.vi} năm ${campaign.year}${dec}: một thành tích chỉ khen một lần.`,
      en: `${nominee.name} already received ${award.name.en} for ${campaign.year}${dec}: one achievement earns one award.`,
    };
  } else if (twin) {
    explanation = {
      vi: `${nominee.name} đã được đề nghị ${award.name.vi} trong cùng đợt thi đua (đề nghị #${twin.id}).`,
      en: `${nominee.name} is already nominated for ${award.name.en} in the same campaign (nomination #${twin.id}).`,
    };
  } else {
    explanation = {
      vi: `Chưa được tặng ${award.name.vi} năm ${campaign.year} và không có đề nghị trùng trong đợt.`,
      en: `No ${award.name.en} for ${campaign.year} yet and no duplicate nomination in the campaign.`,
    };
  }
  out.push({
    rule: 'general.duplicate',
    legalBasis: generalPrinciplesBasis,
    outcome,
    hard: true,
    explanation,
  });
}

/** A nominee as a registration entry names it: by its register id (none when given by name only). */
export type RegistrationNominee =
  | { kind: 'individual'; personId?: number | null | undefined }
  | { kind: 'collective'; collectiveId?: number | null | undefined };

/**
 * Whether the nominee is registered for `awardCode`: the unit's registration for the campaign exists, is
 * approved, and an entry naming this person (individual) or collective lists the award. A nominee without
 * a register id (given by name only) is never registered. Shared by the `registration` finding and the
 * refusal of unregistered nominations (policy.unregisteredNomination = 'refuse').
 */
export function isRegistered(
  registration: RegistrationView | null,
  nominee: RegistrationNominee,
  awardCode: string,
): boolean {
  if (registration === null || registration.state !== 'approved') return false;
  const id = nominee.kind === 'individual' ? nominee.personId : nominee.collectiveId;
  if (id === null || id === undefined) return false;
  return registration.entries.some(
    (e) =>
      (nominee.kind === 'individual' ? e.personId === id : e.collectiveId === id) &&
      e.awardCodes.includes(awardCode),
  );
}

function checkRegistration(input: EligibilityInput, out: Finding[]): void {
  const { award, nominee, registration, campaign, policy } = input;
  if (campaign.kind === 'sudden') {
    out.push({
      rule: 'registration',
      legalBasis: registrationBasis,
      outcome: 'pass',
      hard: false,
      explanation: {
        vi: 'Đợt thi đua đột xuất: không yêu cầu đăng ký thi đua.',
        en: 'Sudden campaign: no emulation registration is required.',
      },
    });
    return;
  }
  const registered = isRegistered(registration, nominee, award.code);
  const refuse = policy.unregisteredNomination === 'refuse';
  let why: Bilingual;
  if (registration === null)
    why = { vi: 'đơn vị chưa có bảng đăng ký thi đua', en: 'the unit has no registration' };
  else if (registration.state !== 'approved')
    why = {
      vi: `bảng đăng ký thi đua chưa được duyệt (trạng thái: ${registration.state})`,
      en: `the unit’s registration is not approved (state: ${registration.state})`,
    };
  else
    why = {
      vi: 'danh hiệu này không có trong bảng đăng ký đã duyệt',
      en: 'the approved registration does not list it',
    };
  out.push({
    rule: 'registration',
    legalBasis: registrationBasis,
    outcome: registered ? 'pass' : refuse ? 'fail' : 'warn',
    hard: refuse,
    explanation: registered
      ? {
          vi: `${nominee.name} đã đăng ký ${award.name.vi} trong bảng đăng ký thi đua đã duyệt.`,
          en: `${nominee.name} registered for ${award.name.en} in the approved registration.`,
        }
      : {
          vi: `${nominee.name} chưa đăng ký ${award.name.vi}: ${why.vi}${refuse ? ' (quy chế: không nhận đề nghị)' : ' (quy chế: cảnh báo)'}.`,
          en: `${nominee.name} did not register for ${award.name.en}: ${why.en}${refuse ? ' (policy: refused)' : ' (policy: warning)'}.`,
        },
  });
}

/** A criterion on personal records, asked of a collective: a warning for the appraiser. */
function personalOnly(input: EligibilityInput, rule: string, what: Bilingual, out: Finding[]): boolean {
  if (input.nominee.kind === 'individual') return false;
  out.push({
    rule,
    legalBasis: input.award.legalBasis,
    outcome: 'warn',
    hard: false,
    explanation: {
      vi: `Tiêu chí "${what.vi}" áp dụng cho cá nhân; với tập thể cần đối chiếu báo cáo thành tích.`,
      en: `The criterion "${what.en}" applies to individuals; for a collective, check the achievement report.`,
    },
  });
  return true;
}

function checkRating(input: EligibilityInput, min: RatingValue, years: number, out: Finding[]): void {
  const { award, nominee, campaign } = input;
  const rule = `${award.code}.rating`;
  const first = campaign.year - years + 1;
  const what = {
    vi: `${ratingLabel[min].vi} trở lên ${years > 1 ? `${years} năm liên tục ` : ''}(${yearRange(first, campaign.year)})`,
    en: `${ratingLabel[min].en} or better ${years > 1 ? `for ${years} consecutive years ` : ''}(${yearRange(first, campaign.year)})`,
  };
  if (personalOnly(input, rule, what, out) || nominee.kind !== 'individual') return;
  const byYear = new Map(nominee.ratings.map((r) => [r.year, r.rating]));
  const shortfalls: Bilingual[] = [];
  const seen: Bilingual[] = [];
  for (let y = first; y <= campaign.year; y++) {
    const r = byYear.get(y);
    if (r === undefined)
      shortfalls.push({ vi: `năm ${y}: chưa có kết quả đánh giá`, en: `${y}: no rating recorded` });
    else if (ratingRank[r] < ratingRank[min])
      shortfalls.push({ vi: `năm ${y}: ${ratingLabel[r].vi}`, en: `${y}: ${ratingLabel[r].en}` });
    else seen.push({ vi: `năm ${y}: ${ratingLabel[r].vi}`, en: `${y}: ${ratingLabel[r].en}` });
  }
  out.push({
    rule,
    legalBasis: award.legalBasis,
    outcome: shortfalls.length ? 'fail' : 'pass',
    hard: true,
    explanation: shortfalls.length
      ? {
          vi: `Yêu cầu ${what.vi}; không đạt: ${shortfalls.map((s) => s.vi).join('; ')}.`,
          en: `Requires ${what.en}; not met: ${shortfalls.map((s) => s.en).join('; ')}.`,
        }
      : {
          vi: `Đạt ${what.vi}: ${seen.map((s) => s.vi).join('; ')}.`,
          en: `Meets ${what.en}: ${seen.map((s) => s.en).join('; ')}.`,
        },
  });
}

function checkSameYearAward(input: EligibilityInput, code: string, out: Finding[]): void {
  const { award, nominee, campaign } = input;
  const how = holdsNominee(input, code, campaign.year);
  out.push({
    rule: `${award.code}.sameYear${code}`,
    legalBasis: award.legalBasis,
    outcome: how ? 'pass' : 'fail',
    hard: true,
    explanation:
      how === 'awarded'
        ? {
            vi: `${nominee.name} đã được công nhận ${code} năm ${campaign.year}.`,
            en: `${nominee.name} holds ${code} for ${campaign.year}.`,
          }
        : how === 'nominated'
          ? {
              vi: `${nominee.name} được đề nghị ${code} năm ${campaign.year} trong cùng đợt: điều kiện đạt nếu đề nghị đó được công nhận.`,
              en: `${nominee.name} is nominated for ${code} for ${campaign.year} in the same campaign: met if that nomination is granted.`,
            }
          : {
              vi: `Yêu cầu đạt ${code} năm ${campaign.year}; ${nominee.name} không có ${code} năm ${campaign.year} và không được đề nghị trong đợt.`,
              en: `Requires ${code} for ${campaign.year}; ${nominee.name} has no ${code} for ${campaign.year} and no such nomination in the campaign.`,
            },
  });
}

function checkInitiative(
  input: EligibilityInput,
  req: { scope: InitiativeScope; count: number; years: number },
  out: Finding[],
): void {
  const { award, nominee, campaign } = input;
  const rule = `${award.code}.initiative`;
  const first = campaign.year - req.years + 1;
  const what = {
    vi: `${req.count} sáng kiến được công nhận ${scopeLabel[req.scope].vi} trở lên (${yearRange(first, campaign.year)})`,
    en: `${req.count} initiative(s) recognised at ${scopeLabel[req.scope].en} level or wider (${yearRange(first, campaign.year)})`,
  };
  if (personalOnly(input, rule, what, out) || nominee.kind !== 'individual') return;
  const found = nominee.initiatives.filter(
    (i) => i.year >= first && i.year <= campaign.year && scopeRank[i.scope] >= scopeRank[req.scope],
  );
  const ok = found.length >= req.count;
  const list = found.map((i) => `"${i.title}" (${i.year})`).join(', ');
  out.push({
    rule,
    legalBasis: award.legalBasis,
    outcome: ok ? 'pass' : 'fail',
    hard: true,
    explanation: ok
      ? { vi: `Đạt ${what.vi}: ${list}.`, en: `Meets ${what.en}: ${list}.` }
      : {
          vi: `Yêu cầu ${what.vi}; có ${found.length}${list ? `: ${list}` : ''}.`,
          en: `Requires ${what.en}; found ${found.length}${list ? `: ${list}` : ''}.`,
        },
  });
}

function checkConsecutiveAward(input: EligibilityInput, code: string, years: number, out: Finding[]): void {
  const { award, nominee, campaign } = input;
  const rule = `${award.code}.consecutive${code}`;
  const first = campaign.year - years + 1;
  const what = {
    vi: `${code} ${years} năm liên tục ${yearRange(first, campaign.year)} (tính cả năm của đợt thi đua)`,
    en: `${code} for ${years} consecutive years ${yearRange(first, campaign.year)} (the campaign year included)`,
  };
  if (nominee.kind === 'collective' && personalOnly(input, rule, what, out)) return;
  const held: string[] = [];
  const missing: number[] = [];
  for (let y = first; y <= campaign.year; y++) {
    const how = holdsNominee(input, code, y);
    if (how === null) missing.push(y);
    else held.push(how === 'nominated' ? `${y}*` : String(y));
  }
  const star = held.some((h) => h.endsWith('*'));
  out.push({
    rule,
    legalBasis: award.legalBasis,
    outcome: missing.length ? 'fail' : 'pass',
    hard: true,
    explanation: missing.length
      ? {
          vi: `Yêu cầu ${what.vi}; thiếu năm ${missing.join(', ')}${held.length ? ` (có: ${held.join(', ')})` : ''}.`,
          en: `Requires ${what.en}; missing ${missing.join(', ')}${held.length ? ` (held: ${held.join(', ')})` : ''}.`,
        }
      : {
          vi: `Đạt ${what.vi}: ${held.join(', ')}${star ? ' (* đề nghị cùng đợt)' : ''}.`,
          en: `Meets ${what.en}: ${held.join(', ')}${star ? ' (* nominated in this campaign)' : ''}.`,
        },
  });
}

function checkAwardCount(
  input: EligibilityInput,
  req: { code: string; count: number; years: number },
  out: Finding[],
): void {
  const { award, nominee, campaign } = input;
  const rule = `${award.code}.count${req.code}`;
  const first = campaign.year - req.years + 1;
  const what = {
    vi: `${req.count} lần ${req.code} trong ${req.years} năm ${yearRange(first, campaign.year)}`,
    en: `${req.count} × ${req.code} within the ${req.years} years ${yearRange(first, campaign.year)}`,
  };
  if (nominee.kind === 'collective' && personalOnly(input, rule, what, out)) return;
  const years: number[] = [];
  for (let y = first; y <= campaign.year; y++) if (holdsNominee(input, req.code, y)) years.push(y);
  const ok = years.length >= req.count;
  out.push({
    rule,
    legalBasis: award.legalBasis,
    outcome: ok ? 'pass' : 'fail',
    hard: true,
    explanation: {
      vi: `${ok ? 'Đạt' : 'Yêu cầu'} ${what.vi}; có ${years.length}${years.length ? ` (${years.join(', ')})` : ''}.`,
      en: `${ok ? 'Meets' : 'Requires'} ${what.en}; found ${years.length}${years.length ? ` (${years.join(', ')})` : ''}.`,
    },
  });
}

function checkPriorAward(input: EligibilityInput, codes: readonly string[], out: Finding[]): void {
  const { award, nominee, campaign } = input;
  const p = award.prerequisites;
  // "Already holds a provincial certificate, THEN n consecutive years": the prior award precedes the window.
  const window = Math.max(p.rating?.years ?? 1, p.awardCountInWindow?.years ?? 1);
  const before = campaign.year - window + 1;
  const prior = nominee.pastAwards.filter((a) => codes.includes(a.awardCode) && a.year < before);
  const inside = nominee.pastAwards.filter((a) => codes.includes(a.awardCode) && a.year >= before);
  const names = codes.join(' / ');
  const ok = prior.length > 0;
  out.push({
    rule: `${award.code}.priorAward`,
    legalBasis: award.legalBasis,
    outcome: ok ? 'pass' : 'fail',
    hard: true,
    explanation: ok
      ? {
          vi: `Đã được tặng ${names} năm ${prior.map((a) => a.year).join(', ')}, trước giai đoạn xét ${yearRange(before, campaign.year)}.`,
          en: `Received ${names} in ${prior.map((a) => a.year).join(', ')}, before the period ${yearRange(before, campaign.year)}.`,
        }
      : {
          vi: `Yêu cầu đã được tặng ${names} trước năm ${before} (giai đoạn xét ${yearRange(before, campaign.year)} phải tiếp sau)${inside.length ? `; ${names} năm ${inside.map((a) => a.year).join(', ')} nằm trong giai đoạn xét nên chưa tính` : ''}.`,
          en: `Requires ${names} before ${before} (the period ${yearRange(before, campaign.year)} must follow it)${inside.length ? `; ${names} of ${inside.map((a) => a.year).join(', ')} falls inside the period and does not count` : ''}.`,
        },
  });
}

function checkMembers(
  input: EligibilityInput,
  req: {
    shareLdtt?: number;
    allCompleted?: boolean;
    minCstdcs?: number;
    disciplineFrom?: DisciplineLevel | null;
  },
  out: Finding[],
): void {
  const { award, nominee, campaign } = input;
  if (nominee.kind !== 'collective') return;
  const y = campaign.year;
  const listed = nominee.members.length;
  // Members without records still count in the headcount: the share is never computed on a subset.
  const total = Math.max(nominee.memberCount, listed);
  const partial: Bilingual =
    listed < total
      ? {
          vi: ` (chỉ có dữ liệu ${listed}/${total} thành viên)`,
          en: ` (records for only ${listed} of ${total} members)`,
        }
      : { vi: '', en: '' };
  const memberHolds = (m: MemberRecord, code: string) =>
    holds(m.pastAwards, code, y, input, (n) => n.personId === m.personId);

  if (total === 0) {
    out.push({
      rule: `${award.code}.members`,
      legalBasis: award.legalBasis,
      outcome: 'fail',
      hard: true,
      explanation: {
        vi: `Tập thể ${nominee.name} không có thành viên nào được ghi nhận năm ${y}.`,
        en: `No members recorded for ${nominee.name} in ${y}.`,
      },
    });
    return;
  }
  if (req.shareLdtt !== undefined) {
    const ldtt = nominee.members.filter((m) => memberHolds(m, 'LDTT') !== null).length;
    const share = ldtt / total;
    const ok = ldtt + 1e-9 >= req.shareLdtt * total;
    out.push({
      rule: `${award.code}.membersLdtt`,
      legalBasis: award.legalBasis,
      outcome: ok ? 'pass' : 'fail',
      hard: true,
      explanation: {
        vi: `Năm ${y}: ${ldtt}/${total} thành viên (${pctVi(share)}) đạt LĐTT (đã công nhận hoặc đề nghị cùng đợt); yêu cầu ≥ ${pctVi(req.shareLdtt)}${partial.vi}.`,
        en: `${y}: ${ldtt}/${total} members (${pctEn(share)}) hold LDTT (granted or nominated in this campaign); at least ${pctEn(req.shareLdtt)} required${partial.en}.`,
      },
    });
  }
  if (req.allCompleted) {
    const failing = nominee.members.filter(
      (m) => m.rating === null || ratingRank[m.rating] < ratingRank.completed,
    );
    const unknown = total - listed;
    const ok = failing.length === 0 && unknown === 0;
    const names = failing.map((m) => (m.rating === null ? `${m.name} (?)` : m.name));
    out.push({
      rule: `${award.code}.membersCompleted`,
      legalBasis: award.legalBasis,
      outcome: ok ? 'pass' : 'fail',
      hard: true,
      explanation: ok
        ? {
            vi: `Năm ${y}: tất cả ${total} thành viên hoàn thành nhiệm vụ trở lên.`,
            en: `${y}: all ${total} members completed their tasks or better.`,
          }
        : {
            vi: `Năm ${y}: yêu cầu 100% thành viên hoàn thành nhiệm vụ; chưa đạt hoặc chưa có đánh giá: ${names.join(', ') || '—'}${unknown ? `; ${unknown} thành viên không có dữ liệu` : ''}.`,
            en: `${y}: every member must complete their tasks; not met or no rating: ${names.join(', ') || '—'}${unknown ? `; ${unknown} members without records` : ''}.`,
          },
    });
  }
  if (req.minCstdcs !== undefined && req.minCstdcs > 0) {
    const cst = nominee.members.filter((m) => memberHolds(m, 'CSTDCS') !== null);
    const ok = cst.length >= req.minCstdcs;
    out.push({
      rule: `${award.code}.membersCstdcs`,
      legalBasis: award.legalBasis,
      outcome: ok ? 'pass' : 'fail',
      hard: true,
      explanation: {
        vi: `Năm ${y}: ${cst.length} thành viên đạt CSTĐCS${cst.length ? ` (${cst.map((m) => m.name).join(', ')})` : ''}; yêu cầu ít nhất ${req.minCstdcs}.`,
        en: `${y}: ${cst.length} member(s) hold CSTDCS${cst.length ? ` (${cst.map((m) => m.name).join(', ')})` : ''}; at least ${req.minCstdcs} required.`,
      },
    });
  }
  if (req.disciplineFrom) {
    const from = req.disciplineFrom;
    const hits: Bilingual[] = [];
    for (const m of nominee.members)
      for (const d of m.disciplines)
        if (
          d.level &&
          disciplineRank[d.level] >= disciplineRank[from] &&
          overlaps(d.from, d.to, `${y}-01-01`, `${y}-12-31`)
        )
          hits.push({
            vi: `${m.name} (${disciplineLabel[d.level].vi}, từ ${d.from})`,
            en: `${m.name} (${disciplineLabel[d.level].en}, from ${d.from})`,
          });
    const level =
      from === 'reprimand'
        ? { vi: 'bất kỳ hình thức kỷ luật nào', en: 'any discipline' }
        : {
            vi: `kỷ luật từ ${disciplineLabel[from].vi} trở lên`,
            en: `discipline at ${disciplineLabel[from].en} level or above`,
          };
    out.push({
      rule: `${award.code}.membersDiscipline`,
      legalBasis: award.legalBasis,
      outcome: hits.length ? 'fail' : 'pass',
      hard: true,
      explanation: hits.length
        ? {
            vi: `Năm ${y}: không được có thành viên bị ${level.vi}; có: ${hits.map((h) => h.vi).join('; ')}.`,
            en: `${y}: no member may have ${level.en}; found: ${hits.map((h) => h.en).join('; ')}.`,
          }
        : {
            vi: `Năm ${y}: không thành viên nào bị ${level.vi}.`,
            en: `${y}: no member had ${level.en}.`,
          },
    });
  }
}

function checkQuota(input: EligibilityInput, out: Finding[]): void {
  const { award, policy } = input;
  const live = others(input);
  const ldtt = live.filter((n) => n.awardCode === 'LDTT').length;
  const count = live.filter((n) => n.awardCode === award.code).length + 1;
  const max = cstdcsQuota(ldtt, policy.cstdcsQuota);
  const ok = count <= max;
  const need = ldttNeededFor(count, policy.cstdcsQuota);
  const needVi = need === null ? '' : ` Cần ít nhất ${need} LĐTT cho ${count} ${award.code}.`;
  const needEn = need === null ? '' : ` ${need} LDTT are needed for ${count} ${award.code}.`;
  out.push({
    rule: `${award.code}.quota`,
    legalBasis: {
      vi: `${award.legalBasis.vi}; tỷ lệ tối đa theo quy chế của Sở (policy.cstdcsQuota, chưa xác nhận trong văn bản)`,
      en: `${award.legalBasis.en}; the cap set by the department (policy.cstdcsQuota, unconfirmed in the regulations)`,
    },
    outcome: ok ? 'pass' : 'fail',
    hard: true,
    explanation: {
      vi: `Đơn vị có ${ldtt} đề nghị LĐTT trong đợt; ${pctVi(policy.cstdcsQuota)} × ${ldtt} = ${numVi(policy.cstdcsQuota * ldtt)}, làm tròn xuống: tối đa ${max} ${award.code}; số đề nghị ${award.code} (kể cả đề nghị này) là ${count}.${ok ? '' : needVi}`,
      en: `The unit has ${ldtt} LDTT nominations in the campaign; ${pctEn(policy.cstdcsQuota)} × ${ldtt} = ${numEn(policy.cstdcsQuota * ldtt)}, rounded down: at most ${max} ${award.code}; ${award.code} nominations (this one included): ${count}.${ok ? '' : needEn}`,
    },
  });
}
