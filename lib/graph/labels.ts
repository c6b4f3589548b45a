import type { ZodType } from 'zod';
import type { Platform } from '../policy/types';
import type { PacingPriority } from './pacer';
import { labelCreatedSchema, labelsPageSchema, labelSuccessSchema } from './schemas';
import type { GraphResult, UsageInfo } from './types';

// Meta's Custom Labels API (Messenger; "Custom Labels for Customers", developers.facebook.com, updated 2026-03-18, and
// the Messenger changelog of the same day): labels a Page's inbox in Business Suite shows and filters by.
//   POST /{page-id}/custom_labels  page_label_name   → {id}   (a NEW label on every call, even for a name it has)
//   GET  /{page-id}/custom_labels?fields=page_label_name, GET /{PSID}/custom_labels?fields=page_label_name (paged)
//   POST /{label-id}/label  user=<PSID>  → {success}, DELETE /{label-id}/label?user=<PSID>, DELETE /{label-id}
// The app needs pages_manage_metadata, the token's person the Page's MESSAGING task, and a Page admin must have
// accepted the Page Contact Terms (Meta answers 2/2018344 "Privacy ToS not accepted" otherwise).
// Every call is paced with the Page's other Graph calls at the priority the caller names (the sync: `background`).

export interface PageLabel {
  id: string;
  /** Absent when Meta leaves it out. */
  name: string | null;
}

export interface LabelsApi {
  /** Every label of the Page (bounded: MAX_LABEL_PAGES of LABEL_PAGE_SIZE). */
  pageLabels(pageId: string, token: string): Promise<GraphResult<PageLabel[]>>;
  /** The labels one person carries on this Page. */
  personLabels(pageId: string, psid: string, token: string): Promise<GraphResult<PageLabel[]>>;
  /** A new label (never tried again: a lost answer may have created one; the caller finds labels by name). */
  create(pageId: string, name: string, token: string): Promise<GraphResult<string>>;
  /** Puts the label on the person (lands once however often it is asked, so a transient answer is tried again). */
  associate(pageId: string, labelId: string, psid: string, token: string): Promise<GraphResult<true>>;
  /** Takes the label off the person (also fine when they did not carry it). */
  remove(pageId: string, labelId: string, psid: string, token: string): Promise<GraphResult<true>>;
  /** Deletes the label, and with it from every person who carried it. */
  delete(pageId: string, labelId: string, token: string): Promise<GraphResult<true>>;
}

/** One paced Graph call as the client makes it (./client.ts `call`): what the label calls need of it. */
export interface PacedCallSpec<S, T> {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  token: string;
  schema: ZodType<S>;
  /** `metaAt`: Meta's time when it answered. */
  map: (value: S, metaAt: number) => T;
  pacedPageId: string | null;
  usagePageId: string | null;
  /** Whose conversations are read: Meta's Instagram answers are explained in their own words. */
  platform: Platform;
  priority: PacingPriority;
  /** Transient answers are tried again (a read, or a write that lands once however often it is made). */
  retry: boolean;
  body?: unknown;
}

/** What the client lends this module: one paced call, and its URL builder (the token never goes in a URL). */
export interface LabelsCaller {
  call<S, T>(spec: PacedCallSpec<S, T>): Promise<GraphResult<T>>;
  urlFor(path: string[], query?: Record<string, string | undefined>): string;
}

export const LABEL_PAGE_SIZE = 100;
export const MAX_LABEL_PAGES = 10;

export function createLabelsApi(caller: LabelsCaller, priority: PacingPriority = 'background'): LabelsApi {
  const common = { platform: 'messenger' as const, priority };

  async function listed(pageId: string, node: string, token: string): Promise<GraphResult<PageLabel[]>> {
    const labels: PageLabel[] = [];
    let after: string | undefined;
    let usage: UsageInfo | null = null;
    for (let pageNumber = 0; pageNumber < MAX_LABEL_PAGES; pageNumber++) {
      // Built from the cursor, never by following paging.next: Meta's next URLs carry the access token.
      const url = caller.urlFor([node, 'custom_labels'], { fields: 'page_label_name', limit: String(LABEL_PAGE_SIZE), after });
      const result = await caller.call({
        ...common,
        method: 'GET',
        url,
        token,
        schema: labelsPageSchema,
        map: (page) => page,
        pacedPageId: pageId,
        usagePageId: pageId,
        retry: true,
      });
      if (!result.ok) return result;
      usage = result.usage;
      labels.push(...result.value.data.map((label) => ({ id: label.id, name: label.page_label_name ?? null })));
      const next = result.value.paging?.next ? result.value.paging.cursors?.after : undefined;
      if (!next || next === after) break;
      after = next;
    }
    return { ok: true, value: labels, usage };
  }

  const done = (pageId: string, method: 'POST' | 'DELETE', path: string[], token: string, query?: Record<string, string>, body?: unknown) =>
    caller.call({
      ...common,
      method,
      url: caller.urlFor(path, query),
      token,
      schema: labelSuccessSchema,
      map: () => true as const,
      pacedPageId: pageId,
      usagePageId: pageId,
      retry: true,
      body,
    });

  return {
    pageLabels: (pageId, token) => listed(pageId, pageId, token),
    personLabels: (pageId, psid, token) => listed(pageId, psid, token),
    create: (pageId, name, token) =>
      caller.call({
        ...common,
        method: 'POST',
        url: caller.urlFor([pageId, 'custom_labels']),
        token,
        schema: labelCreatedSchema,
        map: (created) => created.id,
        pacedPageId: pageId,
        usagePageId: pageId,
        retry: false,
        body: { page_label_name: name },
      }),
    associate: (pageId, labelId, psid, token) => done(pageId, 'POST', [labelId, 'label'], token, undefined, { user: psid }),
    remove: (pageId, labelId, psid, token) => done(pageId, 'DELETE', [labelId, 'label'], token, { user: psid }),
    delete: (pageId, labelId, token) => done(pageId, 'DELETE', [labelId], token),
  };
}
