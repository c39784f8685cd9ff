/**
 * An answer in qBittorrent's own style: a status and a short plain-text body. The surface's
 * exception filter writes it as it is (never the API's JSON error shape, which Sonarr would
 * try to parse as data).
 */
export class QbitError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(body);
    this.name = 'QbitError';
  }
}

export const forbidden = () => new QbitError(403, 'Forbidden');
export const notFound = (what = 'Not Found') => new QbitError(404, what);
export const badRequest = (message: string) => new QbitError(400, message);
export const conflict = (message: string) => new QbitError(409, message);
