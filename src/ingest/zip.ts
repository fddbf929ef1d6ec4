import { inflateRawSync } from 'node:zlib';

/**
 * Just enough ZIP: the entry list from the central directory (to tell a Word document from a spreadsheet,
 * a slide deck or a plain archive without inflating anything) and reading one small entry.
 */

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
/** The end record is 22 bytes plus a comment of at most 65,535 bytes. */
const MAX_END_RECORD_DISTANCE = 22 + 0xffff;
const MAX_ENTRIES = 10_000;

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

/**
 * The archive's entries, or null when the central directory cannot be found (a truncated or damaged
 * archive). ZIP64 archives report 0xFFFF entries here; a resume never needs ZIP64, so those read as damaged.
 */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndRecord(view);
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let i = 0; i < Math.min(count, MAX_ENTRIES); i++) {
    if (offset + 46 > view.byteLength || view.getUint32(offset, true) !== CENTRAL_DIRECTORY_ENTRY) return null;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > view.byteLength) return null;
    entries.push({
      name: decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
      method: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** An entry's content, or null if it cannot be read (unknown method, damaged, larger than `maxBytes`). */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes = 5 * 1024 * 1024): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > view.byteLength || view.getUint32(at, true) !== LOCAL_FILE_HEADER) return null;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) return null;
  try {
    if (entry.method === 0) return data.length <= maxBytes ? data : null;
    if (entry.method === 8) return new Uint8Array(inflateRawSync(data, { maxOutputLength: maxBytes }));
  } catch {
    // Damaged or too large once inflated: treat as unreadable.
  }
  return null;
}

function findEndRecord(view: DataView): number {
  const stop = Math.max(0, view.byteLength - MAX_END_RECORD_DISTANCE);
  for (let i = view.byteLength - 22; i >= stop; i--) {
    if (view.getUint32(i, true) === END_OF_CENTRAL_DIRECTORY) return i;
  }
  return -1;
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true) === LOCAL_FILE_HEADER;
}

/**
 * Fallback for archives without a readable central directory: scans the local file headers from the
 * start. Used only to decide whether a damaged archive was meant to be a Word document.
 */
export function localEntryNames(bytes: Uint8Array, limit = 200): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder();
  const names: string[] = [];
  let offset = 0;
  while (names.length < limit && offset + 30 <= view.byteLength && view.getUint32(offset, true) === LOCAL_FILE_HEADER) {
    const flags = view.getUint16(offset + 6, true);
    const compressedSize = view.getUint32(offset + 18, true);
    const nameLength = view.getUint16(offset + 26, true);
    const extraLength = view.getUint16(offset + 28, true);
    names.push(decoder.decode(bytes.subarray(offset + 30, Math.min(offset + 30 + nameLength, bytes.length))));
    // With a data descriptor (flag bit 3) the size is only known after the data; stop rather than guess.
    if (flags & 0x08) break;
    offset += 30 + nameLength + extraLength + compressedSize;
  }
  return names;
}
