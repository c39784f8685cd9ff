export type NotificationKind =
  'download_complete' | 'download_failed' | 'scan_complete' | 'scan_failed' | 'system';
export type NotificationLevel = 'info' | 'success' | 'warning' | 'error';

export interface AppNotification {
  id: string;
  kind: NotificationKind;
  level: NotificationLevel;
  title: string;
  message: string;
  /** Series key when it is about one. */
  key: string | null;
  read: boolean;
  created_at: string;
  data: Record<string, unknown> | null;
}

export interface NotificationListResponse {
  items: AppNotification[];
  unread: number;
}

/** Events an outbound channel can subscribe to; also the `event` field of every payload. */
export const NOTIFICATION_EVENTS = [
  'download_completed',
  'download_failed',
  'episodes_queued',
  'challenge_required',
  'disk_problem',
  'scan_unmatched',
] as const;
export type NotificationEventId = (typeof NOTIFICATION_EVENTS)[number];

export const CHANNEL_KINDS = ['webhook', 'ntfy', 'discord', 'telegram', 'gotify'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** Non-secret settings; which ones a kind needs is listed in the README. */
export interface ChannelSettings {
  /** webhook: the URL the JSON is POSTed to. */
  url?: string;
  /** ntfy (default https://ntfy.sh), telegram (default https://api.telegram.org), gotify (required). */
  base_url?: string;
  /** ntfy topic. */
  topic?: string;
  /** telegram chat id. */
  chat_id?: string;
}

/** Secrets: written, never read back (the API lists only which ones are set). */
export interface ChannelSecrets {
  /** webhook: HMAC-SHA256 key of `X-Aniworld-Signature`. */
  secret?: string;
  /** ntfy access token, telegram bot token, gotify application token. */
  token?: string;
  /** discord: the webhook URL (it holds the webhook's token). */
  webhook_url?: string;
}

export interface NotificationChannel {
  id: string;
  name: string;
  kind: ChannelKind;
  enabled: boolean;
  events: NotificationEventId[];
  settings: ChannelSettings;
  /** Names of the secrets that are set, e.g. `["secret"]`; never their values. */
  secrets_set: (keyof ChannelSecrets)[];
  /** Flagged after repeated failures: nothing is sent until the channel is saved or tested again. */
  failing: boolean;
  consecutive_failures: number;
  last_error: string | null;
  last_error_at: string | null;
  last_success_at: string | null;
  created_at: string;
}

export interface NotificationChannelCreate {
  name: string;
  kind: ChannelKind;
  enabled?: boolean;
  events: NotificationEventId[];
  settings?: ChannelSettings;
  secrets?: ChannelSecrets;
}

/** Fields left out stay; a secret set to null is removed. */
export interface NotificationChannelUpdate {
  name?: string;
  enabled?: boolean;
  events?: NotificationEventId[];
  settings?: ChannelSettings;
  secrets?: { [K in keyof ChannelSecrets]?: string | null };
}

export interface ChannelTestResult {
  ok: boolean;
  /** HTTP status of the receiver, when it answered. */
  status: number | null;
  error: string | null;
}

/** The JSON a generic webhook receives (and the data every other kind is written from). */
export interface ChannelPayload {
  event: NotificationEventId | 'test';
  title: string;
  message: string;
  /** `high` for failures that need the user. */
  priority: 'normal' | 'high';
  data: Record<string, unknown>;
  sent_at: string;
}
