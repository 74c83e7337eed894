import { Details, Table } from './content';

/**
 * Charts drawn as SVG on the server: no script, work printed and under the CSP. Each is an image with its
 * `<title>` and `<desc>` (`role="img"`, labelled by them), and its figures beside it in a real table
 * ("Xem dạng bảng"), as Thông tư 32/2017 and WCAG ask of charts. Colours come from the stylesheet
 * (`app-chart__*` classes), not from attributes.
 */
export interface ChartDatum {
  label: string;
  value: number;
}

export interface ChartText {
  /** The chart's title (its `<title>` and the table's caption). */
  title: string;
  /** One sentence saying what the chart shows (its `<desc>`). */
  description: string;
  viewTable: string;
  categoryHeading: string;
  valueHeading: string;
  /** How values are written (thousands separators of the page's language). */
  format?: (n: number) => string;
}

const W = 640;
const BAR_H = 28;
const GAP = 10;
const LABEL_W = 250;
/** Label lines: 14 px text, about 7 px a character; a label wraps at word boundaries onto at most 3 lines. */
const LINE_H = 16;
const LABEL_CHARS = Math.floor((LABEL_W - 12) / 7);
const LABEL_LINES = 3;

/**
 * A category label as the lines it is drawn on: words kept whole, at most {@link LABEL_LINES} lines of
 * about {@link LABEL_CHARS} characters, the last one ending in "…" when the label is longer still (the
 * whole label is the bar's tooltip and is in the table beside the chart).
 */
export function labelLines(label: string, chars = LABEL_CHARS, maxLines = LABEL_LINES): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.trim().split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= chars || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.slice(0, maxLines).map((l, i) => {
    // The last line shown says that more follows; a word longer than a line is cut.
    const more = i === maxLines - 1 && lines.length > maxLines;
    if (l.length > chars || (more && l.length >= chars)) return `${l.slice(0, chars - 1)}…`;
    return more ? `${l}…` : l;
  });
}
const VALUE_W = 60;

/** Rounded up to a "nice" axis maximum (1, 2, 5 × 10ⁿ). */
export function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function DataTable({ id, data, text }: { id: string; data: readonly ChartDatum[]; text: ChartText }) {
  const fmt = text.format ?? ((n: number) => n.toLocaleString('vi-VN'));
  return (
    <Details summaryText={text.viewTable} id={`${id}-table`}>
      <Table
        caption={text.title}
        captionClasses="govuk-table__caption--s"
        head={[{ text: text.categoryHeading }, { text: text.valueHeading, format: 'numeric' }]}
        rows={data.map((d) => [{ text: d.label }, { text: fmt(d.value), format: 'numeric' }])}
      />
    </Details>
  );
}

/** Horizontal bars: one per category, its value written at its end (long Vietnamese labels fit on the left). */
export function BarChart({ id, data, text }: { id: string; data: readonly ChartDatum[]; text: ChartText }) {
  const fmt = text.format ?? ((n: number) => n.toLocaleString('vi-VN'));
  const max = niceMax(Math.max(0, ...data.map((d) => d.value)));
  const plot = W - LABEL_W - VALUE_W;
  const rows = data.map((d) => {
    const lines = labelLines(d.label);
    return { d, lines, h: Math.max(BAR_H, lines.length * LINE_H + 4) };
  });
  const height = rows.reduce((sum, r) => sum + r.h + GAP, GAP);
  let y = GAP;
  return (
    <figure class="app-chart" id={id}>
      <svg
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${W} ${height}`}
        width={W}
        height={height}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
      >
        <title id={`${id}-title`}>{text.title}</title>
        <desc id={`${id}-desc`}>{text.description}</desc>
        <line class="app-chart__axis" x1={LABEL_W} y1={0} x2={LABEL_W} y2={height} />
        {rows.map(({ d, lines, h }) => {
          const top = y;
          y += h + GAP;
          const mid = top + h / 2;
          const w = Math.round((Math.max(0, d.value) / max) * plot);
          const firstLine = mid - ((lines.length - 1) * LINE_H) / 2;
          return (
            <g>
              <title>{`${d.label}: ${fmt(d.value)}`}</title>
              <text class="app-chart__label" text-anchor="end" dominant-baseline="middle">
                {lines.map((line, i) => (
                  <tspan x={LABEL_W - 8} y={firstLine + i * LINE_H}>
                    {line}
                  </tspan>
                ))}
              </text>
              <rect class="app-chart__bar" x={LABEL_W} y={mid - BAR_H / 2} width={w} height={BAR_H} />
              <text class="app-chart__value" x={LABEL_W + w + 6} y={mid} dominant-baseline="middle">
                {fmt(d.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable id={id} data={data} text={text} />
    </figure>
  );
}

/** A line over ordered categories (months, years), with points and a labelled value axis. */
export function LineChart({ id, data, text }: { id: string; data: readonly ChartDatum[]; text: ChartText }) {
  const fmt = text.format ?? ((n: number) => n.toLocaleString('vi-VN'));
  const H = 260;
  const left = 50;
  const right = 20;
  const top = 20;
  const bottom = 40;
  const max = niceMax(Math.max(0, ...data.map((d) => d.value)));
  const step = data.length > 1 ? (W - left - right) / (data.length - 1) : 0;
  const x = (i: number) => left + (data.length > 1 ? i * step : (W - left - right) / 2);
  const y = (v: number) => top + (H - top - bottom) * (1 - Math.max(0, v) / max);
  const ticks = [0, max / 2, max];
  return (
    <figure class="app-chart" id={id}>
      <svg
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${W} ${H}`}
        width={W}
        height={H}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
      >
        <title id={`${id}-title`}>{text.title}</title>
        <desc id={`${id}-desc`}>{text.description}</desc>
        {ticks.map((t) => (
          <g>
            <line class="app-chart__grid" x1={left} y1={y(t)} x2={W - right} y2={y(t)} />
            <text class="app-chart__label" x={left - 6} y={y(t)} text-anchor="end" dominant-baseline="middle">
              {fmt(t)}
            </text>
          </g>
        ))}
        <polyline class="app-chart__line" points={data.map((d, i) => `${x(i)},${y(d.value)}`).join(' ')} />
        {data.map((d, i) => (
          <g>
            <circle class="app-chart__point" cx={x(i)} cy={y(d.value)} r={4} />
            <text class="app-chart__label" x={x(i)} y={H - bottom + 20} text-anchor="middle">
              {d.label}
            </text>
          </g>
        ))}
      </svg>
      <DataTable id={id} data={data} text={text} />
    </figure>
  );
}
