import { isAbsolute, relative, resolve, sep } from 'node:path';
import { PathOutsideLibrary } from './errors';

/** Longest path component in UTF-8 bytes: below the 255 of ext4/NTFS/APFS, with room for `.part.json`. */
export const MAX_COMPONENT_BYTES = 200;

const RESERVED_WINDOWS = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])$/i;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * One path component that every common filesystem accepts: no separators, no characters Windows
 * forbids, no control characters, no leading dots (hidden files, `..`), no trailing dots or spaces,
 * not a reserved device name, at most {@link MAX_COMPONENT_BYTES} bytes, never empty.
 */
export function sanitizeComponent(raw: string, fallback = 'Unnamed'): string {
  let name = raw
    .normalize('NFC')
    .replace(/[\t\n\r\v\f]/g, ' ')
    .replace(CONTROL, '')
    .replace(/[/\\]/g, '-')
    .replace(/\s*:\s*/g, ' - ')
    .replace(/[<>"|?*]/g, '')
    .replace(/\s+/g, ' ');
  name = name.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
  const dot = name.indexOf('.');
  const stem = dot === -1 ? name : name.slice(0, dot);
  if (RESERVED_WINDOWS.test(stem.trim()))
    name = `${stem.trim()}_${dot === -1 ? '' : name.slice(dot)}`;
  name = truncateBytes(name, MAX_COMPONENT_BYTES).replace(/[\s.]+$/, '');
  return name || sanitizeComponent(fallback, 'Unnamed');
}

/** A file name: the stem is sanitized and shortened, the extension kept. */
export function sanitizeFileName(stem: string, ext: string, fallback = 'Episode'): string {
  const safeExt = sanitizeComponent(ext, 'mp4').replace(/^\.+/, '').slice(0, 16);
  const budget = MAX_COMPONENT_BYTES - Buffer.byteLength(`.${safeExt}`);
  const safeStem = truncateBytes(sanitizeComponent(stem, fallback), budget).replace(/[\s.]+$/, '');
  return `${safeStem || sanitizeComponent(fallback)}.${safeExt}`;
}

/** Cuts a string to at most `max` UTF-8 bytes without splitting a character. */
export function truncateBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > max) break;
    out += char;
    bytes += size;
  }
  return out;
}

/** Joins sanitized components under root and proves the result stays inside it. */
export function pathInside(root: string, ...components: string[]): string {
  const base = resolve(root);
  const target = resolve(base, ...components);
  const rel = relative(base, target);
  if (!rel || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel))
    throw new PathOutsideLibrary(target);
  return target;
}

/** The series folder name: the stored one, else `Name (Year)`; always one safe component. */
export function seriesFolderName(input: {
  folder: string | null;
  series: string;
  year: number | null;
}): string {
  const raw = input.folder ?? (input.year ? `${input.series} (${input.year})` : input.series);
  return sanitizeComponent(raw, 'Unnamed Series');
}
