/**
 * A small XML serializer for the GeoReport v2 documents: plain elements, no attributes, text
 * escaped, characters XML 1.0 forbids dropped. Lists are wrapped in their container element with
 * one child element per item (`<services><service>…</service></services>`).
 */

/** Container element → element of each item, for every list the documents contain. */
export type XmlItemNames = Readonly<Record<string, string>>;

/** XML 1.0 `Char`: no control characters but tab, LF and CR, no lone surrogates, no U+FFFE/U+FFFF. */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
};

/** The text without the characters XML 1.0 forbids (control characters, lone surrogates…). */
export function withoutForbiddenChars(text: string): string {
  let kept = '';
  // for…of walks code points, so a surrogate pair stays whole and a lone surrogate is seen alone.
  for (const ch of text) if (isXmlChar(ch.codePointAt(0) ?? 0)) kept += ch;
  return kept;
}

/** Text made safe for element content: entities escaped, forbidden characters removed. */
export function escapeXml(text: string): string {
  return withoutForbiddenChars(text).replace(/[&<>"'\r]/g, (c) => ENTITIES[c] ?? c);
}

const NAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;

/**
 * One element: null and undefined are empty, arrays are lists (see XmlItemNames), plain objects
 * hold child elements in key order, anything else is text.
 */
function element(name: string, value: unknown, items: XmlItemNames, indent: string): string {
  if (!NAME.test(name)) throw new Error(`not an XML element name: ${name}`);
  if (value === null || value === undefined) return `${indent}<${name}/>`;
  if (Array.isArray(value)) {
    const item = items[name];
    if (!item) throw new Error(`no item element named for the list <${name}>`);
    if (value.length === 0) return `${indent}<${name}/>`;
    const children = value.map((v) => element(item, v, items, `${indent}  `)).join('\n');
    return `${indent}<${name}>\n${children}\n${indent}</${name}>`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return `${indent}<${name}/>`;
    const children = entries.map(([k, v]) => element(k, v, items, `${indent}  `)).join('\n');
    return `${indent}<${name}>\n${children}\n${indent}</${name}>`;
  }
  const text = escapeXml(String(value));
  return text === '' ? `${indent}<${name}/>` : `${indent}<${name}>${text}</${name}>`;
}

/** A whole document: the declaration and `root` holding `value`. */
export function toXml(root: string, value: unknown, items: XmlItemNames): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, items, '')}\n`;
}
