import type { Router } from 'express';
import { isAppError } from '../../errors';
import { changePassword } from '../../workflow/auth/change-password';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../workflow/auth/passwords';
import { setUserLocale } from '../../workflow/auth/set-locale';
import { Button, Input } from '../components';
import type { WebDeps } from '../deps';
import { errorFor, type FieldError, FormErrors, formFields, titleWithErrors } from '../forms';
import { isLocale } from '../i18n';
import { setFlash } from '../flash';
import { CsrfField } from '../layout';
import type { PostGuards } from '../page-types';
import {
  contextOf,
  LANG_COOKIE,
  type LayoutData,
  page,
  type PageContext,
  requireUser,
  safeReturnPath,
  send,
} from '../page';
import { rawPassword } from './sign-in.page';

/** The signed-in user's own settings: the password, and the language (also for anonymous visitors). */
function PasswordForm({ ctx, errors }: { ctx: PageContext; errors: FieldError[] }) {
  const m = ctx.m;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <FormErrors errors={errors} m={m} />
        <h1 class="govuk-heading-l">{m.password.title}</h1>
        <form method="post" action="/account/password" novalidate>
          <CsrfField token={ctx.csrf()} />
          <Input
            name="currentPassword"
            type="password"
            label={{ text: m.password.current }}
            autocomplete="current-password"
            classes="govuk-!-width-one-half"
            errorMessage={errorFor(errors, 'currentPassword')}
          />
          <Input
            name="newPassword"
            type="password"
            label={{ text: m.password.new }}
            hint={{ text: m.password.newHint(PASSWORD_MIN_LENGTH) }}
            autocomplete="new-password"
            classes="govuk-!-width-one-half"
            errorMessage={errorFor(errors, 'newPassword')}
          />
          <Input
            name="confirmPassword"
            type="password"
            label={{ text: m.password.confirm }}
            autocomplete="new-password"
            classes="govuk-!-width-one-half"
            errorMessage={errorFor(errors, 'confirmPassword')}
          />
          <Button text={m.password.submit} preventDoubleClick />
        </form>
      </div>
    </div>
  );
}

export function registerAccount(
  router: Router,
  deps: WebDeps,
  layoutData: (ctx: PageContext) => Promise<LayoutData>,
  guards: PostGuards,
): void {
  router.get(
    '/account/password',
    page(deps, layoutData, (ctx) => {
      requireUser(ctx);
      return {
        title: ctx.m.password.title,
        body: <PasswordForm ctx={ctx} errors={[]} />,
        backLink: { href: '/' },
      };
    }),
  );

  router.post('/account/password', ...guards.form, async (req, res, next) => {
    const ctx = contextOf(req, res, deps);
    try {
      const { user } = requireUser(ctx);
      const m = ctx.m;
      const current = rawPassword(req.body, 'currentPassword');
      const fresh = rawPassword(req.body, 'newPassword');
      const confirm = rawPassword(req.body, 'confirmPassword');
      const errors: FieldError[] = [];
      const err = (field: string, text: string) => errors.push({ field, href: field, text });
      if (!current) err('currentPassword', m.password.currentMissing);
      if (fresh.length < PASSWORD_MIN_LENGTH) err('newPassword', m.password.newTooShort(PASSWORD_MIN_LENGTH));
      else if (fresh.length > PASSWORD_MAX_LENGTH)
        err('newPassword', m.password.newTooLong(PASSWORD_MAX_LENGTH));
      else if (confirm !== fresh) err('confirmPassword', m.password.confirmMismatch);
      if (errors.length === 0) {
        try {
          const changedAt = await changePassword({ db: deps.engine.db, passwords: deps.passwords }, user.id, {
            currentPassword: current,
            newPassword: fresh,
          });
          await deps.startSession(req, user.id, changedAt.getTime());
          setFlash(req, '/', m.password.done);
          res.redirect(303, '/');
          return;
        } catch (e) {
          if (!isAppError(e) || e.code !== 'VALIDATION_FAILED') throw e;
          if (e.errors?.some((x) => x.field === 'currentPassword'))
            err('currentPassword', m.password.currentWrong);
          else err('newPassword', m.password.newSame);
        }
      }
      await send(
        ctx,
        {
          status: 422,
          title: titleWithErrors(m.password.title, errors, m),
          body: <PasswordForm ctx={ctx} errors={errors} />,
          backLink: { href: '/' },
        },
        () => layoutData(ctx),
      );
    } catch (e) {
      next(e);
    }
  });

  /** The language switch: remembered in a cookie (anonymous visitors too) and in the user's `locale`. */
  router.post('/language', ...guards.form, async (req, res, next) => {
    try {
      const fields = formFields(req);
      const lang = isLocale(fields.lang) ? fields.lang : 'vi';
      const actor = req.auth?.via === 'session' ? req.auth.actor : null;
      if (actor) await setUserLocale(deps.engine, actor, lang);
      res.cookie(LANG_COOKIE, lang, {
        httpOnly: true,
        sameSite: 'lax',
        secure: req.secure,
        path: '/',
        maxAge: 365 * 86_400_000,
      });
      res.redirect(303, safeReturnPath(fields.next, { signInPages: true }) ?? '/');
    } catch (e) {
      next(e);
    }
  });
}
