/**
 * Row types of the photos module's tables, as Kysely sees them: case photos (the files live in the
 * data directory). Timestamps are ISO-8601 UTC strings on both dialects (PostgreSQL `timestamptz`
 * is parsed back to ISO), booleans are 0/1, JSON is canonical text.
 */
/** A photo of a case (现场照片); the image is the file `<dataDir>/photos/<case_id>/<id>.<jpg|png>`. */
export interface CasePhotoTable {
  id: string;
  case_id: string;
  /** 'jpeg' or 'png', from the file's own magic bytes. */
  format: string;
  /** Bytes. */
  size: number;
  uploaded_by: string;
  created_at: string;
  /** 'report' (scene, from the reporter), 'before' or 'after' (the handler's, 处置前/处置后). */
  kind: string;
}

/** The tables the photos module owns; only its repository code queries them. */
export interface PhotosTables {
  case_photo: CasePhotoTable;
}
