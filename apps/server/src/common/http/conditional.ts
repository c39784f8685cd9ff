import type { Request, Response } from 'express';

/**
 * Sends JSON that is already serialised, under the validator `etag`, or 304 and no body when the
 * client's `If-None-Match` already names it (Express's `req.fresh`). `Cache-Control: private,
 * no-cache`: a browser keeps the answer but asks again every time, sending the validator.
 */
export function sendJson(
  req: Request,
  res: Response,
  { etag, json }: { etag: string; json: Buffer },
): void {
  // Set before Express sends: it then neither hashes the body itself nor misses the 304.
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.send(json);
}
