import type { Router } from 'express';
import { isAppError } from '../../errors';
import { authInstant, signIn } from '../../workflow/auth/sign-in';
import { Button, Input, InsetText, NotificationBanner } from '../components';
import type { WebDeps } from '../deps';
import { errorFor, type FieldError, type Fields, FormErrors, formFields, titleWithErrors } from '../forms';
import { CsrfField } from '../layout';
import { contextOf, type LayoutData, page, type PageContext, safeReturnPath, send } from '../page';
import type { PostGuards } from '../page-types';

/**
 * Sign in, sign out. The page and `POST /api/auth/login` share one use case (`signIn`) and one budget
 * of failed attempts (the API's limiters, per account and per address). Neither the wrong-password nor
 * the too-many-attempts message says whether the account exists.
 */
function SignInForm({
  ctx,
  fields,
  errors,
  next,
}: {
  ctx: PageContext;
  fields: Fields;
  errors: FieldError[];
  next: string | null;
}) {
  const m = ctx.m;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <FormErrors errors={errors} m={m} />
        {ctx.req.query.signedOut === '1' && errors.length === 0 ? (
          <NotificationBanner type="success" text={m.signIn.signedOut} />
        ) : null}
        <h1 class="govuk-heading-l">{m.signIn.title}</h1>
        {next && errors.length === 0 ? <InsetText text={m.signIn.needSignIn} /> : null}
        <p class="govuk-body">{m.signIn.intro}</p>
        <form method="post" action="/sign-in" novalidate>
          <CsrfField token={ctx.csrf()} />
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <Input
            name="username"
            id="username"
            label={{ text: m.signIn.username }}
            value={fields.username ?? ''}
            autocomplete="username"
            spellcheck={false}
            autocapitalize="none"
            classes="govuk-!-width-one-half"
            errorMessage={errorFor(errors, 'username')}
          />
          <Input
            name="password"
            id="password"
            type="password"
            label={{ text: m.signIn.password }}
            autocomplete="current-password"
            classes="govuk-!-width-one-half"
            errorMessage={errorFor(errors, 'password')}
          />
          <Button text={m.signIn.submit} preventDoubleClick />
        </form>
      </div>
    </div>
  );
}

/** The password exactly as typed (not normalised: it must match what the API would be sent). */
export function rawPassword(body: unknown, field = 'password'): string {
  const v = (body as Record<string, unknown> | undefined)?.[field];
  return typeof v === 'string' ? v : '';
}

export function registerSignIn(
  router: Router,
  deps: WebDeps,
  layoutData: (ctx: PageContext) => Promise<LayoutData>,
  guards: PostGuards,
): void {
  router.get(
    '/sign-in',
    page(deps, layoutData, (ctx) => {
      const next = safeReturnPath(ctx.req.query.next);
      if (ctx.user) return { redirect: next ?? '/' };
      return {
        title: ctx.m.signIn.title,
        body: <SignInForm ctx={ctx} fields={{}} errors={[]} next={next} />,
      };
    }),
  );

  const answer = async (ctx: PageContext, status: number, errors: FieldError[], fields: Fields) => {
    const next = safeReturnPath(fields.next);
    await send(
      ctx,
      {
        status,
        title: titleWithErrors(ctx.m.signIn.title, errors, ctx.m),
        body: (
          <SignInForm ctx={ctx} fields={{ username: fields.username ?? '' }} errors={errors} next={next} />
        ),
      },
      () => layoutData(ctx),
    );
  };

  router.post(
    '/sign-in',
    ...guards.form,
    // Blank fields are the form's own errors, not failed attempts: answered before the limiters count.
    (req, res, next) => {
      const ctx = contextOf(req, res, deps);
      const fields = formFields(req);
      const errors: FieldError[] = [];
      if (!fields.username?.trim())
        errors.push({ field: 'username', href: 'username', text: ctx.m.signIn.usernameMissing });
      if (!fields.password)
        errors.push({ field: 'password', href: 'password', text: ctx.m.signIn.passwordMissing });
      if (errors.length) answer(ctx, 422, errors, fields).catch(next);
      else next();
    },
    ...[deps.loginLimiter.perAddress, deps.loginLimiter.perUsername].map(
      (limiter) =>
        ((req, res, next) =>
          limiter(req, res, (e?: unknown) => {
            if (isAppError(e) && e.code === 'RATE_LIMITED') {
              const ctx = contextOf(req, res, deps);
              const err = [{ field: 'username', href: 'username', text: ctx.m.signIn.tooMany }];
              answer(ctx, 429, err, formFields(req)).catch(next);
            } else next(e);
          })) as Parameters<Router['post']>[1],
    ),
    async (req, res, next) => {
      const ctx = contextOf(req, res, deps);
      const fields = formFields(req);
      try {
        const user = await signIn(
          { db: deps.engine.db, passwords: deps.passwords },
          {
            username: fields.username ?? '',
            password: rawPassword(req.body),
          },
        );
        await deps.startSession(req, user.id, authInstant(user));
        req.log.info({ userId: user.id }, 'sign in (page)');
        res.redirect(303, safeReturnPath(fields.next) ?? '/');
      } catch (e) {
        if (isAppError(e) && e.code === 'UNAUTHENTICATED')
          await answer(
            ctx,
            401,
            [{ field: 'username', href: 'username', text: ctx.m.signIn.wrong }],
            fields,
          ).catch(next);
        else next(e);
      }
    },
  );

  router.post('/sign-out', ...guards.form, (req, res, next) => {
    if (!req.session) return res.redirect(303, '/sign-in');
    req.session.destroy((e: unknown) => {
      if (e) return next(e);
      res.clearCookie(deps.sessionCookie, { path: '/' });
      res.redirect(303, '/sign-in?signedOut=1');
    });
  });
}
