import { describe, expect, it } from 'vitest';
import { escapeXml, toXml } from './xml.ts';
import { asXmlText, parseXml, xmlToData } from './xml-reader.ts';

const ITEMS = { services: 'service', values: 'value' };

describe('the XML serializer', () => {
  it('escapes the five special characters and keeps carriage returns', () => {
    expect(escapeXml(`a<b>&"c'\r\n`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;&#13;\n');
  });

  it('drops characters XML 1.0 forbids but keeps Chinese, Mongolian and emoji', () => {
    expect(escapeXml('a\u0000b\u0008c\u001fd\ufffe\uffff')).toBe('abcd');
    expect(escapeXml('x\ud800y\udc00z')).toBe('xyz'); // lone surrogates
    expect(escapeXml('草场 ᠮᠣᠩᠭᠣᠯ 🐑\t')).toBe('草场 ᠮᠣᠩᠭᠣᠯ 🐑\t');
  });

  it('writes lists with their item element, empty values as empty elements', () => {
    const xml = toXml(
      'services',
      [{ service_code: 'a&b', metadata: true, order: 2, keywords: '', group: null, values: [] }],
      ITEMS,
    );
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<services>',
        '  <service>',
        '    <service_code>a&amp;b</service_code>',
        '    <metadata>true</metadata>',
        '    <order>2</order>',
        '    <keywords/>',
        '    <group/>',
        '    <values/>',
        '  </service>',
        '</services>',
        '',
      ].join('\n'),
    );
  });

  it('refuses a list without an item element and a name that is not an element name', () => {
    expect(() => toXml('things', [1], ITEMS)).toThrow(/item element/);
    expect(() => toXml('ok', { 'attribute[x]': 1 }, ITEMS)).toThrow(/element name/);
  });

  it('round-trips hostile text through a strict reader', () => {
    const hostile = '</description><evil>&amp;</evil> <![CDATA[x]]> 🐑 "\' \r\n end';
    const data = { services: [{ service_code: hostile, values: [{ key: '1', name: '<' }] }] };
    const xml = toXml('root', data, ITEMS);
    const back = xmlToData(parseXml(xml), ITEMS);
    expect(back).toEqual(asXmlText(data));
  });

  it('the reader rejects what is not well-formed', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow();
    expect(() => parseXml('<a>x & y</a>')).toThrow();
    expect(() => parseXml('<a x="1"></a>')).toThrow();
    expect(() => parseXml('<a></a><b/>')).toThrow();
    expect(() => parseXml('<a>')).toThrow();
  });
});
