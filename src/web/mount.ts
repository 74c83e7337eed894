import express, { type RequestHandler, Router } from 'express';
import { getDepartment, getUnitName } from '../workflow/get-organisation';
import { assetsOf, loadManifest, publicDir, serveAssets } from './assets/manifest';
import type { WebDeps } from './deps';
import type { LayoutData, PageContext, PostGuards } from './page-types';
import { registerAccount } from './pages/account.page';
import { registerDemoMailbox } from './pages/demo-mailbox.page';
import { errorPage, pageErrorHandler } from './pages/errors.page';
import { registerHome } from './pages/home.page';
import { registerRecords } from './pages/record.page';
import { registerSignIn } from './pages/sign-in.page';
import { registerDirector } from './pages/director.page';
import { registerPublicNotice } from './pages/public-notice.page';
import { registerReports } from './pages/reports.page';
import { checkCsrfToken, pageCsp, sameOrigin } from './security';
import { contextOf, send } from './page';

/**
 * The web application, mounted by createApp beside the API on the same session and authentication:
 * - `assets`: `/assets/*` (before the session middleware: an asset never touches the database);
 * - `pages`: every page (`src/web/pages/*.page.tsx` registers its routes on one router), with the pages'
 *   Content-Security-Policy, the CSRF guards on every POST and the pages' error handler;
 * - `notFound`: the 404 page for any other path outside `/api` (after the API's routes).
 */
export interface Web {
  assets: RequestHandler;
  pages: Router;
  notFound: RequestHandler;
}

const DEPARTMENT_TTL_MS = 60_000;

export function createWeb(deps: WebDeps): Web {
  const dir = deps.assetsDir ?? publicDir();
  const manifest = loadManifest(dir);
  const assets = assetsOf(manifest);
  let department: { name: string; at: number } | null = null;
  const layoutData = async (ctx: PageContext): Promise<LayoutData> => {
    if (!department || Date.now() - department.at > DEPARTMENT_TTL_MS)
      department = { name: (await getDepartment(deps.engine))?.name ?? ctx.m.service.name, at: Date.now() };
    return {
      assets,
      department: department.name,
      unitName: await getUnitName(deps.engine, ctx.user?.unitId ?? null),
    };
  };

  const guards: PostGuards = {
    form: [
      sameOrigin,
      express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 }),
      checkCsrfToken,
    ],
  };

  const pages = Router();
  // The API and the other routers mounted beside the pages (queue board, health) are not pages.
  pages.use((req, _res, next) =>
    next(/^\/(api|admin\/queues|healthz)(\/|$)/.test(req.path) ? 'router' : undefined),
  );
  pages.use(pageCsp);
  registerSignIn(pages, deps, layoutData, guards);
  registerAccount(pages, deps, layoutData, guards);
  registerHome(pages, deps, layoutData);
  registerRecords(pages, deps, layoutData, guards);
  registerDirector(pages, deps, layoutData);
  registerReports(pages, deps, layoutData);
  registerPublicNotice(pages, deps, layoutData);
  registerDemoMailbox(pages, deps, layoutData);
  pages.use(pageErrorHandler(deps, layoutData));

  const notFound: RequestHandler = (req, res, next) => {
    if (req.path.startsWith('/api/') || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    pageCsp(req, res, () => {
      const ctx = contextOf(req, res, deps);
      send(ctx, errorPage(ctx, 404), () => layoutData(ctx)).catch(next);
    });
  };

  return { assets: serveAssets(dir, manifest), pages, notFound };
}
