import { z } from 'zod';
import { officialDocument, para, type OfficialDocument } from '../model/document.model';
import { documentSymbol, shortDate } from '../model/symbol';
import { requiredTextSchema } from '../model/text';
import {
  countPhrase,
  documentHeadSchema,
  listedNomineeSchema,
  recipientLines,
  recipientsSchema,
  signatory,
  signerDataSchema,
} from './common';

/** The public notice (Thông báo công khai) of the list proposed for awards, before the council votes. */
export const noticeDataSchema = documentHeadSchema.extend({
  /** `phong trào thi đua năm 2026`. */
  campaign: requiredTextSchema,
  issuerShortName: requiredTextSchema,
  nominees: z.array(listedNomineeSchema).min(1),
  /** Comments are taken until (YYYY-MM-DD). */
  commentsUntil: z.string(),
  /** Where comments go: `Văn phòng Sở (Bộ phận Thi đua - Khen thưởng), điện thoại 0222.3822.xxx`. */
  contact: requiredTextSchema,
  /** Where it is posted: `trang thông tin điện tử của Sở và bảng tin tại trụ sở`. */
  postedAt: requiredTextSchema,
  recipients: recipientsSchema.default(['Các phòng, đơn vị thuộc Sở', 'Trang thông tin điện tử Sở']),
  signer: signerDataSchema,
});
export type NoticeData = z.input<typeof noticeDataSchema>;

export function noticeDocument(input: NoticeData): OfficialDocument {
  const d = noticeDataSchema.parse(input);
  const count = countPhrase(d.nominees);
  const symbol = documentSymbol(d.number, 'TB', d.issuer.code);
  const referenceDate = d.date === null ? '\u00a0'.repeat(10) : shortDate(d.date);
  return officialDocument({
    kind: 'notice',
    type: 'TB',
    issuer: d.issuer,
    number: d.number,
    date: d.date,
    year: d.year,
    title: 'THÔNG BÁO',
    subject: [`Công khai danh sách tập thể, cá nhân đề nghị khen thưởng ${d.campaign}`],
    body: [
      para(
        `Thực hiện quy định của Luật Thi đua, khen thưởng về công khai danh sách đề nghị khen thưởng, ${d.issuerShortName} thông báo công khai danh sách ${count} được đề nghị khen thưởng ${d.campaign} (có danh sách kèm theo).`,
      ),
      para(`Danh sách được niêm yết trên ${d.postedAt}.`),
      para(
        `Ý kiến góp ý, phản ánh (nếu có) gửi về ${d.contact} trước ngày ${shortDate(d.commentsUntil)}. Quá thời hạn trên, ${d.issuerShortName} sẽ trình Hội đồng Thi đua - Khen thưởng xem xét theo quy định.`,
      ),
      para(`${d.issuerShortName} thông báo để các tập thể, cá nhân biết, tham gia ý kiến./.`),
    ],
    recipients: recipientLines(d.recipients),
    signatories: [signatory(d.signer)],
    annex: {
      title: 'DANH SÁCH',
      subtitle: `Tập thể, cá nhân đề nghị khen thưởng ${d.campaign}`,
      reference: `(Kèm theo Thông báo số ${symbol} ngày ${referenceDate} của ${d.issuerShortName})`,
      table: {
        columns: [
          { header: 'STT', width: 0.7, align: 'center' },
          { header: 'Tên tập thể, cá nhân', width: 2.4 },
          { header: 'Chức vụ, đơn vị công tác', width: 3.0 },
          { header: 'Hình thức đề nghị', width: 1.9 },
        ],
        rows: d.nominees.map((n, i) => [String(i + 1), n.name, n.position, n.award]),
      },
      closing: `Danh sách có ${count}./.`,
    },
  });
}
