import type { AttachmentKind, AwardVersion, Bilingual } from './catalogue';
import { attachmentKinds } from './catalogue';

/**
 * What a dossier must carry before it is submitted: the union of what its awards require under its
 * procedure (ordinary, or simplified for a sudden campaign: Luật 2022 Đ.85).
 */
export type Procedure = 'ordinary' | 'simplified';

export const attachmentLabel: Record<AttachmentKind, Bilingual> = {
  coverLetter: { vi: 'Tờ trình đề nghị khen thưởng', en: 'cover letter (tờ trình)' },
  minutes: { vi: 'Biên bản họp bình xét', en: 'meeting minutes (biên bản)' },
  achievementReport: { vi: 'Báo cáo thành tích', en: 'achievement report' },
  initiativeCertificate: { vi: 'Giấy chứng nhận / xác nhận sáng kiến', en: 'initiative certificate' },
  other: { vi: 'Tài liệu khác', en: 'other document' },
};

export interface MissingAttachment {
  kind: AttachmentKind;
  /** The award codes that require it. */
  awards: string[];
  message: Bilingual;
}

/** The procedure a campaign's dossiers follow. */
export const procedureFor = (campaignKind: string): Procedure =>
  campaignKind === 'sudden' ? 'simplified' : 'ordinary';

export function missingAttachments(args: {
  awards: readonly AwardVersion[];
  procedure: Procedure;
  present: readonly string[];
}): MissingAttachment[] {
  const have = new Set(args.present);
  const needed = new Map<AttachmentKind, Set<string>>();
  for (const a of args.awards)
    for (const kind of a.requiredAttachments[args.procedure]) {
      if (have.has(kind)) continue;
      const set = needed.get(kind) ?? new Set<string>();
      set.add(a.code);
      needed.set(kind, set);
    }
  // Stable order: the catalogue's order of kinds, so messages read the same every time.
  return attachmentKinds
    .filter((k) => needed.has(k))
    .map((kind) => {
      const awards = [...(needed.get(kind) ?? [])].sort();
      return {
        kind,
        awards,
        message: {
          vi: `Thiếu ${attachmentLabel[kind].vi} (bắt buộc với ${awards.join(', ')}${args.procedure === 'simplified' ? ', thủ tục đơn giản' : ''}).`,
          en: `Missing ${attachmentLabel[kind].en} (required for ${awards.join(', ')}${args.procedure === 'simplified' ? ', simplified procedure' : ''}).`,
        },
      };
    });
}
