import type { ComponentChildren } from 'preact';
import { attrs, type Attributes, type Common, cx, useUiText } from './base';
import { Button, type ButtonParams } from './form';
import { Table, type TableCell, type TableParams } from './content';

/**
 * MOJ Frontend 11 components for the caseworker screens, with the macros' parameters (MOJ ships no
 * fixtures: their markup is checked against MOJ's own templates' output written down in the tests).
 */

export interface BadgeParams extends Common {
  text: string;
  label?: string | undefined;
}

export function Badge(p: BadgeParams) {
  return (
    <span class={cx('moj-badge', p.classes)} aria-label={p.label} {...attrs(p.attributes)}>
      {p.text}
    </span>
  );
}

export interface TimelineItem {
  label: { text: string };
  /** Already formatted for the page; `timestamp` goes into `<time datetime>`. */
  datetime: { timestamp: string; text: string };
  byline?: { text: string } | undefined;
  text?: string | undefined;
  children?: ComponentChildren;
  classes?: string | undefined;
  attributes?: Attributes | undefined;
}

export interface TimelineParams extends Common {
  items: TimelineItem[];
  headingLevel?: number | undefined;
}

export function Timeline(p: TimelineParams) {
  const ui = useUiText();
  const H = `h${p.headingLevel ?? 2}` as 'h2';
  return (
    <div class={cx('moj-timeline', p.classes)} {...attrs(p.attributes)}>
      {p.items.map((item) => (
        <div class={cx('moj-timeline__item', item.classes)} {...attrs(item.attributes)}>
          <div class="moj-timeline__header">
            <H class="moj-timeline__title">{item.label.text}</H>{' '}
            {item.byline ? (
              <p class="moj-timeline__byline">
                {ui.by} {item.byline.text}
              </p>
            ) : null}
          </div>
          <p class="moj-timeline__date">
            <time datetime={item.datetime.timestamp}>{item.datetime.text}</time>
          </p>
          <div class="moj-timeline__description">{item.text ?? item.children}</div>
        </div>
      ))}
    </div>
  );
}

export interface ButtonMenuParams extends Common {
  items: Array<ButtonParams & { classes?: string }>;
  button?: { text?: string; classes?: string } | undefined;
  alignMenu?: 'left' | 'right' | undefined;
}

/** A row of buttons, collapsed into a menu by MOJ's script when `button.text` is given. */
export function ButtonMenu(p: ButtonMenuParams) {
  return (
    <div
      class={cx('moj-button-menu', p.classes)}
      data-module="moj-button-menu"
      {...attrs(p.attributes)}
      data-button-text={p.button?.text}
      data-button-classes={p.button?.classes}
      data-align-menu={p.alignMenu}
    >
      {p.items.map((item) => (
        <Button {...item} classes={cx('moj-button-menu__item govuk-button--secondary', item.classes)} />
      ))}
    </div>
  );
}

export interface IdentityBarParams extends Common {
  title?: { text?: string; children?: ComponentChildren } | undefined;
  /** The bar's right-hand side (our sign-out and account links): JSX. */
  actions?: ComponentChildren;
}

export function IdentityBar(p: IdentityBarParams) {
  return (
    <div class={cx('moj-identity-bar', p.classes)} {...attrs(p.attributes)}>
      <div class="moj-identity-bar__container">
        <div class="moj-identity-bar__details">
          {p.title ? <span class="moj-identity-bar__title">{p.title.text ?? p.title.children}</span> : null}
        </div>
        {p.actions ? <div class="moj-identity-bar__actions">{p.actions}</div> : null}
      </div>
    </div>
  );
}

export interface FilterParams {
  heading: { text: string };
  selectedFilters?:
    | {
        heading: { text: string };
        clearLink: { href: string; text: string };
        categories: Array<{ heading: { text: string }; items: Array<{ href: string; text: string }> }>;
      }
    | undefined;
  submit?: { text?: string; attributes?: Attributes } | undefined;
  attributes?: Attributes | undefined;
  /** The filter's options (checkboxes, selects…). */
  children?: ComponentChildren;
}

export function Filter(p: FilterParams) {
  const ui = useUiText();
  return (
    <div class="moj-filter" data-module="moj-filter" {...attrs(p.attributes)}>
      <div class="moj-filter__header">
        <div class="moj-filter__header-title">
          <h2 class="govuk-heading-m">{p.heading.text}</h2>
        </div>
        <div class="moj-filter__header-action"></div>
      </div>
      <div class="moj-filter__content">
        {p.selectedFilters ? (
          <div class="moj-filter__selected">
            <div class="moj-filter__selected-heading">
              <div class="moj-filter__heading-title">
                <h2 class="govuk-heading-m">{p.selectedFilters.heading.text}</h2>
              </div>
              <div class="moj-filter__heading-action">
                <p>
                  <a class="govuk-link govuk-link--no-visited-state" href={p.selectedFilters.clearLink.href}>
                    {p.selectedFilters.clearLink.text}
                  </a>
                </p>
              </div>
            </div>
            {p.selectedFilters.categories.map((c) => (
              <>
                <h3 class="govuk-heading-s govuk-!-margin-bottom-0">{c.heading.text}</h3>
                <ul class="moj-filter-tags">
                  {c.items.map((i) => (
                    <li>
                      <a class="moj-filter__tag" href={i.href}>
                        <span class="govuk-visually-hidden">{ui.removeFilter}</span> {i.text}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            ))}
          </div>
        ) : null}
        <div class="moj-filter__options">
          <Button text={p.submit?.text ?? ui.applyFilters} attributes={p.submit?.attributes} />
          {p.children}
        </div>
      </div>
    </div>
  );
}

/** MOJ's filter layout: the filter panel beside the results (`moj-filter-layout`). */
export function FilterLayout(p: { filter: ComponentChildren; children?: ComponentChildren }) {
  return (
    <div class="moj-filter-layout">
      <div class="moj-filter-layout__filter">{p.filter}</div>
      <div class="moj-filter-layout__content">{p.children}</div>
    </div>
  );
}

export type SortDirection = 'ascending' | 'descending' | 'none';

export interface SortableTableParams extends TableParams {
  /** Per column: its sort state (`aria-sort`), or undefined for a column that does not sort. */
  sort?: Array<SortDirection | undefined> | undefined;
  statusMessage?: string | undefined;
  ascendingText?: string | undefined;
  descendingText?: string | undefined;
}

/** A GOV.UK table that MOJ's script sorts in the browser (headers with `aria-sort`). */
export function SortableTable(p: SortableTableParams) {
  const head: TableCell[] | undefined = p.head?.map((h, i) => {
    const dir = p.sort?.[i];
    return dir ? { ...h, attributes: { ...(h.attributes ?? {}), 'aria-sort': dir } } : h;
  });
  return (
    <Table
      {...p}
      head={head}
      attributes={{
        ...(p.attributes ?? {}),
        'data-module': 'moj-sortable-table',
        'data-status-message': { value: p.statusMessage, optional: true },
        'data-ascending-text': { value: p.ascendingText, optional: true },
        'data-descending-text': { value: p.descendingText, optional: true },
      }}
    />
  );
}

export interface MultiSelectParams {
  /** The select-all checkbox's visually hidden label (MOJ's script writes "Select all" otherwise). */
  selectAllText: string;
  children?: ComponentChildren;
}

/**
 * MOJ's multi-select: wraps a table whose first column holds small GOV.UK checkboxes; MOJ's script adds
 * a "select all" checkbox in the header cell `#select-all`. Without JavaScript the rows are ticked one by
 * one.
 */
export function MultiSelect(p: MultiSelectParams) {
  return (
    <div data-module="moj-multi-select" data-select-all-text={p.selectAllText}>
      {p.children}
    </div>
  );
}
