import { isAbsolute, relative, resolve } from 'node:path';
import { DomainError } from './errors';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/** Bytes per path component; most filesystems allow 255, leave room for `.part` suffixes. */
const MAX_COMPONENT_BYTES = 200;

/**
 * One safe path component for every filesystem (ext4, NTFS, exFAT, SMB shares): no separators,
 * no `<>:"|?*`, no control characters, no leading dots, no trailing dots or spaces, no Windows
 * reserved names, at most 200 bytes of UTF-8. Never empty.
 */
export function safePathComponent(raw: string, fallback = 'untitled'): string {
  let name = raw
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(/[/\\]/g, '-')
    .replace(/[<>:"|?*]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  name = truncateUtf8(name, MAX_COMPONENT_BYTES).replace(/[.\s]+$/, '');
  return name || fallback;
}

function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = '';
  for (const char of text) {
    if (Buffer.byteLength(out + char) > maxBytes) break;
    out += char;
  }
  return out;
}

/** Joins components under root and proves the result stays inside it. */
export function pathInside(root: string, ...components: string[]): string {
  const base = resolve(root);
  const target = resolve(base, ...components);
  const rel = relative(base, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new DomainError('BAD_REQUEST', 'Refusing a path outside the anime directory', {
      path: components.join('/'),
    });
  }
  return target;
}

/** The folder name of a series: `Name (Year)`, made safe. */
export function seriesFolderName(name: string, year: number | null): string {
  const title = safePathComponent(name, 'Series');
  return year ? safePathComponent(`${title} (${year})`) : title;
}
