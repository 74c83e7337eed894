// The pages' one script (bundled by build-assets.ts with esbuild): GOV.UK Frontend, the MOJ components
// the pages use, htmx 4, and the glue below. Everything works without it; it only enhances.
import { createAll, initAll } from 'govuk-frontend';
import { ButtonMenu } from '@ministryofjustice/frontend/moj/components/button-menu/button-menu.mjs';
import { MultiSelect } from '@ministryofjustice/frontend/moj/components/multi-select/multi-select.mjs';
import { SortableTable } from '@ministryofjustice/frontend/moj/components/sortable-table/sortable-table.mjs';
import 'htmx.org';

interface HtmxConfigRequest extends Event {
  detail: { ctx: { request: { headers: Record<string, string> } } };
}
interface HtmxAfterSettle extends Event {
  detail: { newContent?: Node[] };
}

// GOV.UK's `js-enabled` snippet, here rather than inline (the Content-Security-Policy forbids inline scripts).
document.body.classList.add('js-enabled');
if ('noModule' in HTMLScriptElement.prototype) document.body.classList.add('govuk-frontend-supported');

function enhance(scope: Element | Document): void {
  initAll({ scope });
  for (const Component of [ButtonMenu, MultiSelect, SortableTable]) createAll(Component, undefined, scope);
}

enhance(document);

// htmx requests carry the session's CSRF token in a header, taken from the page's one <meta>. (htmx 4:
// `hx-headers` on <body> is not inherited any more, and the event is `htmx:config:request`.)
document.addEventListener('htmx:config:request', (e) => {
  const token = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content;
  if (token) (e as HtmxConfigRequest).detail.ctx.request.headers['X-CSRF-Token'] = token;
});

// Swapped content is enhanced like a page load (GOV.UK components initialise only on load).
document.addEventListener('htmx:after:settle', (e) => {
  for (const node of (e as HtmxAfterSettle).detail.newContent ?? [])
    if (node instanceof Element) enhance(node);
});
