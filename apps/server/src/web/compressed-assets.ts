import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { compress, type ContentEncoding } from '../common/http/compression';

/** Text formats worth compressing; images, fonts (woff, woff2) and video are compressed already. */
const COMPRESSIBLE = new Set([
  '.js',
  '.mjs',
  '.css',
  '.html',
  '.svg',
  '.json',
  '.map',
  '.txt',
  '.xml',
  '.webmanifest',
  '.ico',
  '.ttf',
  '.otf',
  '.eot',
  '.wasm',
]);

/** Smaller files gain nothing worth a `Content-Encoding`. */
const MIN_BYTES = 256;

export function isCompressible(file: string): boolean {
  return COMPRESSIBLE.has(extname(file).toLowerCase());
}

export interface CompressedAsset {
  body: Buffer;
  /** Strong, per encoding: the representations differ byte for byte. */
  etag: string;
  mtime: Date;
}

interface Entry {
  mtimeMs: number;
  size: number;
  encodings: Map<ContentEncoding, Promise<CompressedAsset | null>>;
}

/**
 * The web app's files compressed once, at their first request, with the most effort (brotli 11,
 * gzip 9), and kept in memory: a build is about 1 MB of text, its compressed forms about 0.6 MB.
 * A file replaced in place (index.html of a new build) is compressed again; hashed files of a new
 * build have new names. Null when compressing does not pay (small files, poor ratio).
 */
export class CompressedAssets {
  private readonly entries = new Map<string, Entry>();

  async get(file: string, encoding: ContentEncoding): Promise<CompressedAsset | null> {
    const info = await stat(file);
    if (!info.isFile() || info.size < MIN_BYTES) return null;
    let entry = this.entries.get(file);
    if (!entry || entry.mtimeMs !== info.mtimeMs || entry.size !== info.size) {
      entry = { mtimeMs: info.mtimeMs, size: info.size, encodings: new Map() };
      this.entries.set(file, entry);
    }
    let asset = entry.encodings.get(encoding);
    if (!asset) {
      asset = this.compressFile(file, encoding, info.mtime);
      entry.encodings.set(encoding, asset);
      // A failure (the file vanished mid-way) is not remembered.
      const remembered = entry;
      asset.catch(() => remembered.encodings.delete(encoding));
    }
    return asset;
  }

  private async compressFile(
    file: string,
    encoding: ContentEncoding,
    mtime: Date,
  ): Promise<CompressedAsset | null> {
    const raw = await readFile(file);
    const body = await compress(raw, encoding, 'max');
    if (body.length > raw.length * 0.9) return null;
    const hash = createHash('sha256').update(raw).digest('base64url').slice(0, 27);
    return { body, etag: `"${hash}-${encoding}"`, mtime };
  }
}
