/** The session cookie (HttpOnly) and the CSRF cookie the web app reads (double submit). */
export const SESSION_COOKIE = 'wp_session';
export const CSRF_COOKIE = 'wp_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function parseCookies(header: string | undefined): Record<string, string> {
  // no prototype: the names come from the request, and "__proto__" must stay a cookie name
  const out: Record<string, string> = Object.create(null);
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    try {
      out[name] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // A malformed cookie is ignored, never fatal.
    }
  }
  return out;
}

function cookie(
  name: string,
  value: string,
  opts: { httpOnly: boolean; maxAge: number; secure: boolean },
) {
  return [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    'SameSite=Lax',
    `Max-Age=${opts.maxAge}`,
    ...(opts.httpOnly ? ['HttpOnly'] : []),
    ...(opts.secure ? ['Secure'] : []),
  ].join('; ');
}

/** Set-Cookie values that start a session (maxAge in seconds) or, with maxAge 0, end it. */
export function sessionCookies(token: string, csrfToken: string, maxAge: number, secure: boolean) {
  return [
    cookie(SESSION_COOKIE, token, { httpOnly: true, maxAge, secure }),
    cookie(CSRF_COOKIE, csrfToken, { httpOnly: false, maxAge, secure }),
  ];
}
