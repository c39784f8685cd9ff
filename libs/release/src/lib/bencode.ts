/**
 * Minimal bencode (BEP 3) for the `.torrent` files this project serves and accepts. Byte strings
 * stay `Buffer`s on decode (torrent `pieces` are binary); the decoder records where the `info`
 * dictionary's bytes lie, because an info hash is the SHA-1 of exactly those bytes as sent, not
 * of a re-encoding.
 */
export type BencodeValue = number | string | Buffer | BencodeValue[] | BencodeDict;
export interface BencodeDict {
  [key: string]: BencodeValue;
}

export function bencode(value: BencodeValue): Buffer {
  const parts: Buffer[] = [];
  encodeInto(value, parts);
  return Buffer.concat(parts);
}

function encodeInto(value: BencodeValue, out: Buffer[]): void {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`bencode: ${value} is not an integer`);
    out.push(Buffer.from(`i${value}e`));
  } else if (typeof value === 'string' || Buffer.isBuffer(value)) {
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    out.push(Buffer.from(`${bytes.length}:`), bytes);
  } else if (Array.isArray(value)) {
    out.push(Buffer.from('l'));
    for (const item of value) encodeInto(item, out);
    out.push(Buffer.from('e'));
  } else {
    out.push(Buffer.from('d'));
    // Keys sorted as raw byte strings (BEP 3), which is what makes the encoding canonical.
    const keys = Object.keys(value).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    for (const key of keys) {
      encodeInto(key, out);
      encodeInto(value[key], out);
    }
    out.push(Buffer.from('e'));
  }
}

export interface DecodedTorrent {
  root: BencodeDict;
  /** The raw bytes of the top-level `info` value, or null when there is none. */
  infoBytes: Buffer | null;
}

/** Decodes a bencoded top-level dictionary; throws on malformed input or trailing bytes. */
export function bdecodeTorrent(buf: Buffer): DecodedTorrent {
  const decoder = new Decoder(buf);
  const root = decoder.value(0);
  if (decoder.pos !== buf.length) throw new SyntaxError('bencode: trailing bytes');
  if (!isDict(root)) throw new SyntaxError('bencode: top level is not a dictionary');
  return { root, infoBytes: decoder.infoBytes };
}

export function isDict(value: BencodeValue | undefined): value is BencodeDict {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value)
  );
}

/** Deeper nesting than any torrent needs; guards the stack against hostile uploads. */
const MAX_DEPTH = 64;

class Decoder {
  pos = 0;
  infoBytes: Buffer | null = null;

  constructor(private readonly buf: Buffer) {}

  value(depth: number): BencodeValue {
    if (depth > MAX_DEPTH) throw new SyntaxError('bencode: nested too deeply');
    const c = this.buf[this.pos];
    if (c === undefined) throw new SyntaxError('bencode: unexpected end');
    if (c === 0x69 /* i */) return this.integer();
    if (c === 0x6c /* l */) {
      this.pos++;
      const list: BencodeValue[] = [];
      while (this.peek() !== 0x65 /* e */) list.push(this.value(depth + 1));
      this.pos++;
      return list;
    }
    if (c === 0x64 /* d */) {
      this.pos++;
      const dict: BencodeDict = Object.create(null) as BencodeDict;
      while (this.peek() !== 0x65) {
        const key = this.bytes().toString('utf8');
        const start = this.pos;
        dict[key] = this.value(depth + 1);
        if (depth === 0 && key === 'info') this.infoBytes = this.buf.subarray(start, this.pos);
      }
      this.pos++;
      return dict;
    }
    return this.bytes();
  }

  private peek(): number {
    const c = this.buf[this.pos];
    if (c === undefined) throw new SyntaxError('bencode: unexpected end');
    return c;
  }

  private integer(): number {
    const end = this.buf.indexOf(0x65, this.pos);
    if (end < 0) throw new SyntaxError('bencode: unterminated integer');
    const text = this.buf.toString('latin1', this.pos + 1, end);
    if (!/^(0|-?[1-9]\d*)$/.test(text)) throw new SyntaxError('bencode: bad integer');
    const n = Number(text);
    if (!Number.isSafeInteger(n)) throw new SyntaxError('bencode: integer out of range');
    this.pos = end + 1;
    return n;
  }

  private bytes(): Buffer {
    const colon = this.buf.indexOf(0x3a, this.pos);
    if (colon < 0) throw new SyntaxError('bencode: bad string length');
    const text = this.buf.toString('latin1', this.pos, colon);
    if (!/^(0|[1-9]\d*)$/.test(text)) throw new SyntaxError('bencode: bad string length');
    const length = Number(text);
    const end = colon + 1 + length;
    if (end > this.buf.length) throw new SyntaxError('bencode: string past the end');
    this.pos = end;
    return this.buf.subarray(colon + 1, end);
  }
}
