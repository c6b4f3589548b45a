// Versions of the stored shapes and their migration steps.
//
// Each stored item carries its version in WXT's metadata (`<key>$` → { v }). When a shape changes:
// bump its version here, add ONE file per step (e.g. `thread-v2.ts` exporting `(old: unknown) => unknown`
// that turns a v1 value into v2), register it below under the version it produces, and test it with a
// fixture of the old shape. A step that throws, or a result that does not parse, is quarantined by
// lib/storage/quarantine.ts instead of crashing the worker.
//
// v1 is the first released shape of every item; there is no older shape to migrate from yet.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a step takes the shape of the version below it, which only that step's own file knows (WXT types its migrations the same way)
export type MigrationStep = (old: any) => unknown;
/** target version → step from the version just below it (WXT's `migrations` option). */
export type Migrations = Record<number, MigrationStep>;

export const SETTINGS_VERSION = 1;
export const settingsMigrations: Migrations = {};

export const PAGES_VERSION = 1;
export const pagesMigrations: Migrations = {};

export const THREAD_RECORD_VERSION = 1;
export const threadMigrations: Migrations = {};

export const PSID_MAPPING_VERSION = 1;
export const psidMappingMigrations: Migrations = {};

/** Runs the steps from `fromVersion` up to `toVersion` on a value read in bulk (listing bypasses defineItem).
 *  Same semantics as WXT's item migration: a missing step leaves the value unchanged. */
export function migrateValue(value: unknown, fromVersion: number, toVersion: number, migrations: Migrations): unknown {
  if (fromVersion > toVersion) throw new Error(`Stored version ${fromVersion} is newer than this build (${toVersion})`);
  let current = value;
  for (let version = fromVersion + 1; version <= toVersion; version++) {
    const step = migrations[version];
    if (step) current = step(current) ?? current;
  }
  return current;
}
