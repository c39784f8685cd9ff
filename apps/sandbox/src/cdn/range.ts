import type { HeaderValue, Reply } from '../server/http-types';

export type RangeResult =
  { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/** RFC 9110 single byte range; multi-range and malformed headers fall back to the full body. */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (!header) return { kind: 'full' };
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'full' };
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}

export function fileRangeReply(
  file: string,
  size: number,
  rangeHeader: string | undefined,
  contentType: string,
  extra: Record<string, HeaderValue> = {},
  segment = false,
): Reply {
  const base = { 'content-type': contentType, 'accept-ranges': 'bytes', ...extra };
  const range = parseRange(rangeHeader, size);
  if (range.kind === 'unsatisfiable') {
    return { status: 416, headers: { ...base, 'content-range': `bytes */${size}` }, body: '' };
  }
  if (range.kind === 'partial') {
    return {
      status: 206,
      headers: { ...base, 'content-range': `bytes ${range.start}-${range.end}/${size}` },
      body: { file, start: range.start, end: range.end },
      segment,
    };
  }
  return { status: 200, headers: base, body: { file, start: 0, end: size - 1 }, segment };
}
