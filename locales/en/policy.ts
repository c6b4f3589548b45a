// English strings for the policy area. Keys are shared with locales/es/policy.ts (the type enforces it).
// Placeholders are written {name} and filled by lib/i18n.
export default {
  // Window states (lib/policy windowState)
  'policy.state.open': 'Open',
  'policy.state.human_agent': 'Expired, under 7 days',
  'policy.state.closed': 'Closed, 7 days or more',
  'policy.state.unknown': 'Unknown',
  'policy.state.open.hint': 'The customer wrote less than 24 hours ago: reply in Business Suite as usual.',
  'policy.state.human_agent.hint': "More than 24 hours since the customer's last message: a person can still answer with the Human Agent tag for up to 7 days.",
  'policy.state.closed.hint':
    "7 days or more since the customer's last message: through the Send API only a utility message from an approved template can reach them.",
  'policy.state.unknown.hint': "Reopen doesn't know yet when the customer last wrote.",

  // Why a route or a send is blocked (one per BlockReason)
  'policy.reason.state_unknown': "We don't know yet when the customer last wrote, so Reopen can't tell which messages are allowed.",
  'policy.reason.not_on_platform':
    "Not available on Instagram: Meta's Instagram messaging accepts only the Human Agent tag, within 7 days of the customer's last message.",
  'policy.reason.window_open': "The conversation is still open: reply in Business Suite's own message box.",
  'policy.reason.tag_retired': 'Meta retired this tag, so it no longer reaches the customer. Use a utility message instead.',
  'policy.reason.past_tag_limit': "7 days have passed since the customer's last message, so this tag can't be used any more.",
  'policy.reason.route_content_mismatch': 'This option takes a different kind of message (text, survey or template). Choose it again and retry.',
  'policy.reason.recipient_unproven':
    "Reopen found this person by name only and hasn't confirmed it is who you are looking at: confirm or pick the person first. Nothing was sent.",
  'policy.reason.cooldown': 'One reactivation per conversation every 24 hours. Next one possible {until}.',
  'policy.reason.empty_text': 'Write a message first.',
  'policy.reason.text_too_long': 'The message is too long: Messenger only accepts messages under 2,000 characters.',
  'policy.reason.invalid_feedback': 'Meta would reject this survey. Fix the fields marked below.',
  'policy.reason.template_missing': "This template isn't available for the Page in that language. Pick another one or refresh the list.",
  'policy.reason.template_not_approved': "Meta hasn't approved this template (it is pending or was rejected).",
  'policy.reason.template_parameters': 'Fill in every blank of the template.',
  'policy.reason.person_blocked': 'Meta told this Page to stop sending tagged messages to this person: wait until they write to the Page again.',
  'policy.reason.person_blocked.until':
    'Meta told this Page to stop sending tagged messages to this person: wait until they write to the Page again, or until {until}.',
  'policy.reason.page_blocked':
    "Meta has restricted this Page from sending messages: nothing can be sent from it until a manager clears the block in Reopen's popup.",
  'policy.reason.page_blocked.until': 'Meta has restricted this Page from sending messages: nothing can be sent from it until {until}.',
  'policy.reason.promo_unconfirmed':
    "This looks promotional, and promotions can't be sent this way. Check the highlighted words and confirm it isn't a promotion.",

  // Routes (lib/policy ROUTES)
  'policy.route.HUMAN_AGENT.name': 'Human agent',
  'policy.route.CUSTOMER_FEEDBACK.name': 'Customer feedback survey',
  'policy.route.UTILITY.name': 'Utility message',
  'policy.route.ACCOUNT_UPDATE.name': 'Account update',
  'policy.route.CONFIRMED_EVENT_UPDATE.name': 'Confirmed event update',
  'policy.route.POST_PURCHASE_UPDATE.name': 'Post-purchase update',
  'policy.route.uses': "What it's for",
  'policy.route.notAllowed': 'Never send',
  'policy.route.requirement': 'Requirement',
  'policy.recommended': 'Recommended',
  'policy.availableUntil': 'Available until {until}',
  'policy.noTimeLimit': 'No time limit',
  'policy.retiredOn': 'Retired by Meta on {date} — use a utility message instead',

  // Customer-feedback template problems (lib/policy validateFeedbackTemplate)
  'policy.feedback.empty': '{field}: fill this in.',
  'policy.feedback.too_long': '{field}: {limit} characters at most.',
  'policy.feedback.has_url': "{field}: links aren't allowed here.",
  'policy.feedback.invalid_id': '{field}: use only letters without accents, digits and _.',
  'policy.feedback.out_of_range': '{field}: from 1 to {limit} days.',
  'policy.feedback.invalid_url': '{field}: enter a full address starting with https://.',
  'policy.feedback.field.title': 'Title',
  'policy.feedback.field.subtitle': 'Subtitle',
  'policy.feedback.field.buttonTitle': 'Button text',
  'policy.feedback.field.question.id': 'Question ID',
  'policy.feedback.field.question.title': 'Question',
  'policy.feedback.field.privacyUrl': 'Privacy policy link',
  'policy.feedback.field.expiresInDays': 'Days to answer',

  // Promotional wording (lib/policy findPromoTerms)
  'policy.promo.found': 'Possibly promotional: {terms}',
  'policy.promo.confirm': "It isn't a promotion — send anyway",
  'policy.promo.inParameter': 'Blank {n}',
} as const;
