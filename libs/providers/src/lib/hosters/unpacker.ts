const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Dean Edwards' base-N words: 0-9a-z for bases up to 36, then A-Z up to 62. */
export function decodeBaseN(word: string, base: number): number {
  if (base <= 36) return Number.parseInt(word, base);
  let n = 0;
  for (const c of word) {
    const d = DIGITS.indexOf(c);
    if (d < 0 || d >= base) return Number.NaN;
    n = n * base + d;
  }
  return n;
}

export function encodeBaseN(n: number, base: number): string {
  if (n === 0) return '0';
  let s = '';
  for (let v = n; v > 0; v = Math.floor(v / base)) s = DIGITS[v % base] + s;
  return s;
}

const PACKED =
  /eval\(function\(p,a,c,k,e,[dr]\)\{[\s\S]*?\}\s*\(\s*'((?:[^'\\]|\\.)*)'\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*'((?:[^'\\]|\\.)*)'\.split\(\s*'\|'\s*\)/;

/** Unpacks the first `eval(function(p,a,c,k,e,d){…}(…))` block; null when there is none. */
export function unpackPacked(source: string): string | null {
  const m = PACKED.exec(source);
  if (!m) return null;
  const payload = m[1].replace(/\\'/g, "'").replace(/\\\\/g, '\\');
  const base = Number(m[2]);
  const words = m[4].split('|');
  return payload.replace(/\b\w+\b/g, (token) => {
    const index = decodeBaseN(token, base);
    const word = Number.isFinite(index) ? words[index] : undefined;
    return word ? word : token;
  });
}

/** All packed blocks of a page, unpacked and joined. */
export function unpackAll(source: string): string {
  const parts: string[] = [];
  let rest = source;
  for (let i = 0; i < 10; i++) {
    const m = PACKED.exec(rest);
    if (!m) break;
    const unpacked = unpackPacked(m[0]);
    if (unpacked) parts.push(unpacked);
    rest = rest.slice((m.index ?? 0) + m[0].length);
  }
  return parts.join('\n');
}
