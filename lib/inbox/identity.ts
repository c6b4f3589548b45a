// Who the selected conversation is with, as the page shows it: the verdict over the name signals (./name-signals.ts).
// One DOM shape never decides alone:
//   - a reading that is a generic title (the mailbox, a sidebar section, the platform) is no name; the live inbox
//     shows "Inbox" as the pane's heading for a moment after a direct navigation (reference §7a);
//   - a reading equal to the previous conversation's name is stale (the pane keeps it for a moment after a switch),
//     unless the selection itself proves it (the card the URL or the agent's click points at);
//   - trusted readings that disagree are not used: the agent picks.
import { findSidebar, type CardSelection } from './page-geometry';
import { NAME_SIGNALS, type NameCandidate, type NameSignalId } from './name-signals';
import { isGenericTitle, normalizeText } from './wording';

export interface IdentityContext extends CardSelection {
  /** The previous conversation's name, while the page may still show it. */
  staleName: string | null;
}

/** A click this recent when the URL changes is the click that selected the conversation (Chromium reports the
 *  change at once through the Navigation API; WXT polls every second where that API is missing). */
export const SWITCH_CLICK_MS = 2000;

/** The element the agent clicked to select the conversation whose URL just arrived, if the last click was that. */
export function switchClickTarget(lastClick: { target: Element; at: number } | null, now: number): Element | null {
  return lastClick && now - lastClick.at >= 0 && now - lastClick.at <= SWITCH_CLICK_MS ? lastClick.target : null;
}

/** What became of one signal's reading. */
export type ReadingVerdict = 'trusted' | 'generic' | 'stale' | 'missing';

export interface IdentityReading {
  /** The customer's name, when the trusted signals agree on one. */
  name: string | null;
  /** trusted: a name; waiting: only titles or stale names so far (the real name renders soon, wait, bounded);
   *  conflict: trusted signals disagree (the agent picks); none: no signal on this page. */
  status: 'trusted' | 'waiting' | 'conflict' | 'none';
  /** The first trusted signal in registry order (what the health report names). */
  source: NameSignalId | null;
  verdicts: Record<NameSignalId, ReadingVerdict>;
  /** The disagreeing names, for the agent's choice. */
  conflicting: string[];
  /** The element each trusted signal read (the layout report marks them). */
  elements: Partial<Record<NameSignalId, Element>>;
}

const selectionProves = (candidate: NameCandidate) => candidate.evidence === 'url' || candidate.evidence === 'click';

/** One signal's verdict: its first candidate that is neither generic nor stale. */
function judge(candidates: NameCandidate[], staleName: string | null): { verdict: ReadingVerdict; candidate?: NameCandidate } {
  let verdict: ReadingVerdict = 'missing';
  const stale = staleName ? normalizeText(staleName) : null;
  for (const candidate of candidates) {
    if (isGenericTitle(candidate.text)) {
      if (verdict === 'missing') verdict = 'generic';
      continue;
    }
    if (stale && normalizeText(candidate.text) === stale && !selectionProves(candidate)) {
      verdict = 'stale';
      continue;
    }
    return { verdict: 'trusted', candidate };
  }
  return { verdict };
}

export function readIdentity(root: ParentNode, context: IdentityContext): IdentityReading {
  const verdicts = {} as Record<NameSignalId, ReadingVerdict>;
  const trusted: { id: NameSignalId; candidate: NameCandidate }[] = [];
  const elements: IdentityReading['elements'] = {};
  const sidebar = findSidebar(root);
  for (const signal of NAME_SIGNALS) {
    const { verdict, candidate } = judge(signal.read(root, context, sidebar), context.staleName);
    verdicts[signal.id] = verdict;
    if (candidate) {
      trusted.push({ id: signal.id, candidate });
      elements[signal.id] = candidate.element;
    }
  }
  const distinct = new Map<string, string>();
  for (const { candidate } of trusted) {
    const key = normalizeText(candidate.text);
    if (!distinct.has(key)) distinct.set(key, candidate.text.slice(0, 300));
  }
  const base = { verdicts, elements };
  if (distinct.size > 1) return { ...base, name: null, status: 'conflict', source: null, conflicting: [...distinct.values()].slice(0, 4) };
  const first = trusted[0];
  if (first) return { ...base, name: first.candidate.text.slice(0, 300), status: 'trusted', source: first.id, conflicting: [] };
  const rejected = Object.values(verdicts).some((verdict) => verdict === 'generic' || verdict === 'stale');
  return { ...base, name: null, status: rejected ? 'waiting' : 'none', source: null, conflicting: [] };
}
