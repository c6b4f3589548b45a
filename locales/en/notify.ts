// English strings for the desktop notification shown before an opened conversation's reply window closes.
export default {
  'notify.closing.title': 'Reply window closing',
  'notify.closing.message': '{name}: the reply window closes in {duration}',
  'notify.closing.unnamed': 'A customer',
} as const;
