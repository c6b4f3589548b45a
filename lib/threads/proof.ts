import type { ConversationSummary } from '../graph';
import type { PaneMessage, PaneReading } from '../inbox/schema';
import { parseTimeLabel } from '../inbox/time-labels';
import { normalizeText } from '../inbox/wording';

// Is the conversation Meta returns for a person the one on screen? A display name cannot say (two customers share
// names, DESIGN.md §1 "The recipient must be proven"); the pane's own messages can. The rule, in words:
//   - look at the newest CONSIDERED texts the pane shows (oldest first) and Meta's messages with text (newest 20);
//     texts compare normalised: case, accents and runs of whitespace do not count;
//   - walk the pane's texts from the newest back, finding each in Meta's messages at or after (older than) the last
//     one found: that is the same order. A text Meta has only at a newer place than one already found contradicts
//     the order;
//   - a found text whose pane time labels do not allow Meta's created_time (the label's resolution, plus SLACK_MS for
//     clocks) contradicts the times; so does a pane read after Meta's newest message whose newest label is older
//     than that message by more than the label allows (the pane shows "5 d" where Meta says 6 h ago);
//   - no text found at all, among at least MIN_AGREEING shown, contradicts the texts;
//   - it agrees when nothing contradicts, the pane's newest text is found, and either at least MIN_AGREEING texts are
//     found (half of those considered or more) with one of them DISTINCTIVE_CHARS long or more, or the whole
//     conversation is on screen (every text Meta has is shown and found) with such a text;
//   - anything else is unknown: an unreadable pane, too few texts, or a newest text Meta does not have yet (a
//     fresher read may find it).
// Only "agrees" proves; "disagrees" drops a link learned by name; "unknown" asks the agent.

export const CONSIDERED = 6;
export const MIN_AGREEING = 2;
export const DISTINCTIVE_CHARS = 12;
export const SLACK_MS = 2 * 60_000;

export type PaneVerdict =
  | { verdict: 'agrees'; matched: number }
  | { verdict: 'disagrees'; why: 'texts' | 'order' | 'times'; matched: number }
  | { verdict: 'unknown'; why: 'unreadable' | 'no_pane' | 'no_meta_texts' | 'too_few' | 'newest_missing'; matched: number };

const comparable = (text: string) => normalizeText(text);

/** The instants the pane's labels allow for one message, read at `readAt` in the agent's time zone: its own row's
 *  labels (their resolution), else the separating labels around it (at or after the one before, at or before the one
 *  after). A label that does not parse says nothing. */
export function paneTimes(message: PaneMessage, readAt: number): { earliest?: number; latest?: number } {
  const own = (message.labels ?? []).map((label) => parseTimeLabel(label, readAt)).filter((time) => time !== null);
  if (own.length) return { earliest: Math.min(...own.map((time) => time.earliest)), latest: Math.max(...own.map((time) => time.latest)) };
  const after = message.after ? parseTimeLabel(message.after, readAt) : null;
  const before = message.before ? parseTimeLabel(message.before, readAt) : null;
  return { ...(after ? { earliest: after.earliest } : {}), ...(before ? { latest: before.latest } : {}) };
}

export function judgePane(pane: PaneReading | null | undefined, conversation: Pick<ConversationSummary, 'messages'>): PaneVerdict {
  if (!pane) return { verdict: 'unknown', why: 'no_pane', matched: 0 };
  if (pane.status !== 'read') return { verdict: 'unknown', why: 'unreadable', matched: 0 };
  const shown = pane.messages
    .map((message) => ({ ...paneTimes(message, pane.readAt), key: comparable(message.text) }))
    .filter((message) => message.key)
    .slice(-CONSIDERED);
  // Newest first, as Meta lists them.
  const meta = [...conversation.messages]
    .sort((a, b) => b.createdTime - a.createdTime)
    .filter((message) => message.text && comparable(message.text))
    .map((message) => ({ key: comparable(message.text!), at: message.createdTime }));
  if (shown.length === 0) return { verdict: 'unknown', why: 'unreadable', matched: 0 };
  if (meta.length === 0) return { verdict: 'unknown', why: 'no_meta_texts', matched: 0 };

  const used = new Set<number>();
  let next = 0;
  let matched = 0;
  let distinctive = false;
  let newestFound = false;
  for (let index = shown.length - 1; index >= 0; index -= 1) {
    const message = shown[index]!;
    let found = -1;
    for (let k = next; k < meta.length; k += 1) {
      if (meta[k]!.key === message.key) {
        found = k;
        break;
      }
    }
    if (found < 0) {
      const newer = meta.findIndex((candidate, k) => k < next && !used.has(k) && candidate.key === message.key);
      if (newer >= 0) return { verdict: 'disagrees', why: 'order', matched };
      continue;
    }
    const at = meta[found]!.at;
    if ((message.earliest !== undefined && at < message.earliest - SLACK_MS) || (message.latest !== undefined && at > message.latest + SLACK_MS)) {
      return { verdict: 'disagrees', why: 'times', matched };
    }
    used.add(found);
    next = found + 1;
    matched += 1;
    if (message.key.length >= DISTINCTIVE_CHARS) distinctive = true;
    if (index === shown.length - 1) newestFound = true;
  }

  // The pane was read after Meta's newest message, yet its newest message is dated well before it.
  const newestShown = shown[shown.length - 1]!;
  const metaNewest = meta[0]!.at;
  if (newestShown.latest !== undefined && pane.readAt >= metaNewest + SLACK_MS && newestShown.latest + SLACK_MS < metaNewest) {
    return { verdict: 'disagrees', why: 'times', matched };
  }
  if (matched === 0) {
    return shown.length >= MIN_AGREEING ? { verdict: 'disagrees', why: 'texts', matched } : { verdict: 'unknown', why: 'too_few', matched };
  }
  if (!newestFound) return { verdict: 'unknown', why: 'newest_missing', matched };
  const enough = matched >= MIN_AGREEING && matched * 2 >= shown.length;
  const wholeConversation = matched === shown.length && matched === meta.length;
  if (distinctive && (enough || wholeConversation)) return { verdict: 'agrees', matched };
  return { verdict: 'unknown', why: 'too_few', matched };
}
