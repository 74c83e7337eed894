import type { Request } from 'express';
import { isHtmx } from './security';

/**
 * The one-line confirmation after a POST → 303 → GET ("Đã thực hiện: …"). It is kept in the session for
 * the page the POST redirects to, and shown by that page's first whole-page GET: a fragment request or
 * another page loaded meanwhile (an htmx refresh, a second tab) neither shows it nor uses it up.
 */
export interface Flash {
  path: string;
  text: string;
}

declare module 'express-session' {
  interface SessionData {
    flash?: Flash;
  }
}

export function setFlash(req: Request, redirectTo: string, text: string): void {
  req.session.flash = { path: new URL(redirectTo, 'http://x').pathname, text };
}

export function takeFlash(req: Request): string | null {
  const f = req.session?.flash;
  if (req.method !== 'GET' || !f || f.path !== req.path) return null;
  if (isHtmx(req) && req.get('hx-history-restore-request') !== 'true') return null;
  delete req.session.flash;
  return f.text;
}
