import { createHmac } from 'node:crypto';
import type {
  ChannelKind,
  ChannelPayload,
  ChannelSecrets,
  ChannelSettings,
  FieldError,
} from '@aniworld/contracts';

export const SIGNATURE_HEADER = 'X-Aniworld-Signature';

export const DEFAULT_BASE_URLS: Partial<Record<ChannelKind, string>> = {
  ntfy: 'https://ntfy.sh',
  telegram: 'https://api.telegram.org',
};

export interface ChannelConfig {
  kind: ChannelKind;
  settings: ChannelSettings;
  secrets: ChannelSecrets;
}

export interface OutboundRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** `sha256=<hex HMAC-SHA256 of the raw body>`, as GitHub-style receivers verify it. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** What a channel of this kind lacks to be usable, per field (empty when complete). */
export function missingFields(config: ChannelConfig): FieldError[] {
  const need = (ok: unknown, field: string, why: string): FieldError[] =>
    ok ? [] : [{ field, errors: [why] }];
  const { settings: s, secrets: k } = config;
  switch (config.kind) {
    case 'webhook':
      return need(s.url, 'settings.url', 'a webhook needs the URL to POST to');
    case 'ntfy':
      return need(s.topic, 'settings.topic', 'ntfy needs a topic');
    case 'discord':
      return need(k.webhook_url, 'secrets.webhook_url', 'Discord needs the webhook URL');
    case 'telegram':
      return [
        ...need(k.token, 'secrets.token', 'Telegram needs the bot token'),
        ...need(s.chat_id, 'settings.chat_id', 'Telegram needs the chat id'),
      ];
    case 'gotify':
      return [
        ...need(s.base_url, 'settings.base_url', 'Gotify needs the server URL'),
        ...need(k.token, 'secrets.token', 'Gotify needs an application token'),
      ];
  }
}

/**
 * The HTTP request that delivers a payload on a channel (always a POST). Pure, so every kind's
 * format is tested without a network; base URLs come from the channel so tests (and
 * self-hosted ntfy/Gotify/Telegram bot API servers) point them at their own receiver.
 */
export function buildRequest(config: ChannelConfig, payload: ChannelPayload): OutboundRequest {
  const { settings: s, secrets: k } = config;
  const base = (s.base_url ?? DEFAULT_BASE_URLS[config.kind] ?? '').replace(/\/+$/, '');
  const json = { 'content-type': 'application/json' };
  switch (config.kind) {
    case 'webhook': {
      const body = JSON.stringify(payload);
      return {
        url: s.url ?? '',
        headers: {
          ...json,
          ...(k.secret ? { [SIGNATURE_HEADER]: signature(k.secret, body) } : {}),
        },
        body,
      };
    }
    case 'ntfy':
      return {
        url: `${base}/${encodeURIComponent(s.topic ?? '')}`,
        headers: {
          'content-type': 'text/plain; charset=utf-8',
          // Header values must be Latin-1; ntfy decodes RFC 2047 words for the rest.
          Title: rfc2047(payload.title),
          Priority: payload.priority === 'high' ? 'high' : 'default',
          Tags: payload.event,
          ...(k.token ? { Authorization: `Bearer ${k.token}` } : {}),
        },
        body: payload.message,
      };
    case 'discord':
      return {
        url: k.webhook_url ?? '',
        headers: json,
        body: JSON.stringify({
          content: null,
          embeds: [
            {
              title: payload.title.slice(0, 256),
              description: payload.message.slice(0, 4000),
              color: payload.priority === 'high' ? 0xd32f2f : 0x1976d2,
              timestamp: payload.sent_at,
            },
          ],
        }),
      };
    case 'telegram':
      return {
        url: `${base}/bot${k.token ?? ''}/sendMessage`,
        headers: json,
        body: JSON.stringify({
          chat_id: s.chat_id,
          text: `${payload.title}\n${payload.message}`.slice(0, 4096),
          disable_notification: payload.priority !== 'high',
        }),
      };
    case 'gotify':
      return {
        url: `${base}/message`,
        headers: { ...json, 'X-Gotify-Key': k.token ?? '' },
        body: JSON.stringify({
          title: payload.title,
          message: payload.message,
          priority: payload.priority === 'high' ? 8 : 4,
        }),
      };
  }
}

function rfc2047(text: string): string {
  return /^[\x20-\x7e]*$/.test(text)
    ? text
    : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}
