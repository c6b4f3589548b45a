// Parser for the Graph API `fields=` parameter, including field expansion with modifiers and
// nested field lists: `participants,messages.limit(20){created_time,from,message}`.

export interface FieldSelection {
  name: string;
  /** Modifiers such as `.limit(20)` → { limit: "20" }. */
  modifiers: Record<string, string>;
  /** Nested `{…}` list; undefined when the field was named without braces. */
  subfields?: FieldSelection[];
}

export class FieldsSyntaxError extends Error {
  constructor(
    readonly position: number,
    readonly source: string,
    expected: string,
  ) {
    // Mirrors the shape of Graph's parser message: where it stopped and what it wanted.
    super(`Syntax error "Expected ${expected}." at character ${position}: ${source}`);
  }
}

const MAX_LENGTH = 2000;
const MAX_DEPTH = 5;
const NAME = /[A-Za-z0-9_]/;

/** Parses a `fields` value; an empty or missing value gives an empty list. */
export function parseFields(source: string | undefined): FieldSelection[] {
  if (source === undefined || source.trim() === '') return [];
  if (source.length > MAX_LENGTH) throw new FieldsSyntaxError(MAX_LENGTH, source, 'a shorter field list');
  let position = 0;

  const skipSpaces = () => {
    while (position < source.length && source[position] === ' ') position += 1;
  };
  const readName = (): string => {
    skipSpaces();
    const start = position;
    while (position < source.length && NAME.test(source[position] ?? '')) position += 1;
    if (position === start) throw new FieldsSyntaxError(position, source, 'a field name');
    return source.slice(start, position);
  };
  const expect = (char: string) => {
    skipSpaces();
    if (source[position] !== char) throw new FieldsSyntaxError(position, source, `"${char}"`);
    position += 1;
  };

  const readList = (depth: number): FieldSelection[] => {
    if (depth > MAX_DEPTH) throw new FieldsSyntaxError(position, source, 'fewer nested field lists');
    const list: FieldSelection[] = [];
    // Each round consumes at least one character, so the input length bounds the loop.
    for (let round = 0; round <= source.length; round += 1) {
      const field: FieldSelection = { name: readName(), modifiers: {} };
      skipSpaces();
      while (source[position] === '.') {
        position += 1;
        const modifier = readName();
        expect('(');
        const start = position;
        while (position < source.length && source[position] !== ')') position += 1;
        const argument = source.slice(start, position).trim();
        expect(')');
        field.modifiers[modifier] = argument;
        skipSpaces();
      }
      if (source[position] === '{') {
        position += 1;
        field.subfields = readList(depth + 1);
        expect('}');
        skipSpaces();
      }
      list.push(field);
      if (source[position] !== ',') return list;
      position += 1;
    }
    throw new FieldsSyntaxError(position, source, 'end of string');
  };

  const fields = readList(0);
  skipSpaces();
  if (position !== source.length) throw new FieldsSyntaxError(position, source, 'end of string');
  return fields;
}
