import request from 'supertest';

/**
 * A minimal qBittorrent WebAPI client for tests, sending what Sonarr sends: a pre-emptive
 * `Authorization: Basic` is left out on purpose (cookie only) unless asked for, so the cookie
 * session is what is tested.
 */
export class QbitTestClient {
  cookie: string | null = null;

  constructor(
    readonly base: string,
    private readonly user = 'admin',
    private readonly pass = '',
  ) {}

  async login(user = this.user, pass = this.pass): Promise<request.Response> {
    const res = await request(this.base)
      .post('/api/v2/auth/login')
      .type('form')
      .send({ username: user, password: pass });
    const set = res.headers['set-cookie'] as unknown as string[] | undefined;
    if (set?.length) this.cookie = set[0].split(';')[0];
    return res;
  }

  get(path: string, query: Record<string, string> = {}): request.Test {
    const req = request(this.base).get(`/api/v2/${path}`).query(query);
    return this.cookie ? req.set('Cookie', this.cookie) : req;
  }

  post(path: string, form: Record<string, string> = {}): request.Test {
    const req = request(this.base).post(`/api/v2/${path}`).type('form').send(form);
    return this.cookie ? req.set('Cookie', this.cookie) : req;
  }

  /** multipart/form-data, as Sonarr sends any form with a field over 1024 bytes or a file. */
  multipart(
    path: string,
    fields: Record<string, string>,
    files: { field: string; name: string; data: Buffer }[] = [],
  ): request.Test {
    let req = request(this.base).post(`/api/v2/${path}`);
    if (this.cookie) req = req.set('Cookie', this.cookie);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    for (const f of files)
      req = req.attach(f.field, f.data, {
        filename: f.name,
        contentType: 'application/octet-stream',
      });
    return req;
  }
}
