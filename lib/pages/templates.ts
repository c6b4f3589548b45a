import type { GraphClient } from '../graph';
import { errorView, type ErrorView } from '../graph/error-view';
import type { UtilityTemplate } from '../policy/types';
import type { PageService } from './service';

// A Page's utility templates (templates.list), read with its token for the panel's "utility message" route.

export interface TemplateListDeps {
  pages: Pick<PageService, 'pageForUse' | 'markNeedsReconnect'>;
  graph: () => Promise<GraphClient>;
}

export type TemplateListing = { templates: UtilityTemplate[] } | { error: ErrorView };

/** The Page's templates, or why they cannot be read; a token Meta refuses (190) marks the Page for reconnecting. */
export async function listTemplates(deps: TemplateListDeps, pageId: string): Promise<TemplateListing> {
  const access = await deps.pages.pageForUse(pageId);
  if (!access.ok) {
    return { error: { kind: access.reason === 'page_needs_reconnect' ? 'token_invalid' : 'page_not_connected', retryable: false } };
  }
  const graph = await deps.graph();
  const listing = await graph.templates(access.page.id, access.page.token);
  if (!listing.ok) {
    if (listing.error.code === 190) await deps.pages.markNeedsReconnect(access.page.id);
    return { error: errorView(listing.error) };
  }
  return { templates: listing.value };
}
