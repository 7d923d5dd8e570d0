/**
 * Photos taken with a form (the report's scene, the handling's before/after): the camera or the
 * gallery, resized on the phone, shown as thumbnails that can be removed before sending.
 */
import { useEffect, useId, useRef } from 'react';
import { resizePhoto } from '../../shared/resize-photo.ts';
import { useT } from '../i18n/index.ts';
import type { PhotoKind, TakenPhoto } from '../photos.ts';

/** Photos of one kind a form takes (the server keeps six of each kind per case). */
const MAX_PER_FORM = 6;

export function PhotoPicker(props: {
  kind: PhotoKind;
  label: string;
  photos: TakenPhoto[];
  onChange(photos: TakenPhoto[]): void;
}) {
  const { t } = useT();
  const id = useId();
  const mine = props.photos.filter((p) => p.kind === props.kind);
  // Previews are freed when the form goes away.
  const shown = useRef(props.photos);
  shown.current = props.photos;
  useEffect(
    () => () => {
      for (const p of shown.current) URL.revokeObjectURL(p.preview);
    },
    [],
  );

  async function add(files: FileList | null) {
    if (!files) return;
    const picked: TakenPhoto[] = [];
    for (const file of Array.from(files).slice(0, MAX_PER_FORM - mine.length)) {
      const blob = await resizePhoto(file);
      picked.push({ key: crypto.randomUUID(), kind: props.kind, blob, preview: URL.createObjectURL(blob) });
    }
    props.onChange([...props.photos, ...picked]);
  }

  return (
    <fieldset className="field photo-picker" data-kind={props.kind}>
      <legend className="field-label">{props.label}</legend>
      <div className="photo-picker-row">
        {mine.map((photo) => (
          <figure key={photo.key} className="photo-picker-thumb">
            <img src={photo.preview} alt="" />
            <button
              type="button"
              aria-label={t('photo.remove')}
              onClick={() => {
                URL.revokeObjectURL(photo.preview);
                props.onChange(props.photos.filter((p) => p.key !== photo.key));
              }}
            >
              ×
            </button>
          </figure>
        ))}
        {mine.length < MAX_PER_FORM && (
          <label className="photo-picker-add" htmlFor={id}>
            ＋ {t('photo.add')}
            <input
              id={id}
              type="file"
              accept="image/*"
              capture="environment"
              multiple
              className="visually-hidden"
              aria-label={props.label}
              onChange={(e) => {
                void add(e.target.files);
                e.target.value = '';
              }}
            />
          </label>
        )}
      </div>
    </fieldset>
  );
}
