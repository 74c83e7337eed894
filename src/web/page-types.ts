import type { Request, RequestHandler, Response } from 'express';
import type { JSX } from 'preact';
import type { UserRecord } from '../workflow/types';
import type { Actor } from '../workflow/types';
import type { Assets } from './assets/manifest';
import type { WebDeps } from './deps';
import type { Catalogue, Locale } from './i18n';

/**
 * How a page is declared: `page(async (ctx) => …)` is an Express handler; the function gets a
 * {@link PageContext} (the caller, the language and its strings, the CSRF token, the clock) and answers
 * a {@link PageResult}: a page (rendered in the layout), an htmx fragment, or a 303 redirect.
 */
export interface PageContext {
  req: Request;
  res: Response;
  deps: WebDeps;
  locale: Locale;
  m: Catalogue;
  /** The signed-in user (session only: bearer tokens do not open pages), or null. */
  user: UserRecord | null;
  actor: Actor | null;
  now: Date;
  timeZone: string;
  /** The session's token, for forms (`<CsrfField>`) and the htmx `<meta>`. */
  csrf(): string;
  /** A one-time message left by the previous request (POST → 303 → GET), read once. */
  flash: string | null;
}

export type PageResult =
  | {
      title: string;
      body: JSX.Element;
      status?: number;
      /** Wide pages (tables) use the full 1200px; others keep the reading width. */
      backLink?: { href: string; text?: string };
      /** `<main>` content for an htmx request targeting `#id` (not a history restore). */
      fragment?: { targetId: string; body: JSX.Element };
      /** The navigation item to mark current. */
      nav?: string;
    }
  | { redirect: string; flash?: string };

export interface LayoutData {
  assets: Assets;
  department: string;
  unitName: string | null;
}

/** The guards every POST route starts with. */
export interface PostGuards {
  /** A url-encoded form: same origin (headers), then the body, then the `_csrf` field. */
  form: RequestHandler[];
}
