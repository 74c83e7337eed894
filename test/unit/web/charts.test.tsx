import { render } from 'preact-render-to-string';
import { BarChart, LineChart, niceMax } from '../../../src/web/components';
import { labelLines } from '../../../src/web/components/charts';

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

  test('a long Vietnamese label wraps at word boundaries inside the label column, never cut on the left', () => {
    const long =
      'Bằng khen của Thủ tướng Chính phủ cho tập thể có thành tích xuất sắc trong phong trào thi đua yêu nước năm 2026';
    const lines = labelLines(long, 34, 3);
    expect(lines.length).toBeLessThanOrEqual(3);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(34);
    // Whole words, from the start: the beginning of the label is always shown.
    expect(lines[0]).toBe('Bằng khen của Thủ tướng Chính phủ');
    expect(lines.at(-1)!.endsWith('…')).toBe(true);
    expect(labelLines('Thẩm định', 34, 3)).toEqual(['Thẩm định']);
    expect(labelLines('Chiến sĩ thi đua cơ sở', 10, 3)).toEqual(['Chiến sĩ', 'thi đua cơ', 'sở']);

    const html = render(<BarChart id="l" data={[{ label: long, value: 3 }]} text={text} />);
    const tspans = [...html.matchAll(/<tspan x="(\d+)"[^>]*>([^<]*)<\/tspan>/g)];
    expect(tspans.map((m) => m[2])).toEqual(labelLines(long));
    // Right-aligned at the axis: drawn in the label column, the whole label in the bar's tooltip.
    expect(new Set(tspans.map((m) => m[1]))).toEqual(new Set(['242']));
    expect(html).toContain(`<title>${long}: 3</title>`);
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
