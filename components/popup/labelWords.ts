import { translator, type Locale, type MessageKey } from '../../lib/i18n';
import type { LabelState } from '../../lib/labels/view';

// The words of each Reopen label state (issue 22), in the order Reopen lists them, for the options page's switch and
// the dashboard's section. A Record so a state added to lib/labels/view.ts without words fails the typecheck
// (the views import that module's types only).
const STATE_KEYS: Readonly<Record<LabelState, MessageKey>> = {
  closing: 'labels.state.closing',
  human_agent: 'labels.state.human_agent',
  closed: 'labels.state.closed',
  reactivated: 'labels.state.reactivated',
  stop: 'labels.state.stop',
};

export function labelStateWords(locale: Locale): { state: LabelState; words: string }[] {
  const t = translator(locale);
  return (Object.keys(STATE_KEYS) as LabelState[]).map((state) => ({ state, words: t(STATE_KEYS[state]) }));
}
