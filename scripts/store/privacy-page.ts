import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// store/privacy.html: the privacy policy as one page a store listing can link to (both stores ask for a URL),
// generated from PRIVACY.md and its Spanish text PRIVACY.es.md, so the page never says something the repository's
// policy does not. Self-contained: no script, no font, no image, nothing fetched. tests/unit/store-assets.test.ts
// fails when the page is not what these files make (`npm run store:privacy` writes it again).

export const PRIVACY_SOURCES = { en: 'PRIVACY.md', es: 'PRIVACY.es.md' } as const;
export const PRIVACY_PAGE = 'store/privacy.html';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Inline Markdown: `code`, **strong**, *emphasis*, [links](https://…). */
function inline(text: string): string {
  const codes: string[] = [];
  let html = escapeHtml(text).replace(/`([^`]+)`/g, (_match, code: string) => {
    codes.push(code);
    return `@@code${codes.length - 1}@@`;
  });
  html = html
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2">$1</a>');
  return html.replace(/@@code(\d+)@@/g, (_match, index: string) => `<code>${codes[Number(index)]}</code>`);
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The Markdown the policy is written in, to HTML: `#`/`##` headings, paragraphs, `- ` lists (continuation lines
 * indented), pipe tables with a header row. Anything else is a paragraph, so nothing of the text is ever dropped.
 */
export function markdownToHtml(markdown: string, idPrefix: string): { title: string; body: string } {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  let title = '';
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    if (line.trim() === '') {
      index++;
      continue;
    }
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      const text = heading[2]!.trim();
      if (level === 1) {
        title = text;
        out.push(`<h1>${inline(text)}</h1>`);
      } else out.push(`<h${level} id="${idPrefix}-${slug(text)}">${inline(text)}</h${level}>`);
      index++;
      continue;
    }
    if (line.startsWith('|')) {
      const rows: string[][] = [];
      while (index < lines.length && lines[index]!.startsWith('|')) {
        const cells = lines[index]!.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
        if (!cells.every((cell) => /^\s*:?-+:?\s*$/.test(cell))) rows.push(cells.map((cell) => cell.trim()));
        index++;
      }
      const [head, ...body] = rows;
      out.push(
        `<div class="table"><table><thead><tr>${head!.map((cell) => `<th scope="col">${inline(cell)}</th>`).join('')}</tr></thead><tbody>${body
          .map((row) => `<tr>${row.map((cell) => `<td>${inline(cell)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table></div>`,
      );
      continue;
    }
    if (line.startsWith('- ')) {
      const items: string[] = [];
      while (index < lines.length && (lines[index]!.startsWith('- ') || (lines[index]!.startsWith('  ') && items.length > 0))) {
        const current = lines[index]!;
        if (current.startsWith('- ')) items.push(current.slice(2).trim());
        else items[items.length - 1] += ` ${current.trim()}`;
        index++;
      }
      out.push(`<ul>${items.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`);
      continue;
    }
    const paragraph: string[] = [];
    while (index < lines.length && lines[index]!.trim() !== '' && !/^(#{1,3} |\||- )/.test(lines[index]!)) paragraph.push(lines[index++]!.trim());
    out.push(`<p>${inline(paragraph.join(' '))}</p>`);
  }
  return { title, body: out.join('\n') };
}

const CSS = `
  :root { color-scheme: light dark; --ink: #1d2129; --muted: #5b6370; --line: #dde1e6; --bg: #fff; --band: #f3f7f6; --accent: #0b6b63; }
  @media (prefers-color-scheme: dark) { :root { --ink: #e6e8eb; --muted: #aab1bb; --line: #3b4048; --bg: #17191c; --band: #1e2326; --accent: #5cc7b8; } }
  * { box-sizing: border-box; }
  body { margin: 0; background: var(--bg); color: var(--ink); font: 16px/1.6 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; }
  header { background: var(--band); border-bottom: 1px solid var(--line); }
  header div, main { max-width: 880px; margin: 0 auto; padding: 0 24px; }
  header div { display: flex; align-items: center; justify-content: space-between; gap: 16px; padding-top: 14px; padding-bottom: 14px; }
  header strong { font-size: 18px; color: var(--accent); }
  nav a { margin-left: 14px; }
  a { color: var(--accent); }
  main { padding-bottom: 48px; }
  section { padding-top: 8px; }
  section + section { border-top: 1px solid var(--line); margin-top: 32px; }
  h1 { font-size: 28px; line-height: 1.25; margin: 28px 0 12px; }
  h2 { font-size: 21px; margin: 28px 0 8px; }
  p, li { max-width: 72ch; }
  code { font: 0.9em ui-monospace, 'DejaVu Sans Mono', monospace; background: var(--band); padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }
  .table { overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; font-size: 14px; line-height: 1.45; }
  th, td { text-align: left; vertical-align: top; border: 1px solid var(--line); padding: 8px 10px; }
  th { background: var(--band); }
`;

/** The privacy page from the policy's English and Spanish Markdown. */
export function privacyPage(sources: { en: string; es: string }): string {
  const en = markdownToHtml(sources.en, 'en');
  const es = markdownToHtml(sources.es, 'es');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(en.title)} · ${escapeHtml(es.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><div><strong>Reopen</strong><nav aria-label="Language · Idioma"><a href="#en" hreflang="en">English</a><a href="#es" hreflang="es" lang="es">Español</a></nav></div></header>
<main>
<section id="en" lang="en">
${en.body}
</section>
<section id="es" lang="es">
${es.body}
</section>
</main>
</body>
</html>
`;
}

/** The page as the repository's policy files make it now. */
export function privacyPageFromRepo(root: string): string {
  return privacyPage({
    en: readFileSync(resolve(root, PRIVACY_SOURCES.en), 'utf8'),
    es: readFileSync(resolve(root, PRIVACY_SOURCES.es), 'utf8'),
  });
}
