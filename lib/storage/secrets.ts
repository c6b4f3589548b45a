// Nothing that names a token, no string that contains a known token and no string shaped like a Meta access token
// is written outside the token vault: not into a quarantined copy, not into an export.

/** Meta's Page and user access tokens start with "EAA" and run on for well over a hundred letters and digits (every
 *  token the Graph API Explorer and the Login dialog hand out, 2026). A damaged value may hold one under any key
 *  ("secret", "pat", "auth"…), so the shape is redacted wherever it appears, not only under a key naming a token. */
const TOKEN_SHAPE = /EAA[A-Za-z0-9]{32,}/;

/** Whether a string holds a known token or something shaped like a Meta access token. */
function holdsSecretText(value: string, tokens: readonly string[]): boolean {
  return TOKEN_SHAPE.test(value) || tokens.some((token) => token && value.includes(token));
}

/** Drops every key that names a token, at any depth, and replaces any string holding a token (known or token-shaped). */
export function redactSecrets(value: unknown, tokens: readonly string[] = []): unknown {
  if (typeof value === 'string') return holdsSecretText(value, tokens) ? '[redacted]' : value;
  if (Array.isArray(value)) return value.map((entry) => redactSecrets(entry, tokens));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !/token/i.test(key))
        .map(([key, entry]) => [key, redactSecrets(entry, tokens)]),
    );
  }
  return value;
}

/** Whether `value` holds a key that names a token, or a token-shaped string, anywhere (a value written before
 *  tokens moved out, or quarantined by a version that redacted keys only). */
export function holdsSecret(value: unknown): boolean {
  if (typeof value === 'string') return holdsSecretText(value, []);
  if (Array.isArray(value)) return value.some(holdsSecret);
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([key, entry]) => /token/i.test(key) || holdsSecret(entry));
  }
  return false;
}
