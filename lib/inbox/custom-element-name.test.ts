import { describe, expect, test } from 'vitest';
import isPotentialCustomElementName from './custom-element-name';

describe('the custom element name check the content script ships instead of the Unicode one', () => {
  test.each([['reopen-inbox'], ['reopen-inbox-floating'], ['a-'], ['x-1.2_b']])('%s may host a shadow root', (name) => {
    expect(isPotentialCustomElementName(name)).toBe(true);
  });
  test.each([['reopen'], ['Reopen-inbox'], ['1-reopen'], ['-reopen'], ['reopen inbox'], ['']])('%s may not', (name) => {
    expect(isPotentialCustomElementName(name)).toBe(false);
  });
});
