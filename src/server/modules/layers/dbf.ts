/**
 * A dBASE III table (.dbf, a Shapefile's attributes) read from its bytes, its text decoded with
 * iconv-lite in the encoding given (GBK for most Chinese files) — the `shapefile` package would
 * read it as windows-1252.
 */
import iconv from 'iconv-lite';
import type { AttributeValue } from './feature.ts';
import { layerError } from './import-error.ts';

interface DbfField {
  name: string;
  type: string;
  offset: number;
  length: number;
}

const HEADER_BYTES = 32;
const DESCRIPTOR_BYTES = 32;
const HEADER_END = 0x0d;

/** The language-driver byte of a table (29th byte of the header). */
export function dbfLanguageByte(bytes: Uint8Array): number {
  return bytes.length > 29 ? (bytes[29] as number) : 0;
}

function decodeText(bytes: Uint8Array, encoding: string): string {
  // Field texts are padded with spaces (or NULs) to their width.
  return iconv
    .decode(Buffer.from(bytes), encoding)
    .replace(/\s+$/u, '')
    .replaceAll('\0', '')
    .trimEnd()
    .trimStart();
}

function fieldsOf(bytes: Uint8Array, view: DataView, headerLength: number, encoding: string): DbfField[] {
  const fields: DbfField[] = [];
  let offset = 1; // after the deletion flag
  for (
    let at = HEADER_BYTES;
    at + DESCRIPTOR_BYTES <= headerLength && bytes[at] !== HEADER_END;
    at += DESCRIPTOR_BYTES
  ) {
    const raw = bytes.subarray(at, at + 11);
    const end = raw.indexOf(0);
    const length = view.getUint8(at + 16);
    fields.push({
      name: decodeText(end === -1 ? raw : raw.subarray(0, end), encoding),
      type: String.fromCharCode(view.getUint8(at + 11)),
      offset,
      length,
    });
    offset += length;
  }
  return fields;
}

function fieldValue(field: DbfField, raw: Uint8Array, encoding: string): AttributeValue {
  const text = decodeText(raw, encoding);
  switch (field.type) {
    case 'N':
    case 'F': {
      if (text === '') return null;
      const n = Number(text);
      return Number.isFinite(n) ? n : null;
    }
    case 'L':
      if (/^[TtYy]$/.test(text)) return true;
      if (/^[FfNn]$/.test(text)) return false;
      return null;
    default:
      return text === '' ? null : text;
  }
}

/**
 * Every record of the table as field name → value, in file order (the order of the .shp's
 * shapes); a deleted record is null, so the caller skips its shape too.
 */
export function readDbf(bytes: Uint8Array, encoding: string): (Record<string, AttributeValue> | null)[] {
  if (bytes.length < HEADER_BYTES) throw layerError('layer.shapefile_unreadable', { part: '.dbf' });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const fields = fieldsOf(bytes, view, headerLength, encoding);
  if (headerLength + count * recordLength > bytes.length || recordLength === 0) {
    throw layerError('layer.shapefile_unreadable', { part: '.dbf' });
  }
  const records: (Record<string, AttributeValue> | null)[] = [];
  for (let i = 0; i < count; i++) {
    const start = headerLength + i * recordLength;
    if (bytes[start] === 0x2a) {
      records.push(null); // '*': deleted
      continue;
    }
    const record: Record<string, AttributeValue> = {};
    for (const field of fields) {
      record[field.name] = fieldValue(
        field,
        bytes.subarray(start + field.offset, start + field.offset + field.length),
        encoding,
      );
    }
    records.push(record);
  }
  return records;
}
