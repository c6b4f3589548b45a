// English strings for the toolbar icon's badge title (the background sets it; counted nouns are fine here).
export default {
  'toolbar.none': 'Reopen: no conversation needs action now',
  'toolbar.count':
    'Reopen: {count, plural, one {# conversation needs} other {# conversations need}} action now — {closing} closing within {duration}, {ready} expired and ready to reopen',
  'toolbar.source.recent': "From the Page's recent conversations and the ones opened in Reopen",
  'toolbar.source.opened': "Only conversations opened in Reopen (the Page's recent conversations are read when an inbox tab is open)",
  'toolbar.pageBlocked':
    '⚠ Meta restricted {count, plural, one {the Page} other {the Pages}} {pages} from sending: Reopen sends nothing from {count, plural, one {that Page} other {those Pages}}. Open Reopen to read why.',
} as const;
