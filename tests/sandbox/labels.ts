// Meta's Custom Labels API (Messenger; developers.facebook.com "Custom Labels for Customers", updated 2026-03-18), as
// the simulator answers it: who may call it, and how a label renders. Routing, paging and the usage header are
// graph.ts's, shared with every other endpoint.
import { errors, type GraphErrorAnswer } from './errors';
import type { FieldSelection } from './fields';
import type { PageTask } from './scenario';
import type { SimLabel, SimPage } from './world';

/** What a label node answers: its id and its name (`name` was replaced by `page_label_name` in v12.0). */
export const LABEL_FIELDS = ['id', 'page_label_name'] as const;
/** Graph's node type for a custom label, as it names it in "nonexisting field" errors. */
export const LABEL_NODE_TYPE = 'PageUserMessageThreadLabel';

/**
 * The Custom Labels API's gate, checked before anything else of a label call: a Page token carrying
 * pages_manage_metadata, asked for by someone with the MESSAGING task, on a Page whose Meta app holds that permission
 * and whose admin accepted the Page Contact Terms.
 */
export function labelsAccess(page: SimPage, permissions: string[], tasks: PageTask[]): GraphErrorAnswer | null {
  if (!page.pagesManageMetadata || !permissions.includes('pages_manage_metadata')) return errors.labelsNotAllowed();
  if (!tasks.includes('MESSAGING')) return errors.messagingNotAllowed();
  if (!page.contactTermsAccepted) return errors.contactTermsNotAccepted();
  return null;
}

/** One label with the fields asked for (the id always). */
export function renderLabel(label: SimLabel, fields: FieldSelection[]): { body: Record<string, unknown> } | GraphErrorAnswer {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.name === 'page_label_name') out.page_label_name = label.name;
    else if (field.name !== 'id') return errors.nonexistingField(field.name, LABEL_NODE_TYPE);
  }
  out.id = label.id;
  return { body: out };
}

/** The PSID a label call names in `user` (a JSON number is accepted as Meta's form parsing does), or undefined. */
export function userParam(params: Record<string, unknown>): string | undefined {
  const user = params.user;
  if (typeof user === 'number' && Number.isSafeInteger(user)) return String(user);
  return typeof user === 'string' && user.trim() !== '' ? user.trim() : undefined;
}
