/** Meta: message text must be UTF-8 and under 2000 characters, so 2000 itself is too long. */
export const MAX_TEXT_CHARS = 2000;

/** Length in Unicode code points, as Meta's character limits count: an emoji is one character, not two. */
export function textLength(text: string): number {
  let count = 0;
  for (const _codePoint of text) count++;
  return count;
}
