import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ChannelPayload } from '@aniworld/contracts';
import { buildRequest, missingFields, SIGNATURE_HEADER } from './channel-requests';

const payload: ChannelPayload = {
  event: 'download_failed',
  title: 'Download failed: Mädchen S01E02',
  message: 'every hoster failed',
  priority: 'high',
  data: { key: 'maedchen-und-drachen' },
  sent_at: '2026-12-06T12:00:00.000Z',
};

describe('channel requests', () => {
  it('signs the raw webhook body with HMAC-SHA256 of the channel secret', () => {
    const req = buildRequest(
      { kind: 'webhook', settings: { url: 'http://127.0.0.1:9/hook' }, secrets: { secret: 's3' } },
      payload,
    );
    expect(req.url).toBe('http://127.0.0.1:9/hook');
    expect(JSON.parse(req.body)).toEqual(payload);
    const expected = `sha256=${createHmac('sha256', 's3').update(req.body).digest('hex')}`;
    const got = req.headers[SIGNATURE_HEADER];
    expect(timingSafeEqual(Buffer.from(got), Buffer.from(expected))).toBe(true);
  });

  it('sends no signature without a secret', () => {
    const req = buildRequest(
      { kind: 'webhook', settings: { url: 'http://127.0.0.1:9/hook' }, secrets: {} },
      payload,
    );
    expect(req.headers[SIGNATURE_HEADER]).toBeUndefined();
  });

  it('writes ntfy with its headers, a high priority, and an encoded non-ASCII title', () => {
    const req = buildRequest(
      {
        kind: 'ntfy',
        settings: { base_url: 'http://127.0.0.1:9/', topic: 'anime' },
        secrets: { token: 'tk' },
      },
      payload,
    );
    expect(req.url).toBe('http://127.0.0.1:9/anime');
    expect(req.headers).toMatchObject({
      Priority: 'high',
      Tags: 'download_failed',
      Authorization: 'Bearer tk',
    });
    expect(req.headers['Title']).toMatch(/^=\?UTF-8\?B\?/);
    expect(req.body).toBe('every hoster failed');
  });

  it('uses the public ntfy and Telegram servers unless a base URL is set', () => {
    expect(buildRequest({ kind: 'ntfy', settings: { topic: 't' }, secrets: {} }, payload).url).toBe(
      'https://ntfy.sh/t',
    );
    expect(
      buildRequest(
        { kind: 'telegram', settings: { chat_id: '42' }, secrets: { token: 'b:1' } },
        payload,
      ).url,
    ).toBe('https://api.telegram.org/botb:1/sendMessage');
  });

  it('writes Discord, Telegram and Gotify bodies', () => {
    const discord = buildRequest(
      {
        kind: 'discord',
        settings: {},
        secrets: { webhook_url: 'http://127.0.0.1:9/api/webhooks/1/x' },
      },
      payload,
    );
    expect(JSON.parse(discord.body).embeds[0]).toMatchObject({ title: payload.title });
    const telegram = buildRequest(
      {
        kind: 'telegram',
        settings: { base_url: 'http://127.0.0.1:9', chat_id: '42' },
        secrets: { token: 'b' },
      },
      payload,
    );
    expect(JSON.parse(telegram.body)).toMatchObject({ chat_id: '42', disable_notification: false });
    const gotify = buildRequest(
      { kind: 'gotify', settings: { base_url: 'http://127.0.0.1:9' }, secrets: { token: 'g' } },
      payload,
    );
    expect(gotify.url).toBe('http://127.0.0.1:9/message');
    expect(gotify.headers['X-Gotify-Key']).toBe('g');
    expect(JSON.parse(gotify.body)).toMatchObject({ priority: 8 });
  });

  it('names the fields a kind lacks', () => {
    expect(missingFields({ kind: 'webhook', settings: {}, secrets: {} })).toEqual([
      { field: 'settings.url', errors: ['a webhook needs the URL to POST to'] },
    ]);
    expect(
      missingFields({ kind: 'gotify', settings: {}, secrets: {} }).map((e) => e.field),
    ).toEqual(['settings.base_url', 'secrets.token']);
    expect(missingFields({ kind: 'discord', settings: {}, secrets: { webhook_url: 'x' } })).toEqual(
      [],
    );
  });
});
