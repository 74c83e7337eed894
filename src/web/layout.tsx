import type { ComponentChildren } from 'preact';
import type { Role } from '../../machines/contract';
import {
  BackLink,
  GenericHeader,
  IdentityBar,
  ServiceNavigation,
  SkipLink,
  UiText,
  type UiStrings,
} from './components';
import type { Catalogue } from './i18n';
import type { LayoutData, PageContext } from './page-types';

/**
 * The page around every page: skip link, the agency header (our emblem and the department's name, never
 * the GOV.UK crown), the service navigation by role with the language switch, the identity bar (who, in
 * which unit, sign out), the main column, the footer. Styles and the one script are the fingerprinted
 * files of the build; nothing is inline (the Content-Security-Policy forbids it).
 */
export function uiStrings(m: Catalogue): UiStrings {
  return {
    errorPrefix: m.common.errorPrefix,
    back: m.common.back,
    menu: m.service.menu,
    serviceInformation: m.service.name,
    breadcrumb: m.common.back,
    pagination: m.common.pagination,
    previousPage: m.common.previous,
    nextPage: m.common.next,
    page: (n) => m.common.page(Number(n)),
    success: m.common.successTitle,
    important: m.common.importantTitle,
    day: m.event.day,
    month: m.event.month,
    year: m.event.year,
    removeFilter: m.common.cancel,
    applyFilters: m.common.continue,
    by: m.record.by,
  };
}

/** The hidden `_csrf` field every POST form carries. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** htmx 4: no settle step (it would copy `style` attributes, which the CSP refuses); 5xx not swapped. */
const htmxConfig = JSON.stringify({
  noSwap: [204, 304, '5xx'],
  defaultTimeout: 15000,
  defaultSettleDelay: 0,
});

function navigation(ctx: PageContext): Array<{ text: string; href: string; id: string }> {
  if (!ctx.user) return [];
  const items = [{ id: 'home', text: ctx.m.nav.home, href: '/' }];
  const roles = ctx.user.roles;
  if (roles.includes('director'))
    items.push({ id: 'director', text: ctx.m.director.nav, href: '/director/queue' });
  if (roles.some((r) => r !== 'unit'))
    items.push({ id: 'reports', text: ctx.m.reports.nav, href: '/reports' });
  if (ctx.deps.demoMail) items.push({ id: 'demoMail', text: ctx.m.demoMail.title, href: '/demo/mailbox' });
  return items;
}

function LanguageSwitch({ ctx }: { ctx: PageContext }) {
  const other = ctx.locale === 'vi' ? 'en' : 'vi';
  const next = ctx.req.originalUrl.startsWith('/') ? ctx.req.originalUrl : '/';
  return (
    <form method="post" action="/language" class="app-inline-form app-language-switch-form">
      <CsrfField token={ctx.csrf()} />
      <input type="hidden" name="next" value={next} />
      <ul class="app-language-switch">
        <li>
          <span class="govuk-visually-hidden">{ctx.m.language.label}: </span>
          <strong aria-current="true" lang={ctx.locale}>
            {ctx.m.language[ctx.locale]}
          </strong>
        </li>
        <li>
          <button type="submit" name="lang" value={other} class="app-link-button" lang={other}>
            {ctx.m.language[other]}
          </button>
        </li>
      </ul>
    </form>
  );
}

function Identity({ ctx, unitName }: { ctx: PageContext; unitName: string | null }) {
  const { user, m } = ctx;
  if (!user) return null;
  const roleNames = user.roles.map((r: Role) => m.roles[r]).join(', ');
  return (
    <IdentityBar
      classes="app-identity"
      title={{
        children: (
          <>
            <span class="govuk-visually-hidden">{m.identity.signedInAs}: </span>
            <strong>{user.fullName}</strong> · {roleNames} · {m.identity.unit}:{' '}
            {unitName ?? m.identity.noUnit}
          </>
        ),
      }}
      actions={
        <>
          <a class="govuk-link" href="/account/password">
            {m.identity.changePassword}
          </a>
          <form method="post" action="/sign-out" class="app-inline-form">
            <CsrfField token={ctx.csrf()} />
            <button type="submit" class="app-link-button">
              {m.identity.signOut}
            </button>
          </form>
        </>
      }
    />
  );
}

export function Layout(props: {
  ctx: PageContext;
  title: string;
  data: LayoutData;
  backLink?: { href: string; text?: string } | undefined;
  nav?: string | undefined;
  children?: ComponentChildren;
}) {
  const { ctx, data } = props;
  const m = ctx.m;
  const nav = navigation(ctx).map((i) => ({ text: i.text, href: i.href, current: i.id === props.nav }));
  return (
    <html lang={ctx.locale} class="govuk-template">
      <head>
        <meta charset="utf-8" />
        <title>{`${props.title} – ${m.service.name}`}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#1d70b8" />
        <meta name="csrf-token" content={ctx.csrf()} />
        <meta name="htmx-config" content={htmxConfig} />
        <link rel="icon" href={data.assets.url('emblem.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={data.assets.url('app.css')} />
        <script type="module" src={data.assets.url('app.js')}></script>
      </head>
      <body class="govuk-template__body">
        <UiText.Provider value={uiStrings(m)}>
          <SkipLink href="#main-content" text={m.service.skipLink} />
          <header class="govuk-template__header">
            <GenericHeader
              classes="app-header"
              url="/"
              logo={
                <>
                  <img
                    class="app-header__emblem"
                    src={data.assets.url('emblem.svg')}
                    alt=""
                    width="36"
                    height="36"
                  />
                  <span>
                    <span class="app-header__name">{data.department}</span>
                    <span class="app-header__service">{m.service.name}</span>
                  </span>
                </>
              }
            />
            <ServiceNavigation
              navigation={nav}
              navigationLabel={m.service.navigationLabel}
              ariaLabel={m.service.name}
              end={<LanguageSwitch ctx={ctx} />}
            />
          </header>
          <Identity ctx={ctx} unitName={data.unitName} />
          <div class="govuk-width-container">
            {props.backLink ? <BackLink href={props.backLink.href} text={props.backLink.text} /> : null}
            <main class="govuk-main-wrapper" id="main-content">
              {props.children}
            </main>
          </div>
          <footer class="govuk-footer govuk-template__footer">
            <div class="govuk-width-container">
              <div class="govuk-footer__meta">
                <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                  <p class="app-footer__meta">
                    {data.department} – {m.service.footer}
                  </p>
                  <p class="app-footer__meta">{m.service.footerHelp}</p>
                  <ul class="govuk-footer__inline-list">
                    <li class="govuk-footer__inline-list-item">
                      <a class="govuk-footer__link" href="/api/docs">
                        {m.service.apiLink}
                      </a>
                    </li>
                  </ul>
                </div>
              </div>
            </div>
          </footer>
        </UiText.Provider>
      </body>
    </html>
  );
}
