import type { NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Paths that belong to the server itself: never answered with the web app's index.html. */
const SERVER_PATHS = /^\/(api|health|socket\.io|torznab|strm)(\/|$)/;

/**
 * Serves the built Angular app at `/` with a fallback to index.html for client routes. A path
 * with a file extension that does not exist stays a 404, as do `/api/*` and `/health*`.
 */
export function webAppMiddleware(distDir: string): RequestHandler[] {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) return [];
  const assets = express.static(distDir, { index: false, fallthrough: true, maxAge: '1h' });
  const fallback = (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (SERVER_PATHS.test(req.path)) return next();
    const lastSegment = req.path.split('/').pop() ?? '';
    if (lastSegment.includes('.')) return next();
    if (!req.accepts('html')) return next();
    // index.html must not be cached: it names the hashed bundles of the current build.
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
  const skipServerPaths = (req: Request, res: Response, next: NextFunction): void => {
    if (SERVER_PATHS.test(req.path)) return next();
    assets(req, res, next);
  };
  return [skipServerPaths, fallback];
}

export function defaultWebDistDir(): string {
  // The bundled server lives in dist/apps/server; the web build beside it in dist/apps/web.
  return join(__dirname, '..', 'web', 'browser');
}
