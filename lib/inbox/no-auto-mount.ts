// Stands in for @1natsu/wait-element in the build (wxt.config.ts aliases it here). WXT bundles that library
// only for ShadowRootContentScriptUi.autoMount(), which Reopen does not call: lib/inbox/composer-mount.ts
// mounts beside the composer for a fraction of the host page's time (bench/results.json, hostPageCost).
// Leaving it out keeps ~1.1 KB gzip out of the content script (its budget is 25 KB). Should anyone call
// autoMount() again, it fails loudly here instead of silently never following its anchor.

const WHY = 'autoMount() is not available in Reopen: mount through lib/inbox/composer-mount.ts (see wxt.config.ts)';

export function waitElement(): Promise<never> {
  return Promise.reject(new Error(WHY));
}

export function isExist(): never {
  throw new Error(WHY);
}

export function isNotExist(): never {
  throw new Error(WHY);
}
