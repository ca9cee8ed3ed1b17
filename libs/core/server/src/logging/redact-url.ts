/** What a secret query parameter's value becomes in logs. */
export const REDACTED = '[REDACTED]';

/** Parameter names (lower case, without `-`, `_`, `.`) whose value is a secret. */
const SECRET_NAMES = new Set(['token', 'secret', 'signature', 'sig', 'key', 'apikey', 'password', 'passwd', 'pwd', 'accesstoken', 'auth', 'authorization', 'credential', 'credentials']);
/** ... and the endings that make one (`callback_token`, `client_secret`, `x-api-key`, `adminPassword`...). */
const SECRET_SUFFIXES = ['token', 'secret', 'signature', 'apikey', 'password'];

/** A `name=value` pair of a query string (or of a fragment); the value ends at the next `&` or `#`. */
const PARAMETER = /([?&#])([^=&#?]*)=([^&#]*)/g;

/**
 * A URL fit for logs and stored records: the value of each secret-bearing query parameter (`token`, `secret`,
 * `signature`, `sig`, `access_token`, `api_key`, `key`, `password`... any case, also percent-encoded or as
 * `name[]`) replaced by {@link REDACTED}; the rest of the URL (path, other parameters, order, fragment) unchanged.
 * Callbacks from providers that sign nothing carry their shared secret as `?token=` (payment callbacks).
 */
export function redactUrl(url: string): string;
export function redactUrl(url: string | undefined): string | undefined;
export function redactUrl(url: string | undefined): string | undefined {
  if (typeof url !== 'string' || !/[?#]/.test(url)) return url;
  return url.replace(PARAMETER, (pair, separator: string, name: string) => (isSecretParameter(name) ? `${separator}${name}=${REDACTED}` : pair));
}

/** Whether a query parameter's name (as written in the URL) names a secret. */
export function isSecretParameter(name: string): boolean {
  let decoded = name.replace(/\+/g, ' ');
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // malformed percent-encoding: judged as written
  }
  // `token[]`, `auth[token]`: any part of a bracketed name
  return decoded
    .toLowerCase()
    .split(/[[\]]+/)
    .map((part) => part.replace(/[\s._-]+/g, ''))
    .some((part) => SECRET_NAMES.has(part) || SECRET_SUFFIXES.some((suffix) => part.endsWith(suffix)));
}
