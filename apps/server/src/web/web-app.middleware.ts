import type { NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';
import { existsSync } from 'node:fs';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { negotiateEncoding, varyOnEncoding } from '../common/http/compression';
import { type CompressedAsset, CompressedAssets, isCompressible } from './compressed-assets';

/** Paths that belong to the server itself: never answered with the web app's index.html. */
const SERVER_PATHS = /^\/(api|health|socket\.io|torznab|strm)(\/|$)/;

/**
 * A file whose name carries its content's hash (`main-HFC3M5FO.js`, `chunk-….js`,
 * `styles-….css`, `media/font-….woff2`): a new build gives it a new name, so browsers keep it
 * for a year without asking again.
 */
const HASHED = /-[A-Z0-9]{8,}\.[a-z0-9]+$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and unhashed files: kept, but revalidated (ETag) every time, so a new build shows. */
export const REVALIDATE = 'no-cache';

export function cacheControlFor(file: string): string {
  return HASHED.test(basename(file)) ? IMMUTABLE : REVALIDATE;
}

/**
 * Serves the built Angular app at `/` with a fallback to index.html for client routes. A path
 * with a file extension that does not exist stays a 404, as do `/api/*` and `/health*`.
 *
 * Text files (scripts, styles, index.html, SVG) go out brotli- or gzip-compressed, as the browser
 * accepts, from {@link CompressedAssets} (compressed once, at their first request); hashed files
 * are cached as immutable, everything else revalidated (see docs/web-app.md).
 */
export function webAppMiddleware(distDir: string): RequestHandler[] {
  const root = resolve(distDir);
  const index = join(root, 'index.html');
  if (!existsSync(index)) return [];
  const compressed = new CompressedAssets();
  const assets = express.static(root, {
    index: false,
    fallthrough: true,
    cacheControl: false,
    setHeaders: (res, file) => {
      res.setHeader('Cache-Control', cacheControlFor(file));
      if (isCompressible(file)) varyOnEncoding(res);
    },
  });

  /** Sends the compressed form of `file` when the client takes one and it pays; else false. */
  const sendCompressed = async (req: Request, res: Response, file: string): Promise<boolean> => {
    if (!isCompressible(file)) return false;
    const encoding = negotiateEncoding(req.headers['accept-encoding']);
    if (!encoding) return false;
    let asset: CompressedAsset | null;
    try {
      asset = await compressed.get(file, encoding);
    } catch {
      return false; // not there (or not readable): the plain handlers answer
    }
    if (!asset) return false;
    res.type(extname(file));
    res.setHeader('Cache-Control', cacheControlFor(file));
    varyOnEncoding(res);
    res.setHeader('ETag', asset.etag);
    res.setHeader('Last-Modified', asset.mtime.toUTCString());
    if (req.fresh) {
      res.removeHeader('Content-Type');
      res.status(304).end();
      return true;
    }
    res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', asset.body.length);
    res.status(200).end(req.method === 'HEAD' ? undefined : asset.body);
    return true;
  };

  const files = (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path))
      return next();
    const file = fileOf(root, req.path);
    if (!file) return assets(req, res, next);
    sendCompressed(req, res, file).then(
      (sent) => (sent ? undefined : assets(req, res, next)),
      next,
    );
  };
  const fallback = (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (SERVER_PATHS.test(req.path)) return next();
    const lastSegment = req.path.split('/').pop() ?? '';
    if (lastSegment.includes('.')) return next();
    if (!req.accepts('html')) return next();
    sendCompressed(req, res, index).then((sent) => {
      if (sent) return;
      // index.html must not be cached unchecked: it names the hashed bundles of the current build.
      res.setHeader('Cache-Control', REVALIDATE);
      varyOnEncoding(res);
      res.sendFile(index);
    }, next);
  };
  return [files, fallback];
}

/** The file under `root` a URL path names, or null (malformed, dotfiles, outside the root). */
function fileOf(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split('/').some((part) => part.startsWith('.')))
    return null;
  const file = join(root, normalize(decoded));
  return file.startsWith(root + sep) ? file : null;
}

export function defaultWebDistDir(): string {
  // The bundled server lives in dist/apps/server; the web build beside it in dist/apps/web.
  return join(__dirname, '..', 'web', 'browser');
}
