/** Up to six photos, resized on the phone; the photo's own GPS position is kept only if the person says so. */
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n/index.ts';
import { type GpsPoint, gpsOfJpeg } from './exif.ts';
import { MAX_PHOTOS, resizePhoto } from './photos.ts';

export interface PickedPhoto {
  key: string;
  /** The resized JPEG, without EXIF. */
  blob: Blob;
  preview: string;
  /** Where the original says it was taken (read before resizing), if anywhere. */
  gps: GpsPoint | undefined;
}

export function PhotoField(props: {
  photos: PickedPhoto[];
  onChange(photos: PickedPhoto[]): void;
  onLocation(point: GpsPoint): void;
}) {
  const { t } = useT();
  const id = useId();
  const [keepLocation, setKeepLocation] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const { photos } = props;

  // Previews are freed when a photo is removed, and all of them when the form goes away.
  const shown = useRef(photos);
  shown.current = photos;
  useEffect(
    () => () => {
      for (const p of shown.current) URL.revokeObjectURL(p.preview);
    },
    [],
  );

  function applyPhotoLocation(list: PickedPhoto[], keep: boolean) {
    if (!keep || list.length === 0) {
      setNote(null);
      return;
    }
    const withGps = list.find((p) => p.gps);
    if (withGps?.gps) {
      props.onLocation(withGps.gps);
      setNote(t('photoLocationUsed'));
    } else setNote(t('photoLocationNone'));
  }

  async function add(files: FileList | null) {
    if (!files) return;
    const room = MAX_PHOTOS - photos.length;
    const picked: PickedPhoto[] = [];
    for (const file of Array.from(files).slice(0, room)) {
      const gps = gpsOfJpeg(await file.arrayBuffer());
      const blob = await resizePhoto(file);
      picked.push({ key: crypto.randomUUID(), blob, preview: URL.createObjectURL(blob), gps });
    }
    const next = [...photos, ...picked];
    props.onChange(next);
    applyPhotoLocation(next, keepLocation);
  }

  return (
    <fieldset className="field">
      <legend>{t('photos', { max: MAX_PHOTOS })}</legend>
      <div className="thumbs">
        {photos.map((photo) => (
          <figure key={photo.key} className="thumb">
            <img src={photo.preview} alt="" />
            <button
              type="button"
              className="remove"
              aria-label={t('removePhoto')}
              onClick={() => {
                URL.revokeObjectURL(photo.preview);
                props.onChange(photos.filter((p) => p.key !== photo.key));
              }}
            >
              ×
            </button>
          </figure>
        ))}
        {photos.length < MAX_PHOTOS && (
          <label className="thumb add" htmlFor={`${id}-photos`}>
            <span aria-hidden="true">＋</span>
            <span className="add-text">{t('addPhoto')}</span>
            <input
              id={`${id}-photos`}
              type="file"
              accept="image/*"
              multiple
              className="visually-hidden"
              aria-label={t('addPhoto')}
              onChange={(e) => {
                void add(e.target.files);
                e.target.value = '';
              }}
            />
          </label>
        )}
      </div>
      <div className="check">
        <input
          id={`${id}-keep`}
          type="checkbox"
          checked={keepLocation}
          onChange={(e) => {
            setKeepLocation(e.target.checked);
            applyPhotoLocation(photos, e.target.checked);
          }}
        />
        <label htmlFor={`${id}-keep`}>{t('keepPhotoLocation')}</label>
      </div>
      {note && <p className="hint">{note}</p>}
    </fieldset>
  );
}
