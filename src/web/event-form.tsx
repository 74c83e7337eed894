import type { z } from 'zod';
import type { WorkingCalendar } from '../domain/calendar';
import { DateInput, Input, Radios, Textarea } from './components';
import type { FieldError, Fields } from './forms';
import { errorFor } from './forms';
import type { Catalogue } from './i18n';

/**
 * The generic form of an event, built from its zod payload schema (the machine's own): a long text
 * (reasons) → textarea, a short one → input, a boolean → yes/no radios, an enum → radios, an integer →
 * numeric input, a date or a date-time → GOV.UK date input (a date-time deadline ends with its day in the
 * business time zone). Labels and hints come from the catalogue (`event.fields.<name>`). The form's own
 * checks give Vietnamese messages; the engine validates the payload again, whatever the form did.
 */
export type FieldKind =
  'text' | 'textarea' | 'password' | 'boolean' | 'enum' | 'integer' | 'date' | 'datetime';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  optional: boolean;
  options?: string[];
  min?: number;
  max?: number;
}

interface Introspectable {
  def: { type: string };
  format?: string | null;
  minLength?: number | null;
  maxLength?: number | null;
  minValue?: number | null;
  maxValue?: number | null;
  options?: readonly string[];
  unwrap?: () => Introspectable;
}

/** The fields of a payload schema; null when one is of a kind the generic form cannot ask for. */
export function describeFields(schema: z.ZodObject): FieldSpec[] | null {
  const out: FieldSpec[] = [];
  for (const [name, raw] of Object.entries(schema.shape)) {
    let s = raw as Introspectable;
    let optional = false;
    while ((s.def.type === 'optional' || s.def.type === 'default') && s.unwrap) {
      optional = true;
      s = s.unwrap();
    }
    const bounds = (min: number | null | undefined, max: number | null | undefined) => ({
      ...(typeof min === 'number' && Number.isFinite(min) ? { min } : {}),
      ...(typeof max === 'number' && Number.isFinite(max) ? { max } : {}),
    });
    switch (s.def.type) {
      case 'string': {
        const kind: FieldKind =
          s.format === 'date'
            ? 'date'
            : s.format === 'datetime'
              ? 'datetime'
              : /password/i.test(name)
                ? 'password'
                : (s.maxLength ?? Infinity) > 200
                  ? 'textarea'
                  : 'text';
        out.push({ name, kind, optional, ...bounds(s.minLength, s.maxLength) });
        break;
      }
      case 'boolean':
        out.push({ name, kind: 'boolean', optional });
        break;
      case 'enum':
        out.push({ name, kind: 'enum', optional, options: [...(s.options ?? [])] });
        break;
      case 'number':
        out.push({ name, kind: 'integer', optional, ...bounds(s.minValue, s.maxValue) });
        break;
      default:
        return null;
    }
  }
  return out;
}

export const labelOf = (m: Catalogue, name: string): string => m.event.fields[name] ?? name;

/** The form's controls, with the submitted values and errors kept (nothing typed is lost). */
export function EventFields({
  specs,
  values,
  errors,
  m,
}: {
  specs: FieldSpec[];
  values: Fields;
  errors: FieldError[];
  m: Catalogue;
}) {
  return (
    <>
      {specs.map((f) => {
        const label = `${labelOf(m, f.name)}${f.optional ? ` ${m.event.optional}` : ''}`;
        const hint = m.event.hints[f.name] ? { text: m.event.hints[f.name] } : undefined;
        const errorMessage = errorFor(errors, f.name);
        switch (f.kind) {
          case 'textarea':
            return (
              <Textarea
                name={f.name}
                id={f.name}
                label={{ text: label, classes: 'govuk-label--s' }}
                hint={hint}
                value={values[f.name] ?? ''}
                errorMessage={errorMessage}
                rows={4}
              />
            );
          case 'text':
          case 'password':
            return (
              <Input
                name={f.name}
                id={f.name}
                type={f.kind === 'password' ? 'password' : 'text'}
                label={{ text: label, classes: 'govuk-label--s' }}
                hint={hint}
                value={f.kind === 'password' ? undefined : (values[f.name] ?? '')}
                errorMessage={errorMessage}
                classes="govuk-!-width-two-thirds"
              />
            );
          case 'integer':
            return (
              <Input
                name={f.name}
                id={f.name}
                inputmode="numeric"
                spellcheck={false}
                label={{ text: label, classes: 'govuk-label--s' }}
                hint={hint}
                value={values[f.name] ?? ''}
                errorMessage={errorMessage}
                classes="govuk-input--width-5"
              />
            );
          case 'boolean':
          case 'enum': {
            const options = f.kind === 'boolean' ? ['true', 'false'] : (f.options ?? []);
            const text = (o: string) =>
              f.kind === 'boolean' ? (o === 'true' ? m.common.yes : m.common.no) : (m.event.values[o] ?? o);
            return (
              <Radios
                name={f.name}
                idPrefix={f.name}
                fieldset={{ legend: { text: label, classes: 'govuk-fieldset__legend--s' } }}
                hint={hint}
                classes={f.kind === 'boolean' ? 'govuk-radios--inline' : undefined}
                items={options.map((o) => ({ value: o, text: text(o) }))}
                value={values[f.name]}
                errorMessage={errorMessage}
              />
            );
          }
          case 'date':
          case 'datetime':
            return (
              <DateInput
                id={f.name}
                namePrefix={f.name}
                fieldset={{ legend: { text: label, classes: 'govuk-fieldset__legend--s' } }}
                hint={hint}
                values={{
                  [`${f.name}-day`]: values[`${f.name}-day`],
                  [`${f.name}-month`]: values[`${f.name}-month`],
                  [`${f.name}-year`]: values[`${f.name}-year`],
                }}
                errorMessage={errorMessage}
              />
            );
        }
      })}
    </>
  );
}

/** The controls' first element ids (where the error summary links to). */
const hrefOf = (f: FieldSpec) => (f.kind === 'date' || f.kind === 'datetime' ? `${f.name}-day` : f.name);

/**
 * The submitted form as the event's payload, or the form's errors (in the page's language). Empty
 * optional fields are left out.
 */
export function parseEventFields(
  specs: FieldSpec[],
  values: Fields,
  calendar: WorkingCalendar,
  m: Catalogue,
): { payload: Record<string, unknown>; errors: FieldError[] } {
  const payload: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  const fail = (f: FieldSpec, text: string) => errors.push({ field: f.name, href: hrefOf(f), text });
  for (const f of specs) {
    const label = labelOf(m, f.name);
    if (f.kind === 'date' || f.kind === 'datetime') {
      const [d, mo, y] = ['day', 'month', 'year'].map((p) => (values[`${f.name}-${p}`] ?? '').trim());
      if (!d && !mo && !y) {
        if (!f.optional) fail(f, m.event.required(label));
        continue;
      }
      const iso = realDate(d!, mo!, y!);
      if (!iso) {
        fail(f, m.event.badDate(label));
        continue;
      }
      // A date-time deadline ends at the end of its day in the business time zone.
      payload[f.name] = f.kind === 'date' ? iso : calendar.endOfDay(iso).toISOString();
      continue;
    }
    const v = (values[f.name] ?? '').trim();
    if (v === '') {
      if (!f.optional)
        fail(f, f.kind === 'boolean' || f.kind === 'enum' ? m.event.choose(label) : m.event.required(label));
      continue;
    }
    switch (f.kind) {
      case 'boolean':
        if (v !== 'true' && v !== 'false') fail(f, m.event.choose(label));
        else payload[f.name] = v === 'true';
        break;
      case 'enum':
        if (!f.options?.includes(v)) fail(f, m.event.choose(label));
        else payload[f.name] = v;
        break;
      case 'integer': {
        if (!/^\d{1,9}$/.test(v)) {
          fail(f, m.event.notNumber(label));
          break;
        }
        const n = Number(v);
        if (f.min !== undefined && n < f.min) fail(f, m.event.tooSmall(label, f.min));
        else if (f.max !== undefined && n > f.max) fail(f, m.event.tooLarge(label, f.max));
        else payload[f.name] = n;
        break;
      }
      default:
        if (f.max !== undefined && v.length > f.max) fail(f, m.event.tooLong(label, f.max));
        else payload[f.name] = v;
    }
  }
  return { payload, errors };
}

/** YYYY-MM-DD of a real calendar date typed as day, month, year; else null. */
export function realDate(d: string, m: string, y: string): string | null {
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
  const [dd, mm, yy] = [Number(d), Number(m), Number(y)];
  const t = new Date(Date.UTC(yy, mm - 1, dd));
  if (t.getUTCFullYear() !== yy || t.getUTCMonth() !== mm - 1 || t.getUTCDate() !== dd) return null;
  return `${yy}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}
