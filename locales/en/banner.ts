// English strings for the banner area. Keys are shared with locales/es/banner.ts (the type enforces it).
// Placeholders are written {name} and filled by lib/i18n.
export default {
  'banner.region': 'Reopen: messaging window of this conversation',
  'banner.open': 'Window open — closes in {left}',
  'banner.closingSoon': 'Closing soon',
  'banner.humanAgent': 'Expired {ago} ago — human-agent reply possible for {left} more',
  'banner.closed': "Closed: more than 7 days since the customer's last message",
  'banner.closedRoute': 'Through the Send API (Reopen or any integration), only a utility message from an approved template can reach this customer now.',
  'banner.apiScope': "Meta's limits for messages sent through its Send API (Reopen, any integration). Business Suite's own reply box may not be bound by them.",
  'banner.closedRouteInstagram':
    'On Instagram nothing can be sent through the Send API now: after 7 days Meta allows no tag, survey or utility message there until the customer writes again.',
  'banner.cooldown': 'Next reactivation possible in {left}',
  'banner.cooldownWhy': 'One reactivation per conversation every 24 hours; then wait for the customer to reply.',
  'banner.loading': 'Checking this conversation…',
  'banner.noConversation': 'Select a Messenger or Instagram conversation to see how long it can still be answered.',
  'banner.unknown.page_not_connected': "Window unknown: this Page isn't connected to Reopen.",
  'banner.unknown.page_needs_reconnect': "Window unknown: this Page's connection to Reopen has expired.",
  'banner.unknown.not_found': "Window unknown: this conversation isn't among the Page's recent Messenger conversations.",
  'banner.unknown.ambiguous': 'Window unknown: choose which conversation this is.',
  'banner.unknown.graph_error': "Window unknown: Meta didn't answer as expected.",
  'banner.unknown.unsupported_thread': 'Reopen works with Messenger conversations only.',
  'banner.unknown.no_reply': "Window unknown: Reopen isn't responding. Reload the page if this keeps happening.",
  'banner.unknown.storage_full': "Window unknown: Reopen's storage in this browser is full, so it cannot keep what it reads.",
  'banner.storage.near_full':
    "Reopen's storage in this browser is {percent} % full. When it is full, Reopen cannot record reactivations and so sends none. Lower “Keep history for (days)” in Reopen's options.",
  'banner.storage.full':
    "Reopen's storage in this browser is full: it cannot record reactivations, so it sends none. Lower “Keep history for (days)” in Reopen's options (older records are deleted within a day).",
  'banner.fix.storage': "Open Reopen's options",
  'banner.unknown.awaiting_name': "Checking this conversation: waiting for the customer's name to show on the page…",
  'banner.unknown.name_unread': "Window unknown: Reopen couldn't read the customer's name on this page. Choose the conversation below.",
  'banner.unknown.no_customer_message': 'Window unknown: no message from the customer was found in this conversation.',
  'banner.fix.connect': 'Connect this Page',
  'banner.fix.reconnect': 'Reconnect this Page',
  'banner.fix.retry': 'Check again',
  'banner.fix.checkRecipient': 'Check who this is',
  'banner.refresh.label': 'Check again for new messages from the customer',
  'banner.floating': "Business Suite's layout changed, so Reopen shows here instead of beside the reply box. Everything still works.",
  'banner.candidates.title': 'Which conversation is this?',
  'banner.candidates.hint': 'Reopen remembers your choice for this conversation.',
  'banner.candidates.none': 'No recent conversation matches. Open the conversation from the list again, or check again later.',
  'banner.candidate.choose': 'This is {name}',
  'banner.candidate.updated': 'Last activity {time}',
  'banner.doubt.customerTimeInFuture':
    "Doubtful: Meta dated the customer's last message in the future. Reopen counts from Meta's current time instead; check the times in the conversation before relying on this.",
  'banner.candidate.last': 'Last message from the customer: “{text}” ({time})',
  'banner.candidate.lastTime': 'Last message from the customer {time}',
  'banner.doubt.unproven':
    "Not confirmed: Reopen found {name} by name only, so this window is {name}'s as Meta has it. Check who this is in the reopen panel before sending.",
  'banner.doubt.texts':
    "In doubt: the messages on screen don't match {name}'s conversation at Meta. This window may belong to someone else with the same name.",
  'banner.doubt.order':
    "In doubt: the messages on screen are in another order than in {name}'s conversation at Meta. This window may belong to someone else with the same name.",
  'banner.doubt.times':
    "In doubt: the times on screen don't match Meta's for {name} (Meta's last message is newer or older than the conversation shows). This window may belong to someone else with the same name.",
} as const;
