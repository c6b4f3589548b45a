import { describe, expect, test } from 'vitest';
import { createDraftBook, draftKey, type PanelDraft } from './drafts';

const draft = (text: string): PanelDraft => ({
  chosen: 'HUMAN_AGENT',
  text,
  feedback: { title: '', buttonTitle: '', question: { id: 'q1', type: 'csat' }, privacyUrl: '', expiresInDays: 1 },
  utility: null,
  confirmedTerms: null,
});

describe('drafts kept in memory per conversation', () => {
  test('each conversation has its own; a sent one is dropped', () => {
    const book = createDraftBook();
    book.keep('p:1', draft('for one'));
    book.keep('p:2', draft('for two'));
    expect(book.get('p:1')?.text).toBe('for one');
    expect(book.get('p:2')?.text).toBe('for two');
    book.drop('p:1');
    expect(book.get('p:1')).toBeUndefined();
  });

  test('bounded: past the limit the conversation left longest ago goes first', () => {
    const book = createDraftBook(2);
    book.keep('p:1', draft('one'));
    book.keep('p:2', draft('two'));
    book.keep('p:1', draft('one, edited'));
    book.keep('p:3', draft('three'));
    expect(book.get('p:2')).toBeUndefined();
    expect(book.get('p:1')?.text).toBe('one, edited');
    expect(book.get('p:3')?.text).toBe('three');
  });

  test('keyed by the conversation on screen, so confirming or picking the recipient keeps the text', () => {
    expect(draftKey('104', '9001', '7001')).toBe(draftKey('104', '9001', '7002'));
    expect(draftKey('104', null, '7001')).not.toBe(draftKey('104', null, '7002'));
  });
});
