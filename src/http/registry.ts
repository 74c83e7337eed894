import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Role } from '../../machines/contract';
import { AppError } from '../errors';
import type { Actor, UserRecord } from '../workflow/types';
import { requireRole } from '../workflow/access';
import { authOf, checkCsrf } from './auth';
import { fieldErrors, PROBLEM_CONTENT_TYPE, problemSchema } from './problem';
import { acceptDescription, receiveUpload, type UploadAccept, type UploadedFile } from './upload';

/**
 * One declaration per route gives both the Express handler (authentication, CSRF, zod validation of
 * params, query and body, the answer) and its OpenAPI 3.1 operation, so the document cannot drift from
 * what the server does.
 */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** `public`: anyone; `user`: any authenticated caller; a list: any of these roles. */
export type AuthRule = 'public' | 'user' | readonly Role[];

export type ResponseSpec =
  z.ZodType | string | { description: string; schema?: z.ZodType; contentType?: string; binary?: boolean };

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteContext<B, Q, P, A extends AuthRule> {
  req: Request;
  res: Response;
  body: Out<B>;
  query: Out<Q>;
  params: Out<P>;
  /** The caller; null only on public routes called anonymously. */
  actor: A extends 'public' ? Actor | null : Actor;
  user: A extends 'public' ? UserRecord | null : UserRecord;
  /** The uploaded file of a multipart route (its type already checked by content). */
  file: UploadedFile | undefined;
}

export interface RouteSpec<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
  A extends AuthRule = AuthRule,
> {
  method: HttpMethod;
  /** Express syntax (`/api/units/:id`); becomes `/api/units/{id}` in the document. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  operationId?: string;
  auth: A;
  /** Cookie-authenticated state changes need `X-CSRF-Token`; default true (ignored on GET). */
  csrf?: boolean;
  body?: B;
  query?: Q;
  params?: P;
  /** Multipart route: the file field, checked by content (`accept`, default documents: PDF, DOCX, XLSX, JPEG, PNG); `body` then validates the text fields. */
  upload?: { field: string; required?: boolean; accept?: UploadAccept };
  /** Status → zod schema of the JSON answer, or a description. The lowest 2xx is the success status. */
  responses: Record<number, ResponseSpec>;
  /** Runs after validation (the validated body is in `req.body`), before the handler: rate limits and such. */
  middleware?: RequestHandler[];
  /** Left out of the OpenAPI document (test-only routes). */
  hidden?: boolean;
  /**
   * Returns the JSON answer (sent with the success status; `undefined` → empty body), or answers itself
   * through `ctx.res` (files, other statuses). Throw AppError for failures.
   */
  handler: (ctx: RouteContext<B, Q, P, A>) => unknown;
}

interface StoredRoute {
  spec: RouteSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined, AuthRule>;
}

export interface RegistryOptions {
  jsonLimit: string | number;
  uploadMaxBytes: number;
  /** Check every JSON answer against its declared schema (tests): a mismatch is a 500. */
  validateResponses?: boolean;
}

const hasBodyMethod = (m: HttpMethod): boolean =>
  m === 'post' || m === 'put' || m === 'patch' || m === 'delete';

function requestHasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const len = req.headers['content-length'];
  return len !== undefined && len !== '0';
}

function successStatus(responses: Record<number, ResponseSpec>): number {
  const ok = Object.keys(responses)
    .map(Number)
    .filter((s) => s >= 200 && s < 300)
    .sort((a, b) => a - b);
  return ok[0] ?? 200;
}

function schemaOfResponse(r: ResponseSpec | undefined): z.ZodType | undefined {
  if (r === undefined || typeof r === 'string') return undefined;
  if (r instanceof z.ZodType) return r;
  return r.schema;
}

export class RouteRegistry {
  readonly router: Router = express.Router();
  private readonly routes: StoredRoute[] = [];
  private readonly jsonParser: RequestHandler;

  constructor(private readonly opts: RegistryOptions) {
    this.jsonParser = express.json({
      limit: opts.jsonLimit,
      type: ['application/json', 'application/*+json'],
    });
  }

  add<
    B extends z.ZodType | undefined = undefined,
    Q extends z.ZodType | undefined = undefined,
    P extends z.ZodType | undefined = undefined,
    A extends AuthRule = AuthRule,
  >(spec: RouteSpec<B, Q, P, A>): void {
    const duplicate = this.routes.find((r) => r.spec.method === spec.method && r.spec.path === spec.path);
    if (duplicate) throw new Error(`route ${spec.method.toUpperCase()} ${spec.path} declared twice`);
    this.routes.push({ spec });
    const chain: RequestHandler[] = [this.guard(spec.auth, spec.csrf ?? true)];
    if (spec.upload)
      chain.push(receiveUpload(spec.upload.field, this.opts.uploadMaxBytes, spec.upload.accept));
    else if (spec.body && hasBodyMethod(spec.method)) chain.push(this.jsonBody());
    chain.push(this.validate(spec), ...(spec.middleware ?? []), this.handle(spec));
    this.router[spec.method](spec.path, ...chain);
  }

  /** All declared routes (method, path, auth), for tests and tooling. */
  list(): Array<{ method: HttpMethod; path: string; auth: AuthRule }> {
    return this.routes.map(({ spec }) => ({ method: spec.method, path: spec.path, auth: spec.auth }));
  }

  private guard(rule: AuthRule, csrf: boolean): RequestHandler {
    return (req, _res, next) => {
      try {
        if (rule !== 'public') {
          const { actor } = authOf(req);
          if (csrf) checkCsrf(req);
          if (rule !== 'user') requireRole(actor, ...rule);
        }
        next();
      } catch (e) {
        next(e);
      }
    };
  }

  /** JSON only: another declared content type is 415; no body at all validates as `{}`. */
  private jsonBody(): RequestHandler {
    return (req, res, next) => {
      if (requestHasBody(req) && !req.is(['application/json', 'application/*+json'])) {
        next(
          new AppError('UNSUPPORTED_MEDIA_TYPE', 'The body must be JSON (Content-Type: application/json)'),
        );
        return;
      }
      this.jsonParser(req, res, next);
    };
  }

  private validate(
    spec: RouteSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined, AuthRule>,
  ): RequestHandler {
    return async (req, res, next) => {
      try {
        const errors = [];
        const parsed: Record<'params' | 'query' | 'body', unknown> = {
          params: {},
          query: {},
          body: undefined,
        };
        const parts = [
          ['params', spec.params, req.params],
          ['query', spec.query, req.query],
          ['body', spec.body, (req.body as unknown) ?? {}],
        ] as const;
        for (const [where, schema, value] of parts) {
          if (!schema) continue;
          // Text the database cannot store is bad input, whatever the schema says of the field.
          const unstorable = unstorableFields(value);
          if (unstorable.length > 0) {
            errors.push(...unstorable);
            continue;
          }
          const r = await schema.safeParseAsync(value);
          if (r.success) parsed[where] = r.data;
          else errors.push(...fieldErrors(r.error.issues, undefined, where));
        }
        if (spec.upload) {
          const file = (req as Request & { uploaded?: UploadedFile }).uploaded;
          if (!file && spec.upload.required !== false)
            errors.push({ field: spec.upload.field, message: 'is required' });
        }
        if (errors.length > 0) {
          const names = [...new Set(errors.map((e) => e.field))].join(', ');
          throw new AppError('VALIDATION_FAILED', `Invalid request: ${names}`, { errors });
        }
        res.locals.validated = parsed;
        if (spec.body) req.body = parsed.body;
        next();
      } catch (e) {
        next(e);
      }
    };
  }

  private handle(
    spec: RouteSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined, AuthRule>,
  ): RequestHandler {
    const status = successStatus(spec.responses);
    const responseSchema = schemaOfResponse(spec.responses[status]);
    return async (req, res, next) => {
      try {
        const v = res.locals.validated as Record<'params' | 'query' | 'body', unknown>;
        const ctx = {
          req,
          res,
          body: v.body,
          query: v.query,
          params: v.params,
          actor: req.auth?.actor ?? null,
          user: req.auth?.user ?? null,
          file: (req as Request & { uploaded?: UploadedFile }).uploaded,
        } as RouteContext<unknown, unknown, unknown, AuthRule>;
        const result: unknown = await spec.handler(ctx);
        if (res.headersSent || res.writableEnded) return;
        if (result === undefined) {
          res.status(status).end();
          return;
        }
        if (this.opts.validateResponses && responseSchema) {
          const check = responseSchema.safeParse(result);
          if (!check.success)
            throw new Error(
              `response of ${spec.method.toUpperCase()} ${spec.path} does not match its schema: ${z.prettifyError(check.error)}`,
            );
        }
        res.status(status).json(result);
      } catch (e) {
        next(e);
      }
    };
  }

  /** The OpenAPI 3.1 document of every route not hidden. */
  openApi(info: {
    title: string;
    version: string;
    description?: string;
    serverUrl?: string;
  }): OpenApiDocument {
    const components: Record<string, unknown> = {};
    const state: LiftState = { components, anonymous: 0 };
    const convert = (schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> =>
      liftDefs(z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }), state);
    const problemRef = convert(problemSchema, 'output');
    const problem = (description: string) => ({
      description,
      content: { [PROBLEM_CONTENT_TYPE]: { schema: problemRef } },
    });

    const paths: Record<string, Record<string, unknown>> = {};
    for (const { spec } of this.routes) {
      if (spec.hidden) continue;
      const oaPath = spec.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const parameters: unknown[] = [];
      for (const [where, schema] of [
        ['path', spec.params],
        ['query', spec.query],
      ] as const) {
        if (!schema) continue;
        const js = convert(schema, 'input');
        const props = (js.properties ?? {}) as Record<string, Record<string, unknown>>;
        const required = new Set((js.required ?? []) as string[]);
        for (const [name, s] of Object.entries(props)) {
          const { description, ...rest } = s;
          parameters.push({
            name,
            in: where,
            required: where === 'path' || required.has(name),
            ...(typeof description === 'string' ? { description } : {}),
            schema: rest,
          });
        }
      }
      const op: Record<string, unknown> = {
        operationId: spec.operationId ?? operationIdOf(spec.method, spec.path),
        summary: spec.summary,
        tags: spec.tags,
      };
      const roleNote = Array.isArray(spec.auth)
        ? `Roles: ${(spec.auth as readonly string[]).join(', ')}.`
        : undefined;
      const description = [spec.description, roleNote].filter(Boolean).join('\n\n');
      if (description) op.description = description;
      if (Array.isArray(spec.auth)) op['x-roles'] = spec.auth;
      if (parameters.length) op.parameters = parameters;
      if (spec.upload) {
        const fields = spec.body ? convert(spec.body, 'input') : { type: 'object', properties: {} };
        const props = { ...((fields.properties ?? {}) as Record<string, unknown>) };
        props[spec.upload.field] = {
          type: 'string',
          contentMediaType: 'application/octet-stream',
          description: acceptDescription[spec.upload.accept ?? 'documents'],
        };
        const required = [
          ...((fields.required ?? []) as string[]),
          ...(spec.upload.required === false ? [] : [spec.upload.field]),
        ];
        op.requestBody = {
          required: true,
          content: { 'multipart/form-data': { schema: { ...fields, properties: props, required } } },
        };
      } else if (spec.body) {
        op.requestBody = {
          required: true,
          content: { 'application/json': { schema: convert(spec.body, 'input') } },
        };
      }
      const responses: Record<string, unknown> = {};
      for (const [status, r] of Object.entries(spec.responses)) {
        const code = Number(status);
        if (typeof r === 'string') responses[status] = code >= 400 ? problem(r) : { description: r };
        else if (r instanceof z.ZodType)
          responses[status] = {
            description: 'OK',
            content: { 'application/json': { schema: convert(r, 'output') } },
          };
        else if (r.binary)
          responses[status] = {
            description: r.description,
            content: { [r.contentType ?? 'application/octet-stream']: {} },
          };
        else
          responses[status] = {
            description: r.description,
            ...(r.schema
              ? {
                  content: { [r.contentType ?? 'application/json']: { schema: convert(r.schema, 'output') } },
                }
              : {}),
          };
      }
      const add = (status: number, description: string) => {
        responses[String(status)] ??= problem(description);
      };
      if (spec.body || spec.query || spec.params || spec.upload)
        add(400, 'Invalid request: `errors` names every offending field');
      if (spec.auth !== 'public') {
        add(401, 'Not authenticated');
        add(403, Array.isArray(spec.auth) ? 'Missing role, or missing X-CSRF-Token' : 'Missing X-CSRF-Token');
      }
      if (spec.params) add(404, 'Not found (or not visible to the caller)');
      if (spec.body || spec.upload) {
        add(413, 'Payload too large');
        add(415, spec.upload ? 'Not multipart/form-data' : 'Not JSON');
      }
      add(500, 'Internal error (no details; quote the requestId)');
      op.responses = responses;
      op.security = spec.auth === 'public' ? [] : [{ cookieAuth: [], csrfToken: [] }, { bearerAuth: [] }];
      (paths[oaPath] ??= {})[spec.method] = op;
    }
    return {
      openapi: '3.1.0',
      info: {
        title: info.title,
        version: info.version,
        ...(info.description ? { description: info.description } : {}),
      },
      ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
      jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
      tags: [...new Set(this.routes.filter((r) => !r.spec.hidden).flatMap((r) => r.spec.tags))].map(
        (name) => ({ name }),
      ),
      paths,
      components: {
        schemas: components,
        securitySchemes: {
          cookieAuth: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: 'Set by POST /api/auth/login',
          },
          csrfToken: {
            type: 'apiKey',
            in: 'header',
            name: 'X-CSRF-Token',
            description:
              'Required with the session cookie on POST/PUT/PATCH/DELETE; returned by login and GET /api/auth/csrf',
          },
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'A token from POST /api/auth/tokens' },
        },
      },
    };
  }
}

export const SESSION_COOKIE = 'accolade.sid';

/** NUL (PostgreSQL text and jsonb refuse it) or a lone UTF-16 surrogate (not Unicode text). */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The fields of a request part (keys included) holding text that cannot be stored: a NUL character or
 * an unpaired surrogate. Iterative, so a deeply nested body cannot overflow the stack.
 */
export function unstorableFields(value: unknown): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  const stack: Array<[unknown, string]> = [[value, '']];
  const message = 'must not contain NUL characters or unpaired surrogates';
  while (stack.length > 0 && out.length < 20) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) out.push({ field: path || 'body', message });
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const p = path ? `${path}.${k}` : k;
        if (UNSTORABLE.test(k)) out.push({ field: path || 'body', message: `has a key that ${message}` });
        else stack.push([x, p]);
      }
    }
  }
  return out;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: Record<string, unknown>;
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  [k: string]: unknown;
}

function operationIdOf(method: HttpMethod, path: string): string {
  const words = path
    .replace(/^\/api\//, '/')
    .split(/[/_-]+/)
    .filter(Boolean)
    .map((w) => (w.startsWith(':') ? `by ${w.slice(1)}` : w))
    .join(' ')
    .split(' ');
  return [method, ...words].map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
}

/**
 * zod puts named (`.meta({id})`) and recursive schemas in `$defs` with `#/$defs/…` references (and a
 * recursive root refers to itself as `#`); inside an OpenAPI document `#` is the document, so they move
 * to `components/schemas` and the references follow. Anonymous defs (`__schema0`) get unique names.
 */
interface LiftState {
  components: Record<string, unknown>;
  anonymous: number;
}

function liftDefs(schema: Record<string, unknown>, state: LiftState): Record<string, unknown> {
  const defs = (schema.$defs ?? {}) as Record<string, unknown>;
  const names = new Map<string, string>();
  for (const name of Object.keys(defs))
    names.set(name, name.startsWith('__schema') ? `Schema${++state.anonymous}` : name);
  const root = { ...schema };
  delete root.$schema;
  delete root.$defs;
  let rootName: string | undefined;
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (v && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (k === '$ref' && typeof x === 'string' && x.startsWith('#/$defs/'))
          o[k] =
            `#/components/schemas/${names.get(x.slice('#/$defs/'.length)) ?? x.slice('#/$defs/'.length)}`;
        else if (k === '$ref' && x === '#')
          o[k] = `#/components/schemas/${(rootName ??= `Schema${++state.anonymous}`)}`;
        else o[k] = rewrite(x);
      }
      return o;
    }
    return v;
  };
  for (const [name, def] of Object.entries(defs)) state.components[names.get(name)!] ??= rewrite(def);
  const out = rewrite(root) as Record<string, unknown>;
  if (rootName === undefined) return out;
  state.components[rootName] = out;
  return { $ref: `#/components/schemas/${rootName}` };
}
