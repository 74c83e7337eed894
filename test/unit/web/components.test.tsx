/* eslint-disable @typescript-eslint/no-explicit-any -- fixtures are JSON, checked by the rendering itself */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionComponent } from 'preact';
import { render } from 'preact-render-to-string';
import * as c from '../../../src/web/components';
import { normalizeHtml } from '../../helpers/html';

/**
 * Our components against the `fixtures.json` that ship with govuk-frontend: every fixture whose options
 * our components take (text, not raw HTML strings; no Nunjucks `caller` or slots) must render the same
 * DOM as the official template did. A component's markup cannot drift from GOV.UK's without this failing.
 */
const fixturesDir = join(__dirname, '../../../node_modules/govuk-frontend/dist/govuk/components');

interface Fixture {
  name: string;
  options: Record<string, any>;
  html: string;
  hidden?: boolean;
}

/** Options our components do not take (raw HTML, Nunjucks-only features), anywhere in a fixture. */
const commonUnsupported = [
  'html',
  'titleHtml',
  'descriptionHtml',
  'summaryHtml',
  'logoHtml',
  'caller',
  'slots',
  'beforeInput',
  'afterInput',
  'beforeInputs',
  'afterInputs',
  'inputWrapper',
  'conditional',
  'javascript',
  'element',
  'describedBy',
];

interface Case {
  component: FunctionComponent<any>;
  /** More option keys this component does not take. */
  unsupported?: string[];
  /** At least this many fixtures must be checked (so coverage cannot silently drop to nothing). */
  min: number;
  /** Fixtures that differ for a reason written here. */
  skip?: Record<string, string>;
}

const cases: Record<string, Case> = {
  label: { component: c.Label, min: 8 },
  hint: { component: c.Hint, min: 2 },
  'error-message': { component: c.ErrorMessage, min: 4 },
  fieldset: { component: c.Fieldset, min: 8 },
  input: { component: c.Input, min: 20 },
  textarea: { component: c.Textarea, min: 8 },
  select: { component: c.Select, min: 8 },
  radios: { component: c.Radios, min: 15 },
  checkboxes: { component: c.Checkboxes, min: 15 },
  'date-input': { component: c.DateInput, unsupported: ['day', 'month', 'year'], min: 15 },
  'file-upload': { component: c.FileUpload, min: 5 },
  button: { component: c.Button, min: 15 },
  'error-summary': { component: c.ErrorSummary, min: 5 },
  'summary-list': { component: c.SummaryList, min: 10 },
  table: { component: c.Table, min: 5 },
  tag: { component: c.Tag, min: 8 },
  'notification-banner': { component: c.NotificationBanner, min: 8 },
  'inset-text': { component: c.InsetText, min: 2 },
  details: { component: c.Details, min: 3 },
  pagination: { component: c.Pagination, min: 8 },
  'task-list': { component: c.TaskList, min: 4 },
  'back-link': { component: c.BackLink, min: 3 },
  breadcrumbs: { component: c.Breadcrumbs, min: 5 },
  'service-navigation': { component: c.ServiceNavigation, min: 8 },
  'generic-header': { component: c.GenericHeader, min: 2 },
  'skip-link': { component: c.SkipLink, min: 2 },
};

function usesAny(v: unknown, keys: readonly string[]): string | null {
  if (Array.isArray(v)) {
    for (const x of v) {
      const k = usesAny(x, keys);
      if (k) return k;
    }
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (keys.includes(k)) return k;
      const inner = usesAny(x, keys);
      if (inner) return inner;
    }
  }
  return null;
}

const checked: Record<string, number> = {};

describe.each(Object.entries(cases))('%s matches govuk-frontend fixtures', (name, kase) => {
  const { fixtures } = JSON.parse(readFileSync(join(fixturesDir, name, 'fixtures.json'), 'utf8')) as {
    fixtures: Fixture[];
  };
  const usable = fixtures.filter(
    (f) => !usesAny(f.options, [...commonUnsupported, ...(kase.unsupported ?? [])]) && !kase.skip?.[f.name],
  );

  test.each(usable.map((f) => [f.name, f] as const))('%s', (_n, f) => {
    const Component = kase.component;
    const ours = render(<Component {...f.options} />);
    expect(normalizeHtml(ours)).toEqual(normalizeHtml(f.html));
    checked[name] = (checked[name] ?? 0) + 1;
  });

  test(`checks at least ${kase.min} fixtures`, () => {
    expect(usable.length).toBeGreaterThanOrEqual(kase.min);
  });
});
