/**
 * A case's photos for the people who act on it (issue 7 #11): thumbnails grouped by kind (the scene
 * as reported, before and after the handling), each opening a full view. Plain React and inline
 * styles, so the phone app (antd-mobile) and the console (antd) show the same thing.
 */
import { useEffect, useState } from 'react';

/** The kinds a photo may be, in the order they are shown. */
export const GALLERY_KINDS = ['report', 'before', 'after'] as const;
export type GalleryKind = (typeof GALLERY_KINDS)[number];

export interface GalleryPhoto {
  id: string;
  kind: string;
  /** Where the image can be loaded from (an API URL, or an object URL of a cached copy); none yet: a blank. */
  src: string | undefined;
}

export interface GalleryLabels {
  /** Heading of each kind's group. */
  kind: Record<GalleryKind, string>;
  /** Accessible name of a thumbnail's button, e.g. "open photo 2". */
  open(n: number): string;
  /** The full view's name, and its close button. */
  full: string;
  close: string;
}

const THUMB = 72;

const styles = {
  row: { display: 'flex', flexWrap: 'wrap', gap: 8 },
  thumb: {
    width: THUMB,
    height: THUMB,
    padding: 0,
    border: '1px solid #d9d9d9',
    borderRadius: 6,
    overflow: 'hidden',
    background: '#f5f5f5',
    cursor: 'zoom-in',
  },
  img: { width: '100%', height: '100%', objectFit: 'cover', display: 'block' },
  overlay: {
    position: 'fixed',
    inset: 0,
    zIndex: 2000,
    background: 'rgba(0, 0, 0, 0.85)',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: 12,
    padding: 16,
  },
  full: { maxWidth: '100%', maxHeight: 'calc(100% - 64px)', objectFit: 'contain' },
  close: {
    minWidth: 96,
    minHeight: 40,
    fontSize: 16,
    borderRadius: 6,
    border: 'none',
    background: '#fff',
    cursor: 'pointer',
  },
} satisfies Record<string, React.CSSProperties>;

/** Thumbnails by kind, and the full view of the one opened. */
export function PhotoGallery(props: { photos: GalleryPhoto[]; labels: GalleryLabels }) {
  const [open, setOpen] = useState<GalleryPhoto>();
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(undefined);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  let n = 0;
  return (
    <div className="photo-gallery" data-testid="photo-gallery">
      {GALLERY_KINDS.map((kind) => {
        const photos = props.photos.filter((p) => p.kind === kind);
        if (photos.length === 0) return null;
        return (
          <section key={kind} data-kind={kind} style={{ marginBottom: 8 }}>
            <h4 style={{ margin: '4px 0', fontSize: 14, fontWeight: 500 }}>{props.labels.kind[kind]}</h4>
            <div style={styles.row}>
              {photos.map((photo) => {
                n += 1;
                return (
                  <button
                    key={photo.id}
                    type="button"
                    style={styles.thumb}
                    aria-label={props.labels.open(n)}
                    data-testid="photo-thumb"
                    data-kind={photo.kind}
                    onClick={() => setOpen(photo)}
                  >
                    {photo.src && <img src={photo.src} alt="" style={styles.img} />}
                  </button>
                );
              })}
            </div>
          </section>
        );
      })}
      {open && (
        <div role="dialog" aria-modal="true" aria-label={props.labels.full} style={styles.overlay}>
          {open.src && (
            <img src={open.src} alt={props.labels.full} style={styles.full} data-testid="photo-full" />
          )}
          <button type="button" style={styles.close} onClick={() => setOpen(undefined)}>
            {props.labels.close}
          </button>
        </div>
      )}
    </div>
  );
}
