import { z } from 'zod';
import { tallyVote } from '../../domain/council';
import { heading, officialDocument, para, runs, type OfficialDocument } from '../model/document.model';
import { requiredTextSchema, textSchema } from '../model/text';
import { documentHeadSchema, signatory, signerDataSchema } from './common';

/** The council's minutes (Biên bản họp Hội đồng Thi đua - Khen thưởng): attendance, quorum, each vote. */
export const minutesDataSchema = documentHeadSchema.extend({
  /** `Hội đồng Thi đua - Khen thưởng Sở Nội vụ`. */
  councilName: requiredTextSchema,
  /** `14 giờ 00 phút, ngày 03 tháng 12 năm 2026`. */
  startedAt: requiredTextSchema,
  endedAt: requiredTextSchema,
  /** `Phòng họp tầng 2, Sở Nội vụ`. */
  place: requiredTextSchema,
  members: z
    .array(
      z.object({
        name: requiredTextSchema,
        /** `Giám đốc Sở - Chủ tịch Hội đồng`. */
        role: requiredTextSchema,
        present: z.boolean(),
        /** Why absent: `đi công tác`. */
        reason: textSchema.optional(),
      }),
    )
    .min(1),
  /** The share of all members a nomination needs (0.7 for 70%). */
  threshold: z.number().gt(0).max(1),
  /** What was considered: `Xét đề nghị khen thưởng phong trào thi đua năm 2026`. */
  agenda: requiredTextSchema,
  votes: z.array(
    z.object({
      nominee: requiredTextSchema,
      award: requiredTextSchema,
      yes: z.number().int().min(0),
    }),
  ),
  /** Closing remarks and conclusions. */
  conclusions: z.array(requiredTextSchema).default([]),
  secretary: signerDataSchema,
  chair: signerDataSchema,
});
export type MinutesData = z.input<typeof minutesDataSchema>;

const pct = (share: number): string => `${(Math.round(share * 1000) / 10).toFixed(1).replace('.', ',')}%`;

export function minutesDocument(input: MinutesData): OfficialDocument {
  const d = minutesDataSchema.parse(input);
  const total = d.members.length;
  const present = d.members.filter((m) => m.present);
  const absent = d.members.filter((m) => !m.present);
  const tallies = d.votes.map((v) => ({
    ...v,
    tally: tallyVote({ membersTotal: total, present: present.length, yes: v.yes }, d.threshold),
  }));
  const quorum = tallies[0]?.tally.quorum ?? present.length * 3 >= total * 2;
  const passed = tallies.filter((t) => t.tally.passed).length;
  return officialDocument({
    kind: 'minutes',
    type: 'BB',
    issuer: d.issuer,
    number: d.number,
    date: d.date,
    year: d.year,
    title: 'BIÊN BẢN',
    subject: [`Họp ${d.councilName}`],
    body: [
      para(`Thời gian: ${d.startedAt}.`),
      para(`Địa điểm: ${d.place}.`),
      heading('I. THÀNH PHẦN THAM DỰ'),
      para(`Tổng số thành viên Hội đồng: ${total}; có mặt: ${present.length}; vắng mặt: ${absent.length}.`),
      ...present.map((m, i) => para(`${i + 1}. ${m.name} - ${m.role};`, { indent: true })),
      ...(absent.length > 0
        ? [
            para('Vắng mặt:'),
            ...absent.map((m) => para(`- ${m.name} - ${m.role}${m.reason ? ` (${m.reason})` : ''};`)),
          ]
        : []),
      runs([
        {
          text: quorum
            ? `Số thành viên có mặt (${present.length}/${total}) bảo đảm từ hai phần ba tổng số thành viên Hội đồng trở lên; cuộc họp đủ điều kiện tiến hành.`
            : `Số thành viên có mặt (${present.length}/${total}) chưa đủ hai phần ba tổng số thành viên Hội đồng; cuộc họp không đủ điều kiện biểu quyết.`,
          italic: true,
        },
      ]),
      heading('II. NỘI DUNG'),
      para(`${d.agenda}.`),
      para(
        `Hội đồng biểu quyết bằng phiếu kín; một đề nghị được thông qua khi số phiếu đồng ý đạt từ ${pct(d.threshold)} tổng số thành viên Hội đồng trở lên. Kết quả:`,
      ),
      {
        type: 'table',
        table: {
          columns: [
            { header: 'STT', width: 0.6, align: 'center' },
            { header: 'Tập thể, cá nhân', width: 2.6 },
            { header: 'Hình thức khen thưởng', width: 2.2 },
            { header: 'Đồng ý', width: 0.9, align: 'center' },
            { header: 'Tỷ lệ', width: 0.9, align: 'center' },
            { header: 'Kết quả', width: 1.3, align: 'center' },
          ],
          rows: tallies.map((t, i) => [
            String(i + 1),
            t.nominee,
            t.award,
            `${t.yes}/${total}`,
            pct(t.tally.share),
            t.tally.passed ? 'Thông qua' : 'Không thông qua',
          ]),
        },
      },
      heading('III. KẾT LUẬN'),
      para(
        `Hội đồng thống nhất đề nghị khen thưởng ${passed}/${tallies.length} trường hợp đạt tỷ lệ phiếu theo quy định.`,
      ),
      ...d.conclusions.map((c) => para(c)),
      para(
        `Cuộc họp kết thúc vào ${d.endedAt}. Biên bản đã được thông qua trước Hội đồng và các thành viên dự họp nhất trí./.`,
      ),
    ],
    recipients: [],
    signatories: [signatory(d.secretary), signatory(d.chair)],
  });
}
