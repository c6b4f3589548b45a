// English strings for the conversation list's row badges (served to the inbox with ui.strings; no counted nouns).
export default {
  'rows.open': '{duration} left',
  'rows.open.label': 'Reopen: the messaging window closes in {duration}',
  'rows.ready': 'expired · reopen ready',
  'rows.ready.label': 'Reopen: the window expired; a reactivation can be sent now',
  'rows.cooling': 'cooling {duration}',
  'rows.cooling.label': 'Reopen: the window expired; the next reactivation is possible in {duration}',
  'rows.closed': 'closed',
  'rows.closed.label': 'Reopen: 7 days or more since the customer wrote; through the Send API only a utility message reaches them',
} as const;
