// English strings for Labels in Business Suite (issue 22): the options page's switch and the dashboard's section.
// Keys are shared with locales/es/labels.ts (the type enforces it). Placeholders are written {name}.
export default {
  // The words of each label state (lib/labels/view.ts LabelState).
  'labels.state.closing': 'Closes within 2 h',
  'labels.state.human_agent': 'Human agent only',
  'labels.state.closed': 'Closed',
  'labels.state.reactivated': 'Reactivated, awaiting reply',
  'labels.state.stop': 'Stop (a block from Meta)',

  // The options page's switch, inside each connected Page.
  'labels.switch.label': 'Labels in Business Suite',
  'labels.about.writes':
    "Reopen gives each Messenger customer one Reopen label with their conversation's window: {states}. An open conversation with more than 2 h left gets none. Labels your team added are never touched.",
  'labels.about.needs':
    "It needs the Meta app's pages_manage_metadata permission and the Page's MESSAGING task, and a Page admin must have accepted the Page Contact Terms.",
  'labels.about.messenger': 'Messenger only: Meta documents custom labels for Messenger, so Instagram conversations get no label.',
  'labels.about.off': "Switching it off removes every Reopen label from every customer and deletes Reopen's labels from the Page.",
  'labels.language.label': "Language of the labels' names",
  'labels.language.fixed': 'Chosen when it was switched on: switch it off and on again to change it.',
  'labels.language.en': 'English',
  'labels.language.es': 'Español',
  'labels.busy.enabling': 'Switching on…',
  'labels.busy.disabling': "Removing Reopen's labels…",
  'labels.managed': 'Set by your administrator',
  'labels.cleared': 'Done: every Reopen label was removed ({time})',
  'labels.refusal.permission':
    "Meta refused: the Meta app lacks the pages_manage_metadata permission, or this Page's token does not carry it. Add the permission to the app, reconnect the Page with a new token, then switch it on again.",
  'labels.refusal.terms':
    'Meta refused: no admin of this Page has accepted the Page Contact Terms. Ask a Page admin to accept them in Meta Business Suite, then switch it on again.',
  'labels.refusal.task':
    "Meta refused: the person whose token connected this Page lacks the Page's MESSAGING task. Give them that task, or reconnect the Page with the token of someone who has it, then try again.",
  'labels.refusal.token': "This Page's token expired or was revoked. Reconnect the Page above, then try again.",
  'labels.refusal.rate_limited': 'Meta asked Reopen to slow down, so nothing was written. Wait a few minutes, then try again.',
  'labels.refusal.managed': "Your administrator's policy sets this switch, so it cannot be changed here. Ask your administrator.",
  'labels.refusal.not_connected': 'This Page is not connected, or needs reconnecting. Reconnect it above, then try again.',
  'labels.refusal.failed': 'Reopen could not change it. Try again; if it keeps failing, tell your administrator.',
  'labels.refusal.detail': 'Details: {detail}',
  'labels.refusal.trace': 'Meta trace id {id}',
  'labels.refusal.code': 'Meta error code {code}',

  // The dashboard's section.
  'labels.summary.heading': 'Labels in Business Suite',
  'labels.summary.none': "No Page shows Reopen's labels in Business Suite yet. Switch them on for a Page in Reopen's settings.",
  'labels.summary.counts': 'Customers per Reopen label',
  'labels.summary.count': '{label}: {count}',
  'labels.summary.lastSync': 'Last sync: {time}',
  'labels.summary.never': 'never',
  'labels.summary.writes': '{count, plural, one {# label write} other {# label writes}} in the last 24 h',
  'labels.summary.error': 'The last sync failed ({time}): {explain}',
  'labels.summary.backoff': 'Waiting for Meta until {time}: Meta asked Reopen to slow down.',
} as const;
