/**
 * Reading GeoReport v2 parameters from a query string or a form body: one value per name (a name
 * given twice is a problem, not a silent pick), length limits, and `attribute[code]` /
 * `attribute[code][]` collected into one map. Problems are gathered, so a 400 lists them all.
 */
import type { AttributeValue } from './attributes.ts';
import { withoutForbiddenChars } from './xml.ts';

/** Parsed parameters: what the query string and the body held, body first. */
export type Fields = Readonly<Record<string, unknown>>;

/** Query-string and body parameters as one record; the body wins where both name a field. */
export function mergeFields(query: unknown, body: unknown): Fields {
  const asRecord = (v: unknown): Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  return { ...asRecord(query), ...asRecord(body) };
}

export class FieldReader {
  readonly problems: string[] = [];
  constructor(private readonly fields: Fields) {}

  /** The trimmed value of `name`, or undefined when absent or empty; records a problem when malformed. */
  text(name: string, max: number): string | undefined {
    const raw = this.fields[name];
    if (raw === undefined || raw === null) return undefined;
    if (Array.isArray(raw)) {
      this.problems.push(`${name} was given more than once`);
      return undefined;
    }
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      this.problems.push(`${name} must be text`);
      return undefined;
    }
    // Characters XML cannot carry are dropped on the way in, so JSON and XML answers agree.
    const value = withoutForbiddenChars(String(raw)).trim();
    if (value.length > max) {
      this.problems.push(`${name} must be at most ${max} characters`);
      return undefined;
    }
    return value === '' ? undefined : value;
  }

  /** A comma-delimited list (`a,b,c`), each item trimmed, empty items dropped. */
  list(name: string, maxItems: number, maxItemLength: number): string[] | undefined {
    const value = this.text(name, maxItems * (maxItemLength + 1));
    if (value === undefined) return undefined;
    const items = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (items.length > maxItems) this.problems.push(`${name} lists more than ${maxItems} values`);
    else if (items.some((s) => s.length > maxItemLength))
      this.problems.push(`${name} has a value longer than ${maxItemLength} characters`);
    else return items;
    return undefined;
  }

  /**
   * Every `attribute[code]` (or `attribute[code][]`, several values) as code → value. At most
   * `maxCodes` codes and `maxLength` characters a value.
   */
  attributes(maxCodes: number, maxLength: number): Map<string, AttributeValue> {
    const out = new Map<string, AttributeValue>();
    for (const [name, raw] of Object.entries(this.fields)) {
      const m = /^attribute\[([^\]]{1,100})\](\[\])?$/.exec(name);
      if (!m) {
        if (name.startsWith('attribute'))
          this.problems.push(`${name.slice(0, 120)} is not a valid attribute name`);
        continue;
      }
      const code = m[1] as string;
      const values = (Array.isArray(raw) ? raw : [raw]).map((v) =>
        typeof v === 'string' || typeof v === 'number' ? String(v) : undefined,
      );
      if (values.some((v) => v === undefined)) {
        this.problems.push(`attribute[${code}] must be text`);
        continue;
      }
      const strings = values as string[];
      if (strings.some((v) => v.length > maxLength)) {
        this.problems.push(`attribute[${code}] must be at most ${maxLength} characters`);
        continue;
      }
      const previous = out.get(code);
      const merged =
        previous === undefined ? strings : [...(Array.isArray(previous) ? previous : [previous]), ...strings];
      out.set(code, merged.length === 1 && !m[2] && previous === undefined ? (merged[0] as string) : merged);
    }
    if (out.size > maxCodes) this.problems.push(`at most ${maxCodes} attributes may be given`);
    return out;
  }
}
