import type { FeedbackTemplate, RouteId } from '../policy/types';

// What the agent composed in the reopen panel, per conversation, kept while the inbox tab lives: Escape, closing the
// panel, or a switch to another conversation and back find it where it was. Memory only — a draft is customer data,
// so it is never written to storage and ends with the tab (or the extension's update).

/** Everything the panel holds: the route picked, the free text, the feedback survey, the utility template and its
 *  parameters, and the promotional-wording confirmation (it covers only the words it was given for). */
export interface PanelDraft {
  chosen: RouteId | null;
  text: string;
  feedback: FeedbackTemplate;
  utility: { templateName: string; language: string; parameters: string[] } | null;
  confirmedTerms: string | null;
}

/** How many conversations' drafts are kept at most; the one left longest ago goes first. */
export const MAX_DRAFTS = 20;

export interface DraftBook {
  get(key: string): PanelDraft | undefined;
  keep(key: string, draft: PanelDraft): void;
  drop(key: string): void;
}

/** The conversation on screen (the Page and Business Suite's item), else the person: a recipient picked or confirmed
 *  later keeps what was typed before. */
export const draftKey = (pageId: string, selectedItemId: string | null | undefined, psid: string): string => `${pageId}:${selectedItemId ?? `psid:${psid}`}`;

export function createDraftBook(limit = MAX_DRAFTS): DraftBook {
  const drafts = new Map<string, PanelDraft>();
  return {
    get: (key) => drafts.get(key),
    keep(key, draft) {
      drafts.delete(key);
      drafts.set(key, draft);
      for (const oldest of drafts.keys()) {
        if (drafts.size <= limit) break;
        drafts.delete(oldest);
      }
    },
    drop: (key) => void drafts.delete(key),
  };
}
