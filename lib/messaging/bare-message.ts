// Messages to and from the content script outside the Zod protocol (lib/messaging/protocol.ts): the content script
// bundles no Zod (its 25 KB budget), so their one shape, `{ type: <literal> }`, is checked here by hand, as strictly
// as a schema would: an object with exactly one key, `type`, holding exactly that value.

/** True only for `{ type }` with nothing else in it. */
export function isBareMessage(message: unknown, type: string): boolean {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return false;
  const keys = Object.keys(message);
  return keys.length === 1 && keys[0] === 'type' && (message as { type: unknown }).type === type;
}
