/* eslint-disable @typescript-eslint/no-explicit-any -- test answers are checked with expect(), not types */
/** A tiny fetch client for integration tests: JSON in and out, cookie session or bearer token. */
export interface Credentials {
  /** `name=value` of the session cookie. */
  cookie?: string;
  csrfToken?: string;
  token?: string;
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is (string, Buffer, FormData); no JSON encoding. */
  raw?: NonNullable<RequestInit['body']>;
  headers?: Record<string, string>;
  /** Leave the CSRF header out even with a session. */
  noCsrf?: boolean;
}

export async function request<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  creds: Credentials = {},
  opts: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (creds.cookie) headers.cookie = creds.cookie;
  if (creds.token) headers.authorization = `Bearer ${creds.token}`;
  if (creds.csrfToken && !opts.noCsrf && method !== 'GET') headers['x-csrf-token'] = creds.csrfToken;
  let body: NonNullable<RequestInit['body']> | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(baseUrl + path, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  const parsed = type.includes('json') && text !== '' ? (JSON.parse(text) as T) : (text as unknown as T);
  return { status: res.status, headers: res.headers, body: parsed, text };
}

export interface Client {
  creds: Credentials;
  get<T = any>(path: string, opts?: RequestOptions): Promise<ApiResponse<T>>;
  post<T = any>(path: string, body?: unknown, opts?: RequestOptions): Promise<ApiResponse<T>>;
  put<T = any>(path: string, body?: unknown, opts?: RequestOptions): Promise<ApiResponse<T>>;
  patch<T = any>(path: string, body?: unknown, opts?: RequestOptions): Promise<ApiResponse<T>>;
  delete<T = any>(path: string, opts?: RequestOptions): Promise<ApiResponse<T>>;
}

export function client(baseUrl: string, creds: Credentials = {}): Client {
  const withBody =
    (method: string) =>
    (path: string, body?: unknown, opts: RequestOptions = {}) =>
      request(baseUrl, method, path, creds, body === undefined ? opts : { ...opts, body });
  return {
    creds,
    get: (path, opts) => request(baseUrl, 'GET', path, creds, opts),
    post: withBody('POST'),
    put: withBody('PUT'),
    patch: withBody('PATCH'),
    delete: (path, opts) => request(baseUrl, 'DELETE', path, creds, opts),
  };
}

/** The `name=value` part of the session cookie in a response, if it sets one. */
export function sessionCookieOf(headers: Headers, name = 'accolade.sid'): string | undefined {
  for (const c of headers.getSetCookie()) {
    const first = c.split(';')[0]!;
    if (first.startsWith(`${name}=`)) return first;
  }
  return undefined;
}

/** Checks the RFC 9457 shape and returns the body. */
export function expectProblem(res: ApiResponse, status: number, code: string): any {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status,
    code,
    detail: expect.any(String),
  });
  expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
  expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/);
  return res.body;
}
