import { createInboxStore, type InboxDeps, type InboxStore } from '../../lib/conversation/inbox-store';
import { chooseAction, loadTemplatesAction, sendAction } from '../../lib/conversation/send-action';

/** An inbox store with the panel script's actions (send, templates, choose) wired in, as they are once the panel
 *  script has loaded: tests drive the whole inbox as the agent does. */
export function storeWithPanel(deps: Omit<InboxDeps, 'send' | 'loadTemplates' | 'choose'>): InboxStore {
  return createInboxStore({ ...deps, send: sendAction, loadTemplates: loadTemplatesAction, choose: chooseAction });
}
