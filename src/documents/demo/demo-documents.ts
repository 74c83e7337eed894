import type { DecisionData } from '../builders/decision.document';
import type { MinutesData } from '../builders/minutes.document';
import type { NoticeData } from '../builders/notice.document';
import type { PlanData } from '../builders/plan.document';
import type { ProposalData } from '../builders/proposal.document';
import type { CertificateData } from '../builders/certificate.document';

/**
 * Plain data for every document type, written for the demo and the tests (names invented; the plan
 * follows the structure of a real plan, not its sentences). `count` sets the length of the lists.
 */
export const demoIssuer = {
  parent: 'UBND TỈNH BẮC NINH',
  name: 'SỞ NỘI VỤ',
  code: 'SNV',
  place: 'Bắc Ninh',
};

const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý'];
const middle = ['Thị', 'Văn', 'Hữu', 'Đức', 'Thị Thu', 'Minh', 'Quốc', 'Ngọc', 'Thanh', 'Xuân'];
const given = [
  'Hằng',
  'Quyết',
  'Dũng',
  'Hương',
  'Tuấn',
  'Lan',
  'Thắng',
  'Yến',
  'Phượng',
  'Cường',
  'Hiếu',
  'Nguyệt',
];
const rooms = [
  'Phòng Tổ chức, biên chế và tổ chức phi chính phủ',
  'Phòng Xây dựng chính quyền và công tác thanh niên',
  'Phòng Cải cách hành chính',
  'Văn phòng Sở',
  'Ban Thi đua - Khen thưởng',
  'Chi cục Văn thư - Lưu trữ',
];
const positions = ['Chuyên viên', 'Phó Trưởng phòng', 'Trưởng phòng', 'Chuyên viên chính', 'Văn thư'];

export function demoPeople(count: number): { name: string; position: string; female: boolean }[] {
  return Array.from({ length: count }, (_, i) => {
    const m = middle[(i * 7) % middle.length] as string;
    const female = m.startsWith('Thị') || m === 'Ngọc' || i % 5 === 0;
    return {
      name: `${family[i % family.length]} ${m} ${given[(i * 5) % given.length]}`,
      position: `${positions[i % positions.length]} ${rooms[(i * 3) % rooms.length]}`,
      female,
    };
  });
}

const director = {
  mode: 'KT' as const,
  principal: 'Giám đốc',
  ownTitle: 'Phó Giám đốc',
  name: 'Nguyễn Văn Quyết',
};

export function demoDecision(count = 12, signed = true): DecisionData {
  return {
    issuer: demoIssuer,
    number: signed ? 5 : null,
    date: signed ? '2026-12-05' : null,
    year: 2026,
    authority: 'Giám đốc Sở Nội vụ',
    awardName: 'Giấy khen của Giám đốc Sở Nội vụ',
    achievement: 'đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2026',
    grounds: [
      'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022',
      'Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng',
      'Căn cứ Quyết định số 12/2024/QĐ-UBND ngày 20 tháng 3 năm 2024 của Ủy ban nhân dân tỉnh Bắc Ninh ban hành Quy chế thi đua, khen thưởng',
    ],
    proposedBy: 'Xét đề nghị của Chánh Văn phòng Sở và Hội đồng Thi đua - Khen thưởng Sở',
    awardees: demoPeople(count).map((p) => ({
      name: `${p.female ? 'Bà' : 'Ông'} ${p.name}`,
      position: `${p.position}, Sở Nội vụ`,
    })),
    reward:
      'Mỗi cá nhân được tặng Giấy khen kèm theo tiền thưởng bằng 0,3 lần mức lương cơ sở, trích từ Quỹ thi đua, khen thưởng của Sở.',
    executors: 'Chánh Văn phòng Sở, Trưởng các phòng, đơn vị thuộc Sở và các cá nhân có tên tại Điều 1',
    recipients: ['Như Điều 3', 'Ban Thi đua - Khen thưởng tỉnh (b/c)', 'Lưu: VT, VP.'],
    signer: director,
  };
}

export function demoProposal(count = 12, signed = true): ProposalData {
  return {
    issuer: demoIssuer,
    number: signed ? 17 : null,
    date: signed ? '2026-12-08' : null,
    year: 2026,
    addressee: 'Ủy ban nhân dân tỉnh Bắc Ninh',
    awardName: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
    issuerShortName: 'Sở Nội vụ',
    grounds: [
      'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;',
      'Năm 2026, các tập thể, cá nhân thuộc Sở Nội vụ đã hoàn thành xuất sắc nhiệm vụ được giao; Hội đồng Thi đua - Khen thưởng Sở đã họp xét ngày 03 tháng 12 năm 2026 và thống nhất đề nghị khen thưởng.',
    ],
    achievement: 'đã có thành tích xuất sắc trong phong trào thi đua năm 2026',
    nominees: [
      { name: 'Phòng Cải cách hành chính', kind: 'collective', position: 'Sở Nội vụ' },
      ...demoPeople(count - 1).map((p) => ({
        name: `${p.female ? 'Bà' : 'Ông'} ${p.name}`,
        position: `${p.position}, Sở Nội vụ`,
      })),
    ],
    enclosed: [
      `Biên bản họp Hội đồng Thi đua - Khen thưởng Sở`,
      `Hồ sơ đề nghị khen thưởng của ${count} trường hợp`,
    ],
    recipients: ['Như trên', 'Ban Thi đua - Khen thưởng tỉnh', 'Lưu: VT, VP.'],
    signer: { mode: 'own', principal: 'Giám đốc', name: 'Trần Thị Thu Hương' },
  };
}

export function demoMinutes(): MinutesData {
  const people = demoPeople(9);
  return {
    issuer: {
      parent: 'SỞ NỘI VỤ TỈNH BẮC NINH',
      name: 'HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG',
      code: 'HĐTĐKT',
      place: 'Bắc Ninh',
    },
    number: 3,
    date: '2026-12-03',
    year: 2026,
    councilName: 'Hội đồng Thi đua - Khen thưởng Sở Nội vụ',
    startedAt: '14 giờ 00 phút, ngày 03 tháng 12 năm 2026',
    endedAt: '16 giờ 30 phút cùng ngày',
    place: 'Phòng họp tầng 2, trụ sở Sở Nội vụ',
    members: people.map((p, i) => ({
      name: p.name,
      role:
        i === 0
          ? 'Giám đốc Sở - Chủ tịch Hội đồng'
          : i === 8
            ? 'Chuyên viên Văn phòng - Thư ký Hội đồng'
            : 'Ủy viên',
      present: i !== 4,
      reason: i === 4 ? 'đi công tác' : undefined,
    })),
    threshold: 0.7,
    agenda: 'Xét đề nghị khen thưởng tổng kết phong trào thi đua năm 2026 của các phòng, đơn vị thuộc Sở',
    votes: [
      { nominee: 'Phòng Cải cách hành chính', award: 'Tập thể Lao động xuất sắc', yes: 8 },
      { nominee: 'Bà Nguyễn Thị Hằng', award: 'Chiến sĩ thi đua cơ sở', yes: 8 },
      { nominee: 'Ông Trần Văn Quyết', award: 'Bằng khen của Chủ tịch UBND tỉnh', yes: 7 },
      { nominee: 'Bà Lê Thị Thu Hương', award: 'Giấy khen của Giám đốc Sở', yes: 5 },
    ],
    conclusions: [
      'Giao Văn phòng Sở hoàn thiện hồ sơ, trình Giám đốc Sở quyết định khen thưởng theo thẩm quyền và trình Ủy ban nhân dân tỉnh đối với các hình thức vượt thẩm quyền.',
    ],
    secretary: { mode: 'own', principal: 'Thư ký', name: people[8]?.name ?? 'Thư ký' },
    chair: { mode: 'TM', principal: 'Hội đồng', ownTitle: 'Chủ tịch', name: people[0]?.name ?? 'Chủ tịch' },
  };
}

export function demoNotice(count = 12): NoticeData {
  return {
    issuer: demoIssuer,
    number: 21,
    date: '2026-11-25',
    year: 2026,
    campaign: 'phong trào thi đua năm 2026',
    issuerShortName: 'Sở Nội vụ',
    nominees: demoPeople(count).map((p, i) => ({
      name: `${p.female ? 'Bà' : 'Ông'} ${p.name}`,
      position: p.position,
      award: i % 3 === 0 ? 'Chiến sĩ thi đua cơ sở' : 'Lao động tiên tiến',
    })),
    commentsUntil: '2026-12-02',
    contact: 'Văn phòng Sở (bộ phận Thi đua - Khen thưởng), điện thoại 0222 3822 468',
    postedAt: 'Trang thông tin điện tử của Sở Nội vụ và bảng tin tại trụ sở Sở',
    signer: director,
  };
}

export function demoPlan(): PlanData {
  return {
    issuer: demoIssuer,
    number: 2,
    date: '2026-01-15',
    year: 2026,
    subject: 'Phát động phong trào thi đua năm 2026',
    grounds: [
      'Thực hiện Chỉ thị số 01/CT-UBND ngày 08/01/2026 của Ủy ban nhân dân tỉnh Bắc Ninh về việc phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2026;',
      'Nhằm cổ vũ tinh thần chủ động, sáng tạo của công chức, viên chức và người lao động, Sở Nội vụ xây dựng Kế hoạch phát động phong trào thi đua năm 2026 như sau:',
    ],
    theme: 'Kỷ cương, chủ động, sáng tạo, phục vụ Nhân dân',
    slogan: 'Mỗi công chức một sáng kiến, mỗi phòng một mô hình hay',
    sections: [
      {
        heading: 'Mục đích, yêu cầu',
        items: [
          '1. Tạo khí thế thi đua sôi nổi, rộng khắp trong toàn Sở, góp phần hoàn thành xuất sắc nhiệm vụ chính trị năm 2026.',
          '2. Phong trào thi đua phải thiết thực, có tiêu chí cụ thể, gắn với nhiệm vụ chuyên môn của từng phòng, đơn vị; việc khen thưởng bảo đảm chính xác, công khai, công bằng, kịp thời.',
        ],
      },
      {
        heading: 'Nội dung thi đua',
        items: [
          {
            heading: 'Nội dung trọng tâm',
            paragraphs: [
              '- Đẩy mạnh cải cách hành chính, chuyển đổi số; giải quyết đúng hạn 100% hồ sơ thủ tục hành chính thuộc thẩm quyền của Sở.',
              '- Phát hiện, bồi dưỡng và nhân rộng các điển hình tiên tiến, các mô hình mới, cách làm hay trong từng phòng, đơn vị.',
            ],
          },
        ],
      },
      {
        heading: 'Tổ chức thực hiện',
        items: [
          '1. Các phòng, đơn vị thuộc Sở tổ chức đăng ký thi đua, gửi bản đăng ký về Văn phòng Sở trước ngày 15/02/2026.',
          '2. Văn phòng Sở (bộ phận Thi đua - Khen thưởng) theo dõi, đôn đốc, tổng hợp kết quả, tham mưu Hội đồng Thi đua - Khen thưởng Sở sơ kết, tổng kết và đề xuất khen thưởng.',
        ],
      },
    ],
    closing:
      'Trên đây là Kế hoạch phát động phong trào thi đua năm 2026 của Sở Nội vụ; đề nghị các phòng, đơn vị nghiêm túc triển khai thực hiện./.',
    recipients: [
      'Ban Thi đua - Khen thưởng tỉnh',
      'Ban Giám đốc Sở',
      'Các phòng, đơn vị thuộc Sở',
      'Phòng Nội vụ các huyện, thị xã, thành phố',
      'Lưu: VT, VP.',
    ],
    signer: { mode: 'own', principal: 'Giám đốc', name: 'Trần Thị Thu Hương' },
  };
}

export function demoCertificates(count = 3): CertificateData {
  return {
    issuer: demoIssuer,
    title: 'GIẤY KHEN',
    grantor: 'Giám đốc Sở Nội vụ tỉnh Bắc Ninh',
    decision: { symbol: '05/QĐ-SNV', date: '2026-12-05' },
    date: '2026-12-05',
    signer: { mode: 'KT', principal: 'Giám đốc', ownTitle: 'Phó Giám đốc', name: 'Nguyễn Văn Quyết' },
    awardees: demoPeople(count).map((p, i) => ({
      name: `${p.female ? 'Bà' : 'Ông'} ${p.name}`,
      position: `${p.position}, Sở Nội vụ`,
      citation: 'Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2026',
      register: `${String(i + 1).padStart(3, '0')}/GK`,
    })),
  };
}
