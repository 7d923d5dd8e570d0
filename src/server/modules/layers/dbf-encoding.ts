/**
 * Which text encoding a Shapefile's attribute table (.dbf) is in (属性表编码): the `.cpg` file when
 * there is one, else the DBF language-driver byte. Chinese files are usually GBK/CP936, so an
 * absent or "system code page" byte is read as GBK.
 */
import iconv from 'iconv-lite';
import { layerError } from './import-error.ts';

/** `.cpg` spellings of the encodings departments' files use, to iconv-lite names. */
const CPG_ALIASES: Record<string, string> = {
  GBK: 'gbk',
  CP936: 'gbk',
  '936': 'gbk',
  GB2312: 'gbk',
  GB18030: 'gb18030',
  'UTF-8': 'utf8',
  UTF8: 'utf8',
  '65001': 'utf8',
};

/** DBF language-driver ids (byte 29) that are not GBK; anything else is read as GBK. */
const LDID_ENCODINGS: Record<number, string> = { 1: 'cp437', 3: 'windows-1252' };

/** The iconv-lite encoding named by a `.cpg` file's text; 400 naming it when unknown. */
export function encodingOfCpg(cpg: string): string {
  const name = cpg.trim();
  const known = CPG_ALIASES[name.toUpperCase()];
  if (known) return known;
  const shown = name.slice(0, 40);
  if (iconv.encodingExists(name)) return name;
  throw layerError('layer.encoding_unsupported', { encoding: shown });
}

/** The encoding a language-driver byte means (0x4D CP936, 0x00 unset and most others: GBK). */
export function encodingOfLanguageByte(ldid: number): string {
  return LDID_ENCODINGS[ldid] ?? 'gbk';
}
