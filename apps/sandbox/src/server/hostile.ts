import { gzipSync } from 'node:zlib';

const MiB = 1024 * 1024;
const bombs = new Map<number, Buffer>();

/**
 * gzip that inflates to `mib` MiB of zeros, about 1 KB on the wire per MiB. Built from one
 * compressed MiB repeated: gzip members concatenate and every gunzip reads them all, so even a
 * 1 GiB bomb costs no compression time here.
 */
export function gzipBomb(mib: number): Buffer {
  const n = Math.max(1, Math.floor(mib));
  let bomb = bombs.get(n);
  if (!bomb) {
    const member = gzipSync(Buffer.alloc(MiB), { level: 9 });
    bomb = Buffer.concat(Array.from({ length: n }, () => member));
    bombs.set(n, bomb);
  }
  return bomb;
}
