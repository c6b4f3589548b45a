// Pure and import-free: the banner (content script) and the popup use it without pulling in storage code.

/** The extension storage near or at its quota (lib/storage/budget.ts): the banner and the popup say so. */
export interface StorageNotice {
  level: 'near_full' | 'full';
  bytesInUse: number;
  /** null where the browser sets no fixed quota (then only a refused write says `full`). */
  quotaBytes: number | null;
}

/** How full Reopen's storage is, in whole percent (100 when the browser sets no quota and a write was refused). */
export function storagePercent(notice: StorageNotice): number {
  return notice.quotaBytes ? Math.min(100, Math.floor((notice.bytesInUse / notice.quotaBytes) * 100)) : 100;
}
