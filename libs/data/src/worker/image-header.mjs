// Image size from the file header, without libvips. Asking sharp for metadata() is a second libvips pipeline per
// item (header parse, GObject setup, a round trip through libuv's thread pool); reading the JPEG SOF or PNG IHDR
// here takes microseconds. Anything else (or a header that looks wrong) returns undefined and the caller asks sharp,
// which also produces the error message for a corrupt file.
// Plain JavaScript because worker threads do not get the TypeScript loader.

/** JPEG start-of-frame markers (SOF0-3, 5-7, 9-11, 13-15); C4, C8 and CC are other segments. */
function isStartOfFrame(marker) {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegSize(bytes) {
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      i += 2; // markers without a length
      continue;
    }
    if (isStartOfFrame(marker)) {
      const height = (bytes[i + 5] << 8) | bytes[i + 6];
      const width = (bytes[i + 7] << 8) | bytes[i + 8];
      return width > 0 && height > 0 ? { width, height } : undefined; // height 0: defined later by a DNL marker
    }
    i += 2 + ((bytes[i + 2] << 8) | bytes[i + 3]);
  }
  return undefined;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngSize(bytes) {
  if (bytes.length < 24 || String.fromCharCode(bytes[12], bytes[13], bytes[14], bytes[15]) !== 'IHDR') return undefined;
  const u32 = (o) => ((bytes[o] << 24) | (bytes[o + 1] << 16) | (bytes[o + 2] << 8) | bytes[o + 3]) >>> 0;
  const width = u32(16);
  const height = u32(20);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

/** `{ width, height }` of a JPEG or PNG as stored (EXIF orientation is not applied, as with PIL), else undefined. */
export function imageHeaderSize(bytes) {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes);
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return pngSize(bytes);
  return undefined;
}
