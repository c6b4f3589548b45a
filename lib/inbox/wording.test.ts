// What Business Suite's wording says about a text: a generic title is never a customer's name.
import { describe, expect, test } from 'vitest';
import { GENERIC_TITLES, isGenericTitle } from './wording';

describe('generic titles are never a name', () => {
  test.each<[string]>([
    ...GENERIC_TITLES.map((title): [string] => [title]),
    ['Bandeja de entrada'],
    ['BANDEJA DE ENTRADA'],
    ['Detalles del Contacto'],
    ['Información de contacto'],
    ['Inbox (3)'],
    ['Todos los mensajes'],
    ['2h'],
    ['Today'],
    ['Nov 12'],
    ['12 nov'],
    ['ayer'],
    ['10:45'],
    ['   '],
    ['12345'],
    ['A message so long that it can only be a preview of what the customer wrote, never anybody’s name at all'],
  ])('%s', (title) => {
    expect(isGenericTitle(title)).toBe(true);
  });

  test.each([['Maria Lopez'], ['José Martínez'], ['insta.shopper'], ['Li'], ['Ana Inbox-Smith'], ['Notas Gómez'], ['Mar'], ['Dom']])('%s is a name', (name) => {
    expect(isGenericTitle(name)).toBe(false);
  });
});
