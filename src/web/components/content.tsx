import type { ComponentChildren, JSX } from 'preact';
import { attrs, type Attributes, type Common, cx, raw, useUiText } from './base';

/** GOV.UK content and navigation components (govuk-frontend 6), with the macros' parameters. */

interface Content {
  text?: string | number | undefined;
  children?: ComponentChildren;
}
const body = (c: Content): ComponentChildren => (c.text !== undefined ? String(c.text) : c.children);

export interface TagParams extends Common, Content {}

export function Tag(p: TagParams) {
  return (
    <strong class={cx('govuk-tag', p.classes)} {...attrs(p.attributes)}>
      {body(p)}
    </strong>
  );
}

type Heading = 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
const heading = (level: number | undefined, fallback: number): Heading =>
  `h${Math.min(6, Math.max(1, level ?? fallback))}` as Heading;

export interface SummaryAction {
  href: string;
  text: string;
  visuallyHiddenText?: string | undefined;
  classes?: string | undefined;
  attributes?: Attributes | undefined;
}

function ActionLink({ action, cardTitle }: { action: SummaryAction; cardTitle?: string | undefined }) {
  return (
    <a class={cx('govuk-link', action.classes)} href={action.href} {...attrs(action.attributes)}>
      {action.text}
      {action.visuallyHiddenText || cardTitle ? (
        <span class="govuk-visually-hidden">
          {action.visuallyHiddenText ? ` ${action.visuallyHiddenText}` : ''}
          {cardTitle ? ` (${cardTitle})` : ''}
        </span>
      ) : null}
    </a>
  );
}

export interface SummaryRow {
  key: { text?: string | undefined; children?: ComponentChildren; classes?: string | undefined };
  value: { text?: string | number | undefined; children?: ComponentChildren; classes?: string | undefined };
  actions?: { items: SummaryAction[]; classes?: string | undefined } | undefined;
  classes?: string | undefined;
}

export interface SummaryCardParams extends Common {
  title?: { text: string; headingLevel?: number; classes?: string } | undefined;
  actions?: { items: SummaryAction[]; classes?: string | undefined } | undefined;
}

export interface SummaryListParams extends Common {
  rows: Array<SummaryRow | null | undefined | false>;
  card?: SummaryCardParams | undefined;
}

export function SummaryCard(p: SummaryCardParams & { children?: ComponentChildren }) {
  const H = heading(p.title?.headingLevel, 2);
  const items = p.actions?.items ?? [];
  return (
    <div class={cx('govuk-summary-card', p.classes)} {...attrs(p.attributes)}>
      <div class="govuk-summary-card__title-wrapper">
        {p.title ? <H class={cx('govuk-summary-card__title', p.title.classes)}>{p.title.text}</H> : null}
        {items.length === 1 ? (
          <div class={cx('govuk-summary-card__actions', p.actions?.classes)}>
            <ActionLink action={items[0]!} cardTitle={p.title?.text} />
          </div>
        ) : items.length > 1 ? (
          <ul class={cx('govuk-summary-card__actions', p.actions?.classes)}>
            {items.map((a) => (
              <li class="govuk-summary-card__action">
                <ActionLink action={a} cardTitle={p.title?.text} />
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div class="govuk-summary-card__content">{p.children}</div>
    </div>
  );
}

export function SummaryList(p: SummaryListParams) {
  const rows = p.rows.filter((r): r is SummaryRow => Boolean(r));
  const anyRowHasActions = rows.some((r) => (r.actions?.items.length ?? 0) > 0);
  const cardTitle = p.card?.title?.text;
  const list = (
    <dl class={cx('govuk-summary-list', p.classes)} {...attrs(p.attributes)}>
      {rows.map((row) => {
        const actions = row.actions?.items ?? [];
        return (
          <div
            class={cx(
              'govuk-summary-list__row',
              anyRowHasActions && actions.length === 0 && 'govuk-summary-list__row--no-actions',
              row.classes,
            )}
          >
            <dt class={cx('govuk-summary-list__key', row.key.classes)}>{body(row.key)}</dt>
            <dd class={cx('govuk-summary-list__value', row.value.classes)}>{body(row.value)}</dd>
            {actions.length ? (
              <dd class={cx('govuk-summary-list__actions', row.actions?.classes)}>
                {actions.length === 1 ? (
                  <ActionLink action={actions[0]!} cardTitle={cardTitle} />
                ) : (
                  <ul class="govuk-summary-list__actions-list">
                    {actions.map((a) => (
                      <li class="govuk-summary-list__actions-list-item">
                        <ActionLink action={a} cardTitle={cardTitle} />
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            ) : null}
          </div>
        );
      })}
    </dl>
  );
  return p.card ? <SummaryCard {...p.card}>{list}</SummaryCard> : list;
}

export interface TableCell {
  text?: string | number | undefined;
  children?: ComponentChildren;
  format?: 'numeric' | undefined;
  classes?: string | undefined;
  colspan?: number | undefined;
  rowspan?: number | undefined;
  attributes?: Attributes | undefined;
}

export interface TableParams extends Common {
  caption?: string | undefined;
  captionClasses?: string | undefined;
  head?: TableCell[] | undefined;
  rows: Array<TableCell[] | null | undefined | false>;
  firstCellIsHeader?: boolean | undefined;
  id?: string | undefined;
}

export function Table(p: TableParams) {
  return (
    <table class={cx('govuk-table', p.classes)} {...attrs(p.attributes)} id={p.id}>
      {p.caption ? <caption class={cx('govuk-table__caption', p.captionClasses)}>{p.caption}</caption> : null}
      {p.head ? (
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {p.head.map((h) => (
              <th
                scope="col"
                class={cx('govuk-table__header', h.format && `govuk-table__header--${h.format}`, h.classes)}
                colspan={h.colspan}
                rowspan={h.rowspan}
                {...attrs(h.attributes)}
              >
                {body(h)}
              </th>
            ))}
          </tr>
        </thead>
      ) : null}
      <tbody class="govuk-table__body">
        {p.rows.map((row) =>
          row ? (
            <tr class="govuk-table__row">
              {row.map((cell, i) =>
                i === 0 && p.firstCellIsHeader ? (
                  <th
                    scope="row"
                    class={cx('govuk-table__header', cell.classes)}
                    colspan={cell.colspan}
                    rowspan={cell.rowspan}
                    {...attrs(cell.attributes)}
                  >
                    {body(cell)}
                  </th>
                ) : (
                  <td
                    class={cx(
                      'govuk-table__cell',
                      cell.format && `govuk-table__cell--${cell.format}`,
                      cell.classes,
                    )}
                    colspan={cell.colspan}
                    rowspan={cell.rowspan}
                    {...attrs(cell.attributes)}
                  >
                    {body(cell)}
                  </td>
                ),
              )}
            </tr>
          ) : null,
        )}
      </tbody>
    </table>
  );
}

export interface NotificationBannerParams extends Common, Content {
  type?: 'success' | undefined;
  role?: string | undefined;
  titleText?: string | undefined;
  titleId?: string | undefined;
  titleHeadingLevel?: number | undefined;
  disableAutoFocus?: boolean | undefined;
}

export function NotificationBanner(p: NotificationBannerParams) {
  const ui = useUiText();
  const success = p.type === 'success';
  const titleId = p.titleId || 'govuk-notification-banner-title';
  const H = heading(p.titleHeadingLevel, 2);
  return (
    <div
      class={cx('govuk-notification-banner', success && 'govuk-notification-banner--success', p.classes)}
      {...raw({ role: p.role ?? (success ? 'alert' : 'region') })}
      aria-labelledby={titleId}
      data-module="govuk-notification-banner"
      data-disable-auto-focus={p.disableAutoFocus === undefined ? undefined : String(p.disableAutoFocus)}
      {...attrs(p.attributes)}
    >
      <div class="govuk-notification-banner__header">
        <H class="govuk-notification-banner__title" id={titleId}>
          {p.titleText ?? (success ? ui.success : ui.important)}
        </H>
      </div>
      <div class="govuk-notification-banner__content">
        {p.children !== undefined ? (
          p.children
        ) : p.text !== undefined ? (
          <p class="govuk-notification-banner__heading">{String(p.text)}</p>
        ) : null}
      </div>
    </div>
  );
}

export interface InsetTextParams extends Common, Content {
  id?: string | undefined;
}

export function InsetText(p: InsetTextParams) {
  return (
    <div id={p.id} class={cx('govuk-inset-text', p.classes)} {...attrs(p.attributes)}>
      {body(p)}
    </div>
  );
}

export interface DetailsParams extends Common, Content {
  id?: string | undefined;
  summaryText: string;
  open?: boolean | undefined;
}

export function Details(p: DetailsParams) {
  return (
    <details
      id={p.id}
      class={cx('govuk-details', p.classes)}
      {...attrs(p.attributes)}
      open={p.open || undefined}
    >
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">{p.summaryText}</span>
      </summary>
      <div class="govuk-details__text">{body(p)}</div>
    </details>
  );
}

export interface PaginationLink {
  href: string;
  text?: string | undefined;
  labelText?: string | undefined;
  attributes?: Attributes | undefined;
}

export interface PaginationItem {
  number?: number | string | undefined;
  href?: string | undefined;
  current?: boolean | undefined;
  ellipsis?: boolean | undefined;
  visuallyHiddenText?: string | undefined;
  attributes?: Attributes | undefined;
}

export interface PaginationParams extends Common {
  items?: Array<PaginationItem | null> | undefined;
  previous?: PaginationLink | undefined;
  next?: PaginationLink | undefined;
  landmarkLabel?: string | undefined;
}

const arrowPrev = (
  <svg
    class="govuk-pagination__icon govuk-pagination__icon--prev"
    xmlns="http://www.w3.org/2000/svg"
    height="13"
    width="15"
    aria-hidden="true"
    focusable="false"
    viewBox="0 0 15 13"
  >
    <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path>
  </svg>
);
const arrowNext = (
  <svg
    class="govuk-pagination__icon govuk-pagination__icon--next"
    xmlns="http://www.w3.org/2000/svg"
    height="13"
    width="15"
    aria-hidden="true"
    focusable="false"
    viewBox="0 0 15 13"
  >
    <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path>
  </svg>
);

/**
 * Page links. Each link may carry htmx attributes (in `attributes`) beside its `href`, so paging works
 * with and without JavaScript.
 */
export function Pagination(p: PaginationParams) {
  const ui = useUiText();
  const blockLevel = !p.items && Boolean(p.next || p.previous);
  const arrowLink = (link: PaginationLink, type: 'prev' | 'next', fallback: [string, string]) => (
    <div class={`govuk-pagination__${type}`}>
      <a class="govuk-link govuk-pagination__link" href={link.href} rel={type} {...attrs(link.attributes)}>
        {blockLevel || type === 'prev' ? (type === 'prev' ? arrowPrev : arrowNext) : null}
        <span
          class={cx(
            'govuk-pagination__link-title',
            blockLevel && !link.labelText && 'govuk-pagination__link-title--decorated',
          )}
        >
          {link.text ?? (
            <>
              {fallback[0]}
              <span class="govuk-visually-hidden">{fallback[1]}</span>
            </>
          )}
        </span>
        {link.labelText && blockLevel ? (
          <>
            <span class="govuk-visually-hidden">:</span>
            <span class="govuk-pagination__link-label">{link.labelText}</span>
          </>
        ) : null}
        {!blockLevel && type === 'next' ? arrowNext : null}
      </a>
    </div>
  );
  const [prevWord, prevRest] = splitPage(ui.previousPage);
  const [nextWord, nextRest] = splitPage(ui.nextPage);
  return (
    <nav
      class={cx('govuk-pagination', blockLevel && 'govuk-pagination--block', p.classes)}
      aria-label={p.landmarkLabel || ui.pagination}
      {...attrs(p.attributes)}
    >
      {p.previous?.href ? arrowLink(p.previous, 'prev', [prevWord, prevRest]) : null}
      {p.items ? (
        <ul class="govuk-pagination__list">
          {p.items
            .filter((item): item is PaginationItem => item !== null && Object.keys(item).length > 0)
            .map((item) => (
              <li
                class={cx(
                  'govuk-pagination__item',
                  item.current && 'govuk-pagination__item--current',
                  item.ellipsis && 'govuk-pagination__item--ellipsis',
                )}
              >
                {item.ellipsis ? (
                  '⋯'
                ) : (
                  <a
                    class="govuk-link govuk-pagination__link"
                    href={item.href}
                    aria-label={item.visuallyHiddenText ?? ui.page(String(item.number))}
                    aria-current={item.current ? 'page' : undefined}
                    {...attrs(item.attributes)}
                  >
                    {String(item.number)}
                  </a>
                )}
              </li>
            ))}
        </ul>
      ) : null}
      {p.next?.href ? arrowLink(p.next, 'next', [nextWord, nextRest]) : null}
    </nav>
  );
}

/** "Previous page" → ["Previous", " page"]: GOV.UK hides the second word visually. */
function splitPage(s: string): [string, string] {
  const i = s.indexOf(' ');
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i)];
}

export interface TaskListItem {
  title: { text: string; classes?: string | undefined };
  href?: string | undefined;
  hint?: { text: string } | undefined;
  status: {
    text?: string | undefined;
    tag?: TagParams | undefined;
    classes?: string | undefined;
  };
  classes?: string | undefined;
}

export interface TaskListParams extends Common {
  items: Array<TaskListItem | null | undefined | false>;
  idPrefix?: string | undefined;
}

export function TaskList(p: TaskListParams) {
  const idPrefix = p.idPrefix || 'task-list';
  return (
    <ul class={cx('govuk-task-list', p.classes)} {...attrs(p.attributes)}>
      {p.items.map((item, i) => {
        if (!item) return null;
        const index = i + 1;
        const hintId = `${idPrefix}-${index}-hint`;
        const statusId = `${idPrefix}-${index}-status`;
        return (
          <li
            class={cx('govuk-task-list__item', item.href && 'govuk-task-list__item--with-link', item.classes)}
          >
            <div class="govuk-task-list__name-and-hint">
              {item.href ? (
                <a
                  class={cx('govuk-link govuk-task-list__link', item.title.classes)}
                  href={item.href}
                  aria-describedby={`${item.hint ? `${hintId} ` : ''}${statusId}`}
                >
                  {item.title.text}
                </a>
              ) : (
                <div class={item.title.classes}>{item.title.text}</div>
              )}
              {item.hint ? (
                <div id={hintId} class="govuk-task-list__hint">
                  {item.hint.text}
                </div>
              ) : null}
            </div>
            <div class={cx('govuk-task-list__status', item.status.classes)} id={statusId}>
              {item.status.tag ? <Tag {...item.status.tag} /> : item.status.text}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

export interface BackLinkParams extends Common {
  href?: string | undefined;
  text?: string | undefined;
}

export function BackLink(p: BackLinkParams) {
  const ui = useUiText();
  return (
    <a href={p.href || '#'} class={cx('govuk-back-link', p.classes)} {...attrs(p.attributes)}>
      {p.text || ui.back}
    </a>
  );
}

export interface BreadcrumbsParams extends Common {
  items: Array<{ text: string; href?: string | undefined; attributes?: Attributes | undefined }>;
  collapseOnMobile?: boolean | undefined;
  labelText?: string | undefined;
}

export function Breadcrumbs(p: BreadcrumbsParams) {
  const ui = useUiText();
  return (
    <nav
      class={cx(
        'govuk-breadcrumbs',
        p.classes,
        p.collapseOnMobile && 'govuk-breadcrumbs--collapse-on-mobile',
      )}
      {...attrs(p.attributes)}
      aria-label={p.labelText ?? ui.breadcrumb}
    >
      <ol class="govuk-breadcrumbs__list">
        {p.items.map((item) =>
          item.href ? (
            <li class="govuk-breadcrumbs__list-item">
              <a class="govuk-breadcrumbs__link" href={item.href} {...attrs(item.attributes)}>
                {item.text}
              </a>
            </li>
          ) : (
            <li class="govuk-breadcrumbs__list-item" aria-current="page">
              {item.text}
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}

export interface SkipLinkParams extends Common {
  href?: string | undefined;
  text: string;
}

export function SkipLink(p: SkipLinkParams) {
  return (
    <a
      href={p.href || '#content'}
      class={cx('govuk-skip-link', p.classes)}
      {...attrs(p.attributes)}
      data-module="govuk-skip-link"
    >
      {p.text}
    </a>
  );
}

export interface GenericHeaderParams extends Common {
  url?: string | undefined;
  logoText?: string | undefined;
  /** Our emblem and name instead of a text logo (never the GOV.UK crown or logotype). */
  logo?: JSX.Element | undefined;
  containerClasses?: string | undefined;
}

export function GenericHeader(p: GenericHeaderParams) {
  return (
    <div class={cx('govuk-generic-header', p.classes)} {...attrs(p.attributes)}>
      <div class={cx('govuk-generic-header__container', p.containerClasses || 'govuk-width-container')}>
        <div class="govuk-generic-header__logo">
          <a href={p.url || '/'} class="govuk-generic-header__homepage-link">
            {p.logo ?? p.logoText}
          </a>
        </div>
      </div>
    </div>
  );
}

export interface ServiceNavigationItem {
  text: string;
  href?: string | undefined;
  active?: boolean | undefined;
  current?: boolean | undefined;
  attributes?: Attributes | undefined;
}

export interface ServiceNavigationParams extends Common {
  serviceName?: string | undefined;
  serviceUrl?: string | undefined;
  navigation?: Array<ServiceNavigationItem | null | undefined | false> | undefined;
  navigationLabel?: string | undefined;
  navigationId?: string | undefined;
  navigationClasses?: string | undefined;
  menuButtonText?: string | undefined;
  menuButtonLabel?: string | undefined;
  collapseNavigationOnMobile?: boolean | undefined;
  ariaLabel?: string | undefined;
  /** Content at the end of the bar (our language switch): JSX, never an HTML string. */
  end?: ComponentChildren;
}

export function ServiceNavigation(p: ServiceNavigationParams) {
  const ui = useUiText();
  const menu = p.menuButtonText || ui.menu;
  const navId = p.navigationId || 'navigation';
  const items = (p.navigation ?? []).filter((i): i is ServiceNavigationItem => Boolean(i));
  const collapse = p.collapseNavigationOnMobile ?? items.length > 1;
  const inner = (
    <div class="govuk-width-container">
      <div class="govuk-service-navigation__container">
        {p.serviceName ? (
          <span class="govuk-service-navigation__service-name">
            {p.serviceUrl ? (
              <a href={p.serviceUrl} class="govuk-service-navigation__link">
                {p.serviceName}
              </a>
            ) : (
              <span class="govuk-service-navigation__text">{p.serviceName}</span>
            )}
          </span>
        ) : null}
        {items.length ? (
          <nav
            aria-label={p.navigationLabel || menu}
            class={cx('govuk-service-navigation__wrapper', p.navigationClasses)}
          >
            {collapse ? (
              <button
                {...raw({ type: 'button' })}
                class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
                aria-controls={navId}
                aria-label={p.menuButtonLabel && p.menuButtonLabel !== menu ? p.menuButtonLabel : undefined}
                hidden
                aria-hidden="true"
              >
                {menu}
              </button>
            ) : null}
            <ul class="govuk-service-navigation__list" id={navId}>
              {items.map((item) => {
                const on = item.active || item.current;
                const text = on ? (
                  <strong class="govuk-service-navigation__active-fallback">{item.text}</strong>
                ) : (
                  item.text
                );
                return (
                  <li
                    class={cx(
                      'govuk-service-navigation__item',
                      on && 'govuk-service-navigation__item--active',
                    )}
                  >
                    {item.href ? (
                      <a
                        class="govuk-service-navigation__link"
                        href={item.href}
                        aria-current={on ? (item.current ? 'page' : 'true') : undefined}
                        {...attrs(item.attributes)}
                      >
                        {text}
                      </a>
                    ) : (
                      <span
                        class="govuk-service-navigation__text"
                        aria-current={on ? (item.current ? 'page' : 'true') : undefined}
                      >
                        {text}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </nav>
        ) : null}
      </div>
      {p.end}
    </div>
  );
  const common = {
    class: cx('govuk-service-navigation', p.classes),
    'data-module': 'govuk-service-navigation',
    ...attrs(p.attributes),
  };
  return p.serviceName || p.end ? (
    <section aria-label={p.ariaLabel ?? ui.serviceInformation} {...common}>
      {inner}
    </section>
  ) : (
    <div {...common}>{inner}</div>
  );
}
