/**
 * The strings of a case's evidence (现场证据: its photos and where it is), shown alike on the
 * console's case page and the worker app's: keys `evidence.*`, spread into each app's dictionaries
 * by `evidenceLabelsOf(lang)`, and the photo gallery's labels made from them by `galleryLabels(t)`.
 */
import type { GalleryLabels } from './PhotoGallery.tsx';
import type { Label } from './vocabulary.ts';

const EVIDENCE_LABELS = {
  'evidence.title': { zh: '现场证据', en: 'Evidence', mn: 'ᠭᠡᠷᠡᠴᠢᠯᠡᠯ' },
  'evidence.kind.report': {
    zh: '群众上报照片',
    en: 'Reported photos',
    mn: 'ᠠᠷᠠᠳ ᠤᠨ ᠮᠡᠳᠡᠭᠦᠯᠦᠭᠰᠡᠨ ᠵᠢᠷᠤᠭ',
  },
  'evidence.kind.before': { zh: '处置前', en: 'Before handling', mn: 'ᠰᠢᠢᠳᠪᠦᠷᠢᠯᠡᠬᠦ ᠡᠴᠡ ᠡᠮᠦᠨ᠎ᠡ' },
  'evidence.kind.after': { zh: '处置后', en: 'After handling', mn: 'ᠰᠢᠢᠳᠪᠦᠷᠢᠯᠡᠭᠰᠡᠨ ᠦ ᠳᠠᠷᠠᠭ᠎ᠠ' },
  'evidence.open': { zh: '查看第 {n} 张照片', en: 'Open photo {n}', mn: '{n} ᠳᠦᠭᠡᠷ ᠵᠢᠷᠤᠭ ᠢ ᠦᠵᠡᠬᠦ' },
  'evidence.full': { zh: '照片大图', en: 'Photo, full size', mn: 'ᠲᠣᠮᠣ ᠵᠢᠷᠤᠭ' },
  'evidence.close': { zh: '关闭', en: 'Close', mn: 'ᠬᠠᠭᠠᠬᠤ' },
  'evidence.noPhotos': { zh: '没有照片', en: 'No photos', mn: 'ᠵᠢᠷᠤᠭ ᠦᠭᠡᠢ' },
  'evidence.map': {
    zh: '案件 {caseNo} 的位置',
    en: 'Location of case {caseNo}',
    mn: '{caseNo} ᠬᠡᠷᠡᠭ ᠦᠨ ᠪᠠᠢᠷᠢ',
  },
  'evidence.noLocation': { zh: '没有位置', en: 'No location', mn: 'ᠪᠠᠢᠷᠢ ᠦᠭᠡᠢ' },
} as const satisfies Record<string, Label>;

/** The dictionary keys the evidence strings define. */
export type EvidenceKey = keyof typeof EVIDENCE_LABELS;

/** Every evidence string in `lang`. */
export function evidenceLabelsOf(lang: keyof Label): Record<EvidenceKey, string> {
  return Object.fromEntries(
    Object.entries(EVIDENCE_LABELS).map(([key, label]) => [key, label[lang]]),
  ) as Record<EvidenceKey, string>;
}

/** The photo gallery's labels, in the language of `t`. */
export function galleryLabels(
  t: (key: EvidenceKey, vars?: Record<string, string | number>) => string,
): GalleryLabels {
  return {
    kind: {
      report: t('evidence.kind.report'),
      before: t('evidence.kind.before'),
      after: t('evidence.kind.after'),
    },
    open: (n) => t('evidence.open', { n }),
    full: t('evidence.full'),
    close: t('evidence.close'),
  };
}
