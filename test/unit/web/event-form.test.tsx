import { render } from 'preact-render-to-string';
import { z } from 'zod';
import { nominationEvents } from '../../../machines/nomination.machine';
import { dossierEvents } from '../../../machines/dossier.machine';
import { WorkingCalendar } from '../../../src/domain/calendar';
import { describeFields, EventFields, parseEventFields, realDate } from '../../../src/web/event-form';
import { messages } from '../../../src/web/i18n';

const m = messages('vi');
const cal = new WorkingCalendar(new Map(), 'Asia/Ho_Chi_Minh');

describe('the generic event form, from the zod payload', () => {
  test('field kinds', () => {
    expect(describeFields(dossierEvents.REQUEST_SUPPLEMENT.payload)).toEqual([
      { name: 'reason', kind: 'textarea', optional: false, min: 1, max: 4000 },
      { name: 'dueAt', kind: 'datetime', optional: true },
    ]);
    expect(
      describeFields(nominationEvents.APPRAISE.payload)?.map(
        (f) => `${f.name}:${f.kind}${f.optional ? '?' : ''}`,
      ),
    ).toEqual(['eligible:boolean', 'reason:textarea?', 'overrideReason:textarea?']);
    expect(describeFields(nominationEvents.RECORD_PROVINCE_RESULT.payload)?.[0]).toEqual({
      name: 'outcome',
      kind: 'enum',
      optional: false,
      options: ['approved', 'rejected', 'returned'],
    });
    expect(describeFields(nominationEvents.RECORD_VOTE.payload)?.[0]).toEqual({
      name: 'membersTotal',
      kind: 'integer',
      optional: false,
      min: 1,
      max: 1000,
    });
    expect(describeFields(z.object({ signingPassword: z.string() }))?.[0]?.kind).toBe('password');
    expect(describeFields(nominationEvents.DOSSIER_ACCEPTED.payload)).toBeNull(); // an object: not for a person's form
  });

  test('parsing: values typed, Vietnamese messages, nothing invented for empty optional fields', () => {
    const specs = describeFields(dossierEvents.REQUEST_SUPPLEMENT.payload)!;
    expect(parseEventFields(specs, { reason: '  Thiếu biên bản  ' }, cal, m)).toEqual({
      payload: { reason: 'Thiếu biên bản' },
      errors: [],
    });
    expect(
      parseEventFields(
        specs,
        { reason: 'x', 'dueAt-day': '9', 'dueAt-month': '3', 'dueAt-year': '2026' },
        cal,
        m,
      ).payload,
    ).toEqual({
      reason: 'x',
      dueAt: '2026-03-09T17:00:00.000Z', // the end of 9 March in Hà Nội
    });
    expect(
      parseEventFields(specs, { 'dueAt-day': '30', 'dueAt-month': '2', 'dueAt-year': '2026' }, cal, m).errors,
    ).toEqual([
      { field: 'reason', href: 'reason', text: 'Nhập lý do' },
      { field: 'dueAt', href: 'dueAt-day', text: 'Hạn bổ sung phải là một ngày có thật' },
    ]);
    const vote = describeFields(nominationEvents.RECORD_VOTE.payload)!;
    expect(
      parseEventFields(vote, { membersTotal: '9', present: 'bảy', yes: '1001' }, cal, m).errors.map(
        (e) => e.text,
      ),
    ).toEqual(['Số thành viên có mặt phải là một số nguyên', 'Số phiếu đồng ý không được lớn hơn 1000']);
    const appraise = describeFields(nominationEvents.APPRAISE.payload)!;
    expect(parseEventFields(appraise, { eligible: 'false', reason: 'Chưa đủ' }, cal, m).payload).toEqual({
      eligible: false,
      reason: 'Chưa đủ',
    });
    expect(parseEventFields(appraise, {}, cal, m).errors[0]?.text).toBe('Chọn đủ điều kiện khen thưởng?');
  });

  test('real dates only', () => {
    expect(realDate('29', '2', '2028')).toBe('2028-02-29');
    expect(realDate('29', '2', '2027')).toBeNull();
    expect(realDate('1', '13', '2026')).toBeNull();
    expect(realDate('01', '1', '26')).toBeNull();
  });

  test('controls keep what was typed, escaped', () => {
    const specs = describeFields(dossierEvents.REQUEST_SUPPLEMENT.payload)!;
    const html = render(
      <EventFields
        specs={specs}
        values={{ reason: '</textarea><script>x</script>', 'dueAt-day': '31' }}
        errors={[]}
        m={m}
      />,
    );
    expect(html).toContain('&lt;/textarea>&lt;script>x&lt;/script></textarea>');
    expect(html).toContain('name="dueAt-day" type="text" value="31"');
    expect(html).toContain('Hạn bổ sung (không bắt buộc)');
  });
});
