/**
 * A strict reader for the XML this module writes, for the tests: it rejects what is not
 * well-formed (unbalanced tags, a bare `&` or `<`, attributes, text beside elements) and turns a
 * document back into data — lists by their container element, empty `<x/>` as null, all text as
 * strings — so an XML answer can be compared with the JSON one.
 */

interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
  selfClosing: boolean;
}

const NAME = '[A-Za-z_][A-Za-z0-9._-]*';

function decodeEntities(text: string): string {
  return text.replace(/&([^;]{0,10});?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) throw new Error(`bare & in text near "${whole}"`);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (body in named) return named[body] as string;
    const m = /^#(x[0-9a-fA-F]+|\d+)$/.exec(body);
    if (!m) throw new Error(`unknown entity &${body};`);
    const digits = m[1] as string;
    return String.fromCodePoint(
      digits.startsWith('x') ? Number.parseInt(digits.slice(1), 16) : Number(digits),
    );
  });
}

/** Parses a document into its root element; throws on anything not well-formed. */
export function parseXml(xml: string): XmlNode {
  let rest = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  const token = new RegExp(`^(?:<(${NAME})\\s*(/?)>|</(${NAME})\\s*>|([^<]+))`);
  while (rest.length > 0) {
    const m = token.exec(rest);
    if (!m) throw new Error(`not well-formed near: ${rest.slice(0, 40)}`);
    rest = rest.slice(m[0].length);
    const [, open, slash, close, text] = m;
    const parent = stack.at(-1);
    if (open) {
      if (!parent && root) throw new Error('more than one root element');
      const node: XmlNode = { name: open, children: [], text: '', selfClosing: slash === '/' };
      if (parent) parent.children.push(node);
      else root = node;
      if (!node.selfClosing) stack.push(node);
    } else if (close) {
      const top = stack.pop();
      if (top?.name !== close) throw new Error(`</${close}> closes <${top?.name ?? 'nothing'}>`);
    } else if (text !== undefined) {
      if (!parent) {
        if (text.trim() !== '') throw new Error('text outside the root element');
        continue;
      }
      parent.text += decodeEntities(text);
    }
  }
  if (stack.length > 0 || !root) throw new Error('unclosed elements');
  return root;
}

/** The data an element holds; `lists` maps each list container to its item element. */
export function xmlToData(node: XmlNode, lists: Readonly<Record<string, string>>): unknown {
  const item = lists[node.name];
  if (node.children.length > 0 && node.text.trim() !== '')
    throw new Error(`<${node.name}> mixes text and elements`);
  if (item !== undefined) {
    return node.children.map((c) => {
      if (c.name !== item) throw new Error(`<${node.name}> holds <${c.name}>, not <${item}>`);
      return xmlToData(c, lists);
    });
  }
  if (node.children.length > 0) {
    const out: Record<string, unknown> = {};
    for (const c of node.children) {
      if (c.name in out) throw new Error(`<${node.name}> has <${c.name}> twice`);
      out[c.name] = xmlToData(c, lists);
    }
    return out;
  }
  return node.selfClosing ? null : node.text;
}

/** JSON data as XML would carry it: numbers and booleans as text, empty strings as null. */
export function asXmlText(value: unknown): unknown {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.map(asXmlText);
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, asXmlText(v)]),
    );
  return String(value);
}
