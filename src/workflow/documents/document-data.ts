import type { Queryable } from '../../db/db';
import {
  defaultSignerName,
  documentItems,
  documentSource,
  type DocumentItemRow,
  type DocumentSourceRow,
} from '../../db/documents';
import {
  decisionDocument,
  proposalDocument,
  type DecisionData,
  type ListedNominee,
  type OfficialDocument,
  type ProposalData,
  type SignerData,
} from '../../documents';
import { AppError } from '../../errors';
import type { DocumentSettings } from './document-settings';

export type DocumentType = 'decision' | 'submission';

/** A user's name as a document prints it: `Trần Văn Minh (Giám đốc)` → `Trần Văn Minh`. */
export const printedName = (fullName: string): string =>
  fullName.replace(/\s*\([^)]*\)\s*$/u, '').trim() || fullName.trim();

/** How the signer signs: own name, or KT./Q. for the director (the history and the block say so). */
export interface ResolvedSigner extends SignerData {
  name: string;
  mode: 'own' | 'KT' | 'Q' | 'TM' | 'TL' | 'TUQ';
  principal: string;
}

export interface DocumentFacts {
  source: DocumentSourceRow;
  items: DocumentItemRow[];
}

export async function readDocumentFacts(
  q: Queryable,
  type: DocumentType,
  id: number,
): Promise<DocumentFacts> {
  const source = await documentSource(q, type, id);
  if (!source) throw new AppError('NOT_FOUND', `${type} ${id} not found`);
  return { source, items: await documentItems(q, type, id) };
}

const unique = (xs: readonly string[]): string[] => [...new Set(xs)];

function listed(items: readonly DocumentItemRow[], mixed: boolean): ListedNominee[] {
  return items.map((i) => ({
    name: i.nominee_name,
    kind: i.nominee_kind === 'collective' ? 'collective' : 'person',
    position: i.nominee_position ? `${i.nominee_position}, ${i.unit_name}` : i.unit_name,
    award: i.award_name ?? i.award_code,
    note: mixed ? (i.award_name ?? i.award_code) : '',
  }));
}

/** The draft's signer: the department's director in their own name (the real one is known at SIGN). */
export async function draftSigner(q: Queryable): Promise<ResolvedSigner> {
  const name = await defaultSignerName(q);
  return { mode: 'own', principal: 'Giám đốc', name: printedName(name ?? 'Giám đốc') };
}

/**
 * The document model from the records: the decision (Quyết định khen thưởng) or the proposal to the
 * province (Tờ trình) with its annex. `number`/`date` null: the draft (blank number and date).
 */
export function documentModel(
  type: DocumentType,
  facts: DocumentFacts,
  settings: DocumentSettings,
  o: { number: number | null; date: string | null; year: number; signer: ResolvedSigner },
): OfficialDocument {
  const { source, items } = facts;
  if (items.length === 0) throw new AppError('TRANSITION_NOT_ALLOWED', `the ${type} lists no nomination`);
  const awards = unique(items.map((i) => i.award_name ?? i.award_code));
  const mixed = awards.length > 1;
  const awardName = awards.join(', ');
  const issuer = {
    ...(settings.parent ? { parent: settings.parent.toLocaleUpperCase('vi') } : {}),
    name: source.issuer_name.toLocaleUpperCase('vi'),
    code: source.issuer_code,
    place: settings.place,
  };
  const achievement = `đã có thành tích xuất sắc trong phong trào thi đua năm ${o.year}`;
  const recipients = unique(items.map((i) => i.unit_name));
  if (type === 'decision') {
    const data: DecisionData = {
      issuer,
      number: o.number,
      date: o.date,
      year: o.year,
      authority: `Giám đốc ${source.issuer_name}`,
      awardName,
      achievement,
      grounds: settings.grounds,
      proposedBy: `Xét đề nghị của Chánh Văn phòng Sở và Hội đồng Thi đua - Khen thưởng Sở`,
      awardees: listed(items, mixed),
      executors: `Chánh Văn phòng Sở, Thủ trưởng ${recipients.join(', ')} và các cá nhân, tập thể có tên tại Điều 1`,
      recipients: ['Như Điều 3', 'Lưu: VT, VP.'],
      signer: o.signer,
    };
    return decisionDocument(data);
  }
  const data: ProposalData = {
    issuer,
    number: o.number,
    date: o.date,
    year: o.year,
    addressee: settings.addressee,
    awardName,
    issuerShortName: source.issuer_name,
    grounds: [
      `${settings.grounds.join('; ')};`,
      `Căn cứ kết quả xét duyệt của Hội đồng Thi đua - Khen thưởng ${source.issuer_name}, ${source.issuer_name} đề nghị khen thưởng các tập thể, cá nhân có tên trong danh sách kèm theo.`,
    ],
    achievement,
    nominees: listed(items, mixed),
    enclosed: [`Hồ sơ đề nghị khen thưởng của ${items.length} trường hợp`],
    recipients: ['Như trên', 'Lưu: VT, VP.'],
    signer: o.signer,
  };
  return proposalDocument(data);
}
