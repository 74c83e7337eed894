import { render } from 'preact-render-to-string';
import { BarChart, LineChart, niceMax } from '../../../src/web/components';

const text = {
  title: 'Số đề nghị theo trạng thái',
  description: 'Thẩm định có nhiều đề nghị nhất (12).',
  viewTable: 'Xem dạng bảng',
  categoryHeading: 'Trạng thái',
  valueHeading: 'Số lượng',
};
const data = [
  { label: 'Thẩm định', value: 12 },
  { label: 'Chờ Giám đốc duyệt', value: 3 },
  { label: '<b>Đã khen</b>', value: 1200 },
];

describe('server-drawn SVG charts', () => {
  test('a bar chart is an image with a title and a description, with its figures in a table', () => {
    const html = render(<BarChart id="by-state" data={data} text={text} />);
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-labelledby="by-state-title by-state-desc"');
    expect(html).toContain('<title id="by-state-title">Số đề nghị theo trạng thái</title>');
    expect(html).toContain('<desc id="by-state-desc">Thẩm định có nhiều đề nghị nhất (12).</desc>');
    expect(html).toContain('<span class="govuk-details__summary-text">Xem dạng bảng</span>');
    expect(html.match(/<tr class="govuk-table__row">/g)).toHaveLength(4); // head + 3 rows
    expect(html).toContain('1.200'); // Vietnamese thousands separator
    // Labels are text: no markup gets through.
    expect(html).toContain('&lt;b>Đã khen&lt;/b>');
    expect(html).not.toContain('<b>');
  });

  test('bars are proportional to their values on a nice scale', () => {
    expect([niceMax(0), niceMax(7), niceMax(12), niceMax(1200), niceMax(5001)]).toEqual([
      1, 10, 20, 2000, 10000,
    ]);
    const html = render(
      <BarChart
        id="c"
        data={[
          { label: 'a', value: 5 },
          { label: 'b', value: 10 },
        ]}
        text={text}
      />,
    );
    const widths = [...html.matchAll(/<rect class="app-chart__bar"[^>]*width="(\d+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(widths[1]).toBe(2 * widths[0]!);
  });

  test('a line chart: one point per category, the same table beside it', () => {
    const months = ['T1', 'T2', 'T3', 'T4'].map((label, i) => ({ label, value: [2, 5, 3, 8][i]! }));
    const html = render(
      <LineChart id="trend" data={months} text={{ ...text, title: 'Quá hạn theo tháng' }} />,
    );
    expect(html.match(/<circle /g)).toHaveLength(4);
    expect(html).toContain('<polyline class="app-chart__line"');
    expect(html).toContain('<title id="trend-title">Quá hạn theo tháng</title>');
    expect(html.match(/<td class="govuk-table__cell govuk-table__cell--numeric">/g)).toHaveLength(4);
  });
});
