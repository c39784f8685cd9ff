import { createHash } from 'node:crypto';
import type { Reply } from './http-types';

/** A 16×24 JPEG; covers, posters and backdrops all use it (content does not matter, type and bytes do). */
export const TINY_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAgAAAQABAAD//gAQTGF2YzU5LjM3LjEwMAD/2wBDAAgUFBcUFxsbGxsbGyAeICEhISAgICAhISEkJCQqKiokJCQhISQkKCgqKi4vLisrKisvLzIyMjw8OTlGRkhWVmf/xABNAAEBAAAAAAAAAAAAAAAAAAAABgEBAQEAAAAAAAAAAAAAAAAAAAUGEAEAAAAAAAAAAAAAAAAAAAAAEQEAAAAAAAAAAAAAAAAAAAAA/8AAEQgAGAAQAwEiAAIRAAMRAP/aAAwDAQACEQMRAD8AlAGwRwAH/9k=',
  'base64',
);

export function jpegReply(): Reply {
  return {
    status: 200,
    headers: { 'content-type': 'image/jpeg', 'cache-control': 'max-age=86400' },
    body: TINY_JPEG,
  };
}

export function svgReply(label: string): Reply {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="16"><title>${label}</title><rect width="24" height="16" fill="#888"/></svg>`;
  return { status: 200, headers: { 'content-type': 'image/svg+xml' }, body: svg };
}

/** Stable short hash for file names and tokens that must look random but stay deterministic. */
export function shortHash(value: string, length = 8): string {
  return createHash('sha1').update(value).digest('hex').slice(0, length);
}

/** Folds case and diacritics so "madchen" finds "Mädchen". */
export function searchFold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}
