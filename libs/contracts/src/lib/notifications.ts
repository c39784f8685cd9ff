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
