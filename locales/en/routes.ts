// What each route of lib/policy/catalog.ts is for, what must never be sent with it, and what it needs from Meta,
// in an agent's words: one item per line ('\n'); a requirement only for the routes whose catalog entry says it has one. Served to the inbox with the
// other inbox areas (ui.strings), so the content script carries no route texts.
export default {
  'route.HUMAN_AGENT.uses':
    "Your own answer, as a person, to the customer's open question or issue\nFollowing up on a problem you could not solve within 24 hours (refund, order, booking, support case)",
  'route.HUMAN_AGENT.notAllowed':
    'Automated, scheduled or bulk messages\nAnything unrelated to what the customer asked about\nPromotions of any kind: discounts, coupons, offers, sales',
  'route.HUMAN_AGENT.requirement': "The Meta app that sends the message needs the Human Agent permission (granted through Meta's app review).",
  'route.CUSTOMER_FEEDBACK.uses': "Asking the customer to rate their experience, with Messenger's customer-feedback survey (CSAT, NPS or CES)",
  'route.CUSTOMER_FEEDBACK.notAllowed':
    "Any other content: plain text, images or links (Meta rejects it)\nQuestions unrelated to the customer's experience with your business\nPromotions of any kind: discounts, coupons, offers, sales",
  'route.UTILITY.uses': "An update the customer expects about an order, account, booking or event, from one of the Page's approved utility templates",
  'route.UTILITY.notAllowed':
    'Free text: only an approved template, with its blanks filled in\nMarketing or win-back messages ("we miss you", new products)\nPromotions of any kind: discounts, coupons, offers, sales',
  'route.UTILITY.requirement':
    "The Meta app needs the pages_utility_messaging permission, and the Page an approved utility template in the customer's language.",
  'route.ACCOUNT_UPDATE.uses': "A change in the status of the customer's application or account\nAn alert about fraud or suspicious activity on the account",
  'route.ACCOUNT_UPDATE.notAllowed':
    'Recurring content such as statements or bill reminders\nSurveys or questions unrelated to the account\nPromotions of any kind: discounts, coupons, offers, sales',
  'route.CONFIRMED_EVENT_UPDATE.uses': 'A reminder or change (time, place, cancellation, tickets) for an event the customer registered for',
  'route.CONFIRMED_EVENT_UPDATE.notAllowed': 'Promoting other, upcoming or past events\nPromotions of any kind: discounts, coupons, offers, sales',
  'route.POST_PURCHASE_UPDATE.uses':
    'A receipt, or an update on shipping, delivery or the status of an order\nAn action the customer must take on an order (payment declined, address missing)',
  'route.POST_PURCHASE_UPDATE.notAllowed': 'Cross-selling, upselling or product recommendations\nPromotions of any kind: discounts, coupons, offers, sales',
} as const;
