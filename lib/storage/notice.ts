import type { StorageNotice } from '../messaging/types';

// Pure and import-free: the banner (content script) and the popup use it without pulling in storage code.

/** How full Reopen's storage is, in whole percent (100 when the browser sets no quota and a write was refused). */
export function storagePercent(notice: StorageNotice): number {
  return notice.quotaBytes ? Math.min(100, Math.floor((notice.bytesInUse / notice.quotaBytes) * 100)) : 100;
}
