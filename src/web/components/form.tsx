import type { ComponentChildren } from 'preact';
import { attrs, type Attributes, type Common, cx, raw, useUiText } from './base';

/**
 * GOV.UK form components (govuk-frontend 6), with the macros' parameters. Each renders the markup of the
 * official template (checked against its fixtures.json in test/unit/web/components.test.tsx).
 */

interface TextParam extends Common {
  text?: string | undefined;
  children?: ComponentChildren;
}

export interface LabelParams extends TextParam {
  for?: string | undefined;
  isPageHeading?: boolean | undefined;
}

export function Label(p: LabelParams) {
  if (p.text === undefined && p.children === undefined) return null;
  const label = (
    <label class={cx('govuk-label', p.classes)} {...attrs(p.attributes)} for={p.for}>
      {p.text ?? p.children}
    </label>
  );
  return p.isPageHeading ? <h1 class="govuk-label-wrapper">{label}</h1> : label;
}

export interface HintParams extends TextParam {
  id?: string | undefined;
}

export function Hint(p: HintParams) {
  return (
    <div id={p.id} class={cx('govuk-hint', p.classes)} {...attrs(p.attributes)}>
      {p.text ?? p.children}
    </div>
  );
}

export interface ErrorMessageParams extends TextParam {
  id?: string | undefined;
  visuallyHiddenText?: string | false | undefined;
}

export function ErrorMessage(p: ErrorMessageParams) {
  const ui = useUiText();
  const hidden = p.visuallyHiddenText === undefined ? ui.errorPrefix : p.visuallyHiddenText;
  return (
    <p id={p.id} class={cx('govuk-error-message', p.classes)} {...attrs(p.attributes)}>
      {hidden ? <span class="govuk-visually-hidden">{hidden}:</span> : null}
      {hidden ? ' ' : null}
      {p.text ?? p.children}
    </p>
  );
}

export interface LegendParams {
  text?: string | undefined;
  classes?: string | undefined;
  isPageHeading?: boolean | undefined;
}

export interface FieldsetParams extends Common {
  legend?: LegendParams | undefined;
  describedBy?: string | undefined;
  role?: string | undefined;
  children?: ComponentChildren;
}

export function Fieldset(p: FieldsetParams) {
  return (
    <fieldset
      class={cx('govuk-fieldset', p.classes)}
      {...raw({ role: p.role })}
      aria-describedby={p.describedBy || undefined}
      {...attrs(p.attributes)}
    >
      {p.legend?.text ? (
        <legend class={cx('govuk-fieldset__legend', p.legend.classes)}>
          {p.legend.isPageHeading ? <h1 class="govuk-fieldset__heading">{p.legend.text}</h1> : p.legend.text}
        </legend>
      ) : null}
      {p.children}
    </fieldset>
  );
}

interface FormGroupParams {
  classes?: string | undefined;
  attributes?: Attributes | undefined;
}

interface FieldParams extends Common {
  id?: string | undefined;
  name: string;
  label?: Omit<LabelParams, 'for'> | undefined;
  hint?: HintParams | undefined;
  errorMessage?: ErrorMessageParams | false | undefined;
  formGroup?: FormGroupParams | undefined;
  describedBy?: string | undefined;
  disabled?: boolean | undefined;
  autocomplete?: string | undefined;
  spellcheck?: boolean | undefined;
}

/** The form group, label, hint and error message of a one-control field; `describedBy` is the control's. */
function field(p: FieldParams) {
  const id = p.id ?? p.name;
  let describedBy = p.describedBy ?? '';
  let hint = null;
  if (p.hint) {
    const hintId = `${id}-hint`;
    describedBy = describedBy ? `${describedBy} ${hintId}` : hintId;
    hint = <Hint {...p.hint} id={hintId} />;
  }
  let error = null;
  if (p.errorMessage) {
    const errorId = `${id}-error`;
    describedBy = describedBy ? `${describedBy} ${errorId}` : errorId;
    error = <ErrorMessage {...p.errorMessage} id={errorId} />;
  }
  const group = (children: ComponentChildren) => (
    <div
      class={cx('govuk-form-group', p.errorMessage && 'govuk-form-group--error', p.formGroup?.classes)}
      {...attrs(p.formGroup?.attributes)}
    >
      {p.label ? <Label {...p.label} for={id} /> : null}
      {hint}
      {error}
      {children}
    </div>
  );
  return { id, describedBy: describedBy || undefined, group };
}

const spell = (v: boolean | undefined) => raw({ spellcheck: v === undefined ? undefined : String(v) });

export interface InputParams extends FieldParams {
  type?: string | undefined;
  value?: string | number | undefined;
  inputmode?: string | undefined;
  pattern?: string | undefined;
  autocapitalize?: string | undefined;
  prefix?: { text: string; classes?: string; attributes?: Attributes } | undefined;
  suffix?: { text: string; classes?: string; attributes?: Attributes } | undefined;
}

export function Input(p: InputParams) {
  const f = field(p);
  const input = (
    <input
      class={cx('govuk-input', p.classes, p.errorMessage && 'govuk-input--error')}
      id={f.id}
      name={p.name}
      {...raw({ type: p.type || 'text' })}
      {...spell(p.spellcheck)}
      value={p.value === undefined ? undefined : String(p.value)}
      disabled={p.disabled || undefined}
      aria-describedby={f.describedBy}
      autocomplete={p.autocomplete}
      {...raw({ autocapitalize: p.autocapitalize })}
      pattern={p.pattern}
      inputmode={p.inputmode}
      {...attrs(p.attributes)}
    />
  );
  if (!p.prefix?.text && !p.suffix?.text) return f.group(input);
  return f.group(
    <div class="govuk-input__wrapper">
      {p.prefix?.text ? (
        <div
          class={cx('govuk-input__prefix', p.prefix.classes)}
          aria-hidden="true"
          {...attrs(p.prefix.attributes)}
        >
          {p.prefix.text}
        </div>
      ) : null}
      {input}
      {p.suffix?.text ? (
        <div
          class={cx('govuk-input__suffix', p.suffix.classes)}
          aria-hidden="true"
          {...attrs(p.suffix.attributes)}
        >
          {p.suffix.text}
        </div>
      ) : null}
    </div>,
  );
}

export interface TextareaParams extends FieldParams {
  value?: string | undefined;
  rows?: number | undefined;
}

export function Textarea(p: TextareaParams) {
  const f = field(p);
  return f.group(
    <textarea
      class={cx('govuk-textarea', p.errorMessage && 'govuk-textarea--error', p.classes)}
      id={f.id}
      name={p.name}
      rows={p.rows || 5}
      {...spell(p.spellcheck)}
      disabled={p.disabled || undefined}
      aria-describedby={f.describedBy}
      autocomplete={p.autocomplete}
      {...attrs(p.attributes)}
    >
      {p.value ?? ''}
    </textarea>,
  );
}

export interface SelectItem {
  value?: string | number | undefined;
  text: string;
  selected?: boolean | undefined;
  disabled?: boolean | undefined;
  attributes?: Attributes | undefined;
}

export interface SelectParams extends FieldParams {
  items?: Array<SelectItem | null | undefined | false> | undefined;
  value?: string | number | undefined;
}

export function Select(p: SelectParams) {
  const f = field(p);
  return f.group(
    <select
      class={cx('govuk-select', p.classes, p.errorMessage && 'govuk-select--error')}
      id={f.id}
      name={p.name}
      disabled={p.disabled || undefined}
      aria-describedby={f.describedBy}
      {...attrs(p.attributes)}
    >
      {(p.items ?? []).map((item) => {
        if (!item) return null;
        const effective = item.value ?? item.text;
        const selected =
          item.selected ??
          (p.value !== undefined && p.value !== '' ? String(effective) === String(p.value) : false);
        return (
          <option
            value={item.value === undefined ? undefined : String(item.value)}
            selected={selected || undefined}
            disabled={item.disabled || undefined}
            {...attrs(item.attributes)}
          >
            {item.text}
          </option>
        );
      })}
    </select>,
  );
}

export interface ChoiceItem {
  value?: string | number | boolean | undefined;
  text?: string | undefined;
  id?: string | undefined;
  name?: string | undefined;
  checked?: boolean | undefined;
  disabled?: boolean | undefined;
  hint?: { text: string; classes?: string; attributes?: Attributes } | undefined;
  label?: { classes?: string; attributes?: Attributes } | undefined;
  divider?: string | undefined;
  behaviour?: string | undefined;
  attributes?: Attributes | undefined;
}

interface ChoicesParams extends Common {
  name: string;
  idPrefix?: string | undefined;
  items: Array<ChoiceItem | null | undefined | false>;
  fieldset?: Omit<FieldsetParams, 'children'> | undefined;
  hint?: HintParams | undefined;
  errorMessage?: ErrorMessageParams | false | undefined;
  formGroup?: FormGroupParams | undefined;
  describedBy?: string | undefined;
}

function choices(kind: 'radios' | 'checkboxes', p: ChoicesParams, isChecked: (item: ChoiceItem) => boolean) {
  const idPrefix = p.idPrefix ?? p.name;
  let describedBy =
    kind === 'radios' ? (p.fieldset?.describedBy ?? '') : (p.fieldset?.describedBy ?? p.describedBy ?? '');
  let hint = null;
  if (p.hint) {
    const hintId = `${idPrefix}-hint`;
    describedBy = describedBy ? `${describedBy} ${hintId}` : hintId;
    hint = <Hint {...p.hint} id={hintId} />;
  }
  let error = null;
  if (p.errorMessage) {
    const errorId = `${idPrefix}-error`;
    describedBy = describedBy ? `${describedBy} ${errorId}` : errorId;
    error = <ErrorMessage {...p.errorMessage} id={errorId} />;
  }
  const hasFieldset = Boolean(p.fieldset);
  const items = p.items.map((item, i) => {
    if (!item) return null;
    if (item.divider) return <div class={`govuk-${kind}__divider`}>{item.divider}</div>;
    const index = i + 1;
    const itemId = item.id ?? `${idPrefix}${index > 1 ? `-${index}` : ''}`;
    const hintId = `${itemId}-item-hint`;
    const hasHint = Boolean(item.hint?.text);
    let itemDescribedBy: string | undefined;
    if (kind === 'radios') itemDescribedBy = hasHint ? hintId : undefined;
    else itemDescribedBy = `${!hasFieldset ? describedBy : ''} ${hasHint ? hintId : ''}`.trim() || undefined;
    return (
      <div class={`govuk-${kind}__item`}>
        <input
          class={`govuk-${kind}__input`}
          id={itemId}
          name={item.name ?? p.name}
          {...raw({ type: kind === 'radios' ? 'radio' : 'checkbox' })}
          value={item.value === undefined ? '' : String(item.value)}
          checked={isChecked(item) || undefined}
          disabled={item.disabled || undefined}
          data-behaviour={item.behaviour}
          aria-describedby={itemDescribedBy}
          {...attrs(item.attributes)}
        />
        <Label
          text={item.text}
          classes={cx(`govuk-${kind}__label`, item.label?.classes)}
          attributes={item.label?.attributes}
          for={itemId}
        />
        {hasHint ? (
          <Hint
            id={hintId}
            classes={cx(`govuk-${kind}__hint`, item.hint?.classes)}
            attributes={item.hint?.attributes}
            text={item.hint?.text}
          />
        ) : null}
      </div>
    );
  });
  const inner = (
    <>
      {hint}
      {error}
      <div class={cx(`govuk-${kind}`, p.classes)} {...attrs(p.attributes)} data-module={`govuk-${kind}`}>
        {items}
      </div>
    </>
  );
  return (
    <div
      class={cx('govuk-form-group', p.errorMessage && 'govuk-form-group--error', p.formGroup?.classes)}
      {...attrs(p.formGroup?.attributes)}
    >
      {p.fieldset ? (
        <Fieldset {...p.fieldset} describedBy={describedBy || undefined}>
          {inner}
        </Fieldset>
      ) : (
        inner
      )}
    </div>
  );
}

export interface RadiosParams extends ChoicesParams {
  value?: string | number | boolean | undefined;
}

export function Radios(p: RadiosParams) {
  return choices(
    'radios',
    p,
    (item) =>
      item.checked ??
      (p.value !== undefined && p.value !== '' ? String(item.value) === String(p.value) : false),
  );
}

export interface CheckboxesParams extends ChoicesParams {
  values?: ReadonlyArray<string | number> | undefined;
}

export function Checkboxes(p: CheckboxesParams) {
  return choices(
    'checkboxes',
    p,
    (item) => item.checked ?? (p.values ? p.values.map(String).includes(String(item.value)) : false),
  );
}

export interface DateInputItem {
  name: string;
  label?: string | undefined;
  id?: string | undefined;
  value?: string | number | undefined;
  classes?: string | undefined;
  autocomplete?: string | undefined;
  pattern?: string | undefined;
  inputmode?: string | undefined;
  /** This part is in error (the others are not marked when any part is). */
  error?: boolean | undefined;
  attributes?: Attributes | undefined;
}

export interface DateInputParams extends Common {
  id: string;
  namePrefix?: string | undefined;
  items?: DateInputItem[] | undefined;
  values?: Record<string, string | number | undefined> | undefined;
  fieldset?: Omit<FieldsetParams, 'children'> | undefined;
  hint?: HintParams | undefined;
  errorMessage?: ErrorMessageParams | false | undefined;
  formGroup?: FormGroupParams | undefined;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();

export function DateInput(p: DateInputParams) {
  const ui = useUiText();
  const words: Record<string, string> = { day: ui.day, month: ui.month, year: ui.year };
  const items: DateInputItem[] = p.items?.length
    ? p.items
    : [
        { name: 'day', value: p.values?.day, classes: 'govuk-input--width-2' },
        { name: 'month', value: p.values?.month, classes: 'govuk-input--width-2' },
        { name: 'year', value: p.values?.year, classes: 'govuk-input--width-4' },
      ];
  const hasError = (i: DateInputItem) => Boolean(i.error || i.classes?.includes('govuk-input--error'));
  const anyItemHasError = items.some(hasError);
  let describedBy = p.fieldset?.describedBy ?? '';
  let hint = null;
  if (p.hint) {
    const hintId = `${p.id}-hint`;
    describedBy = describedBy ? `${describedBy} ${hintId}` : hintId;
    hint = <Hint {...p.hint} id={hintId} />;
  }
  let error = null;
  if (p.errorMessage) {
    const errorId = `${p.id}-error`;
    describedBy = describedBy ? `${describedBy} ${errorId}` : errorId;
    error = <ErrorMessage {...p.errorMessage} id={errorId} />;
  }
  const namePrefix = p.namePrefix ? `${p.namePrefix}-` : '';
  const inputs = items.map((item) => {
    const width = item.name === 'year' ? 4 : 2;
    let itemClasses = '';
    const markedInClasses = Boolean(item.classes?.includes('govuk-input--error'));
    if (!markedInClasses && (hasError(item) || (item.error !== false && p.errorMessage && !anyItemHasError)))
      itemClasses = 'govuk-input--error';
    if (!item.classes?.includes('govuk-input--width-'))
      itemClasses = `${itemClasses} govuk-input--width-${width}`.trim();
    if (item.classes) itemClasses = `${itemClasses} ${item.classes}`.trim();
    return (
      <div class="govuk-date-input__item">
        <Input
          label={{
            text: item.label ?? words[item.name] ?? capitalize(item.name),
            classes: 'govuk-date-input__label',
          }}
          id={item.id ?? `${p.id}-${item.name}`}
          classes={cx('govuk-date-input__input', itemClasses)}
          name={namePrefix + item.name}
          value={item.value ?? p.values?.[namePrefix + item.name]}
          type="text"
          inputmode={item.inputmode ?? 'numeric'}
          autocomplete={item.autocomplete}
          pattern={item.pattern}
          attributes={item.attributes}
        />
      </div>
    );
  });
  const inner = (
    <>
      {hint}
      {error}
      <div class={cx('govuk-date-input', p.classes)} {...attrs(p.attributes)} id={p.id}>
        {inputs}
      </div>
    </>
  );
  return (
    <div
      class={cx('govuk-form-group', p.errorMessage && 'govuk-form-group--error', p.formGroup?.classes)}
      {...attrs(p.formGroup?.attributes)}
    >
      {p.fieldset ? (
        <Fieldset {...p.fieldset} role="group" describedBy={describedBy || undefined}>
          {inner}
        </Fieldset>
      ) : (
        inner
      )}
    </div>
  );
}

export interface FileUploadParams extends FieldParams {
  multiple?: boolean | undefined;
}

/** The plain file input (works without JavaScript; GOV.UK's enhanced drop zone is not used). */
export function FileUpload(p: FileUploadParams) {
  const f = field(p);
  return f.group(
    <input
      class={cx('govuk-file-upload', p.classes, p.errorMessage && 'govuk-file-upload--error')}
      id={f.id}
      name={p.name}
      {...raw({ type: 'file' })}
      disabled={p.disabled || undefined}
      multiple={p.multiple || undefined}
      aria-describedby={f.describedBy}
      {...attrs(p.attributes)}
    />,
  );
}

export interface ButtonParams extends Common {
  text?: string | undefined;
  children?: ComponentChildren;
  href?: string | undefined;
  type?: 'submit' | 'button' | 'reset' | undefined;
  name?: string | undefined;
  value?: string | undefined;
  disabled?: boolean | undefined;
  preventDoubleClick?: boolean | undefined;
  isStartButton?: boolean | undefined;
  id?: string | undefined;
}

export function Button(p: ButtonParams) {
  const classes = cx('govuk-button', p.classes, p.isStartButton && 'govuk-button--start');
  const icon = p.isStartButton ? (
    <svg
      class="govuk-button__start-icon"
      xmlns="http://www.w3.org/2000/svg"
      width="17.5"
      height="19"
      viewBox="0 0 33 40"
      aria-hidden="true"
      focusable="false"
    >
      <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
    </svg>
  ) : null;
  const content = p.text ?? p.children;
  if (p.href)
    return (
      <a
        href={p.href}
        role="button"
        {...raw({ draggable: 'false' })}
        class={classes}
        data-module="govuk-button"
        {...attrs(p.attributes)}
        id={p.id}
      >
        {content}
        {icon}
      </a>
    );
  return (
    <button
      {...raw({ type: p.type ?? 'submit' })}
      value={p.value || undefined}
      name={p.name || undefined}
      disabled={p.disabled || undefined}
      aria-disabled={p.disabled ? 'true' : undefined}
      data-prevent-double-click={
        p.preventDoubleClick === undefined ? undefined : String(p.preventDoubleClick)
      }
      class={classes}
      data-module="govuk-button"
      {...attrs(p.attributes)}
      id={p.id}
    >
      {content}
      {icon}
    </button>
  );
}

export interface ErrorSummaryItem {
  text: string;
  href?: string | undefined;
  attributes?: Attributes | undefined;
}

export interface ErrorSummaryParams extends Common {
  titleText: string;
  descriptionText?: string | undefined;
  errorList?: ErrorSummaryItem[] | undefined;
  disableAutoFocus?: boolean | undefined;
}

/** Focused by GOV.UK's script on load (and re-initialised after an htmx swap), so read out at once. */
export function ErrorSummary(p: ErrorSummaryParams) {
  return (
    <div
      class={cx('govuk-error-summary', p.classes)}
      data-disable-auto-focus={p.disableAutoFocus === undefined ? undefined : String(p.disableAutoFocus)}
      {...attrs(p.attributes)}
      data-module="govuk-error-summary"
    >
      <div role="alert">
        <h2 class="govuk-error-summary__title">{p.titleText}</h2>
        <div class="govuk-error-summary__body">
          {p.descriptionText ? <p>{p.descriptionText}</p> : null}
          {p.errorList?.length ? (
            <ul class="govuk-list govuk-error-summary__list">
              {p.errorList.map((item) => (
                <li>
                  {item.href ? (
                    <a href={item.href} {...attrs(item.attributes)}>
                      {item.text}
                    </a>
                  ) : (
                    item.text
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
    </div>
  );
}
