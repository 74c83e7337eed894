import { type ChildNode, type Element, isTag, isText } from 'domhandler';
import { parseDocument } from 'htmlparser2';

/**
 * HTML in a canonical form for comparing markup: one node per line, attributes sorted, class names
 * sorted, text with its white space collapsed and trimmed, white-space-only text dropped, entities decoded.
 * Two fragments that a browser builds the same DOM from (modulo white space) normalise alike.
 */
export function normalizeHtml(html: string): string {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseAttributeNames: true });
  const lines: string[] = [];
  const walk = (nodes: ChildNode[], depth: number) => {
    for (const n of nodes) {
      if (isText(n)) {
        const t = n.data.replace(/\s+/g, ' ').trim();
        if (t) lines.push(`${'  '.repeat(depth)}"${t}"`);
      } else if (isTag(n)) {
        lines.push(`${'  '.repeat(depth)}<${n.name}${attributesOf(n)}>`);
        walk(n.children, depth + 1);
      }
    }
  };
  walk(doc.children, 0);
  return lines.join('\n');
}

function attributesOf(e: Element): string {
  return Object.entries(e.attribs)
    .map(([k, v]) => {
      const value =
        k === 'class' ? v.split(/\s+/).filter(Boolean).sort().join(' ') : v.replace(/\s+/g, ' ').trim();
      return [k, value] as const;
    })
    .filter(([k, v]) => !(k === 'class' && v === ''))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => ` ${k}="${v}"`)
    .join('');
}
