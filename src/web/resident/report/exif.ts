/**
 * Reads the GPS position (WGS-84) a phone camera wrote into a JPEG's EXIF block, for a person who
 * chooses to keep the place the photo was taken. Nothing else of the EXIF data is read or kept.
 */

export interface GpsPoint {
  lng: number;
  lat: number;
}

const GPS_IFD_POINTER = 0x8825;

/** The GPS position in a JPEG file's bytes, or undefined when there is none (or it is not a JPEG). */
export function gpsOfJpeg(buffer: ArrayBuffer): GpsPoint | undefined {
  const view = new DataView(buffer);
  if (view.byteLength < 4 || view.getUint16(0) !== 0xffd8) return undefined;
  let offset = 2;
  while (offset + 4 <= view.byteLength) {
    const marker = view.getUint16(offset);
    const size = view.getUint16(offset + 2);
    if (marker === 0xffe1 && view.getUint32(offset + 4) === 0x45786966) return gpsOfTiff(view, offset + 10);
    if ((marker & 0xff00) !== 0xff00 || marker === 0xffda) return undefined;
    offset += 2 + size;
  }
  return undefined;
}

function gpsOfTiff(view: DataView, tiff: number): GpsPoint | undefined {
  if (tiff + 8 > view.byteLength) return undefined;
  const little = view.getUint16(tiff) === 0x4949;
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  const entries = (ifd: number) => {
    const list: { tag: number; count: number; value: number; at: number }[] = [];
    if (ifd + 2 > view.byteLength) return list;
    const n = u16(ifd);
    for (let i = 0; i < n; i++) {
      const at = ifd + 2 + i * 12;
      if (at + 12 > view.byteLength) break;
      list.push({ tag: u16(at), count: u32(at + 4), value: u32(at + 8), at: at + 8 });
    }
    return list;
  };
  const ifd0 = entries(tiff + u32(tiff + 4));
  const pointer = ifd0.find((e) => e.tag === GPS_IFD_POINTER);
  if (!pointer) return undefined;
  const gps = entries(tiff + pointer.value);
  const ref = (tag: number) => {
    const e = gps.find((x) => x.tag === tag);
    return e ? String.fromCharCode(view.getUint8(e.at)) : undefined;
  };
  const degrees = (tag: number) => {
    const e = gps.find((x) => x.tag === tag);
    if (!e) return undefined;
    if (e.count !== 3 || tiff + e.value + 24 > view.byteLength) return undefined;
    const rational = (i: number) => {
      const den = u32(tiff + e.value + i * 8 + 4);
      return den === 0 ? 0 : u32(tiff + e.value + i * 8) / den;
    };
    return rational(0) + rational(1) / 60 + rational(2) / 3600;
  };
  const lat = degrees(2);
  const lng = degrees(4);
  if (lat === undefined || lng === undefined || (lat === 0 && lng === 0)) return undefined;
  return { lat: ref(1) === 'S' ? -lat : lat, lng: ref(3) === 'W' ? -lng : lng };
}
