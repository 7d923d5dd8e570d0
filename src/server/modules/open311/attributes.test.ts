import { describe, expect, it } from 'vitest';
import { type AttributeDefinition, checkAttributes, DEFAULT_ATTRIBUTES } from './attributes.ts';
import { FieldReader } from './form.ts';

const land = DEFAULT_ATTRIBUTES.land_grassland as AttributeDefinition[];
const environment = DEFAULT_ATTRIBUTES.environment as AttributeDefinition[];
const attrs = (fields: Record<string, unknown>) => new FieldReader(fields).attributes(50, 4000);

const base = (over: Partial<AttributeDefinition>): AttributeDefinition => ({
  variable: true,
  code: 'x',
  datatype: 'string',
  required: false,
  datatype_description: null,
  order: 1,
  description: 'x',
  values: [],
  ...over,
});

describe('service attributes', () => {
  it('reads attribute[code] and attribute[code][] from a form', () => {
    const r = new FieldReader({
      'attribute[area_mu]': '20',
      'attribute[kinds][]': ['a', 'b'],
      'attribute[one][]': 'c',
      description: 'ignored here',
    });
    expect([...r.attributes(50, 4000)]).toEqual([
      ['area_mu', '20'],
      ['kinds', ['a', 'b']],
      ['one', ['c']],
    ]);
    expect(r.problems).toEqual([]);
    const bad = new FieldReader({ 'attribute[': 'x', 'attribute[a]': { nested: 1 } });
    bad.attributes(50, 4000);
    expect(bad.problems).toHaveLength(2);
  });

  it('accepts good values and trims numbers', () => {
    const out = checkAttributes('land_grassland', land, attrs({ 'attribute[area_mu]': ' 12.5 ' }));
    expect(out).toEqual({ values: { area_mu: '12.5' }, problems: [] });
    expect(
      checkAttributes('environment', environment, attrs({ 'attribute[pollution_kind]': 'water' })),
    ).toEqual({
      values: { pollution_kind: 'water' },
      problems: [],
    });
  });

  it('lists every problem: required, number, list key, unknown, repeated', () => {
    expect(checkAttributes('environment', environment, attrs({})).problems).toEqual([
      'attribute[pollution_kind] is required for the service environment',
    ]);
    const out = checkAttributes(
      'land_grassland',
      land,
      attrs({
        'attribute[area_mu]': 'twenty',
        'attribute[dispute_party_count]': ['2', '3'],
        'attribute[colour]': 'red',
      }),
    );
    expect(out.problems).toEqual([
      'attribute[colour] is not an attribute of the service land_grassland',
      'attribute[area_mu] must be a number',
      'attribute[dispute_party_count] was given more than once',
    ]);
    expect(
      checkAttributes('environment', environment, attrs({ 'attribute[pollution_kind]': 'smell' })).problems,
    ).toEqual(['attribute[pollution_kind] must be one of the keys air, water, soil, noise, waste']);
  });

  it('checks datetime, string, text and multivaluelist values', () => {
    const defs = [
      base({ code: 'when', datatype: 'datetime' }),
      base({ code: 'short', datatype: 'string' }),
      base({ code: 'long', datatype: 'text' }),
      base({
        code: 'many',
        datatype: 'multivaluelist',
        values: [
          { key: 'a', name: 'A' },
          { key: 'b', name: 'B' },
        ],
      }),
      base({ code: 'info', variable: false }),
    ];
    const ok = checkAttributes(
      's',
      defs,
      attrs({
        'attribute[when]': '2026-11-23T09:30:00+08:00',
        'attribute[short]': 'x'.repeat(255),
        'attribute[long]': 'y'.repeat(4000),
        'attribute[many][]': ['a', 'b', 'a'],
      }),
    );
    expect(ok.problems).toEqual([]);
    expect(ok.values.many).toEqual(['a', 'b']);
    const bad = checkAttributes(
      's',
      defs,
      attrs({
        'attribute[when]': 'tomorrow',
        'attribute[short]': 'x'.repeat(256),
        'attribute[many][]': ['a', 'c'],
        'attribute[info]': 'x',
      }),
    );
    expect(bad.problems).toEqual([
      'attribute[info] is informational and takes no value',
      'attribute[when] must be a W3C date-time such as 2026-11-23T09:30:00+08:00',
      'attribute[short] must be at most 255 characters',
      'attribute[many] must be one of the keys a, b',
    ]);
  });
});
