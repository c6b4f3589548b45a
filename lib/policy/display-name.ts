/** A display name as compared across Business Suite's header and the Graph participants:
 *  trimmed, inner whitespace collapsed, case- and accent-insensitive ("  José  Pérez" = "jose perez"). */
export function normalizeDisplayName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
}
