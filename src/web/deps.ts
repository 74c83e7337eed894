import type { Request, RequestHandler } from 'express';
import type { Config } from '../config';
import type { PasswordPort } from '../workflow/auth/passwords';
import type { DemoMailDeps } from '../workflow/demo/list-demo-mail';
import type { EngineDeps } from '../workflow/types';

/** What the pages need, given by createApp: the engine (use cases), configuration, and the API's own login parts. */
export interface WebDeps {
  engine: EngineDeps;
  config: Pick<Config, 'TZ_BUSINESS' | 'NODE_ENV' | 'publicUrl'>;
  passwords: PasswordPort;
  /** The API login's failed-attempt limiters: the sign-in page counts against the same budget. */
  loginLimiter: { perAddress: RequestHandler; perUsername: RequestHandler };
  /** Starts a fresh session for a user who proved their password (the API login's own): returns its CSRF token. */
  startSession(req: Request, userId: number, authAt: number): Promise<string>;
  /** The session cookie's name (cleared on sign-out). */
  sessionCookie: string;
  /** The demo's caught mail: the page "Hộp thư thử nghiệm" exists only with it (the demo). */
  demoMail?: DemoMailDeps;
  /** Where the built assets are (default `dist/public`). */
  assetsDir?: string;
}
