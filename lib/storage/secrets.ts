// Nothing that names a token, and no string that contains a known token, is written outside the token vault:
// not into a quarantined copy, not into an export.

/** Drops every key that names a token, at any depth, and replaces any string containing a known token. */
export function redactSecrets(value: unknown, tokens: readonly string[] = []): unknown {
  if (typeof value === 'string') return tokens.some((token) => token && value.includes(token)) ? '[redacted]' : value;
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

/** Whether `value` holds a key that names a token anywhere (a value written before tokens moved out). */
export function holdsSecretKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsSecretKey);
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([key, entry]) => /token/i.test(key) || holdsSecretKey(entry));
  }
  return false;
}
