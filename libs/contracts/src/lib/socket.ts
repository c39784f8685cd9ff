import type { ScanStatus } from './anime';
import type { LanguageCode } from './languages';
import type { AppNotification } from './notifications';
import type { HosterAttempt, QueueStatusResponse } from './queue';
import type { JobFinishedEvent, JobStartedEvent } from './scheduler';

/** Rooms a client joins with `emit('message', { action: 'join', data: { room } })`. */
export const SOCKET_ROOMS = [
  'downloads',
  'download_progress',
  'scan_progress',
  'scheduler',
] as const;
export type SocketRoom = (typeof SOCKET_ROOMS)[number];

export interface RoomRequest {
  action: 'join' | 'leave';
  data: { room: SocketRoom };
}

export interface ConnectedEvent {
  message: string;
  rooms: SocketRoom[];
}

interface SeriesEvent {
  /** Series key: the identifier. */
  key: string;
  /** Folder name, metadata only. */
  folder: string | null;
  /** The series' display name, for messages. */
  series_name: string;
}

export interface DownloadProgressEvent extends SeriesEvent {
  download_id: string;
  season: number;
  episode: number;
  percent: number | null;
  speed_mbps: number | null;
  eta_seconds: number | null;
  bytes: { done: number; total: number | null };
  /** The hoster this run is downloading from, and in which language. */
  hoster: string | null;
  language: LanguageCode | null;
}

export interface DownloadCompleteEvent extends SeriesEvent {
  download_id: string;
  season: number;
  episode: number;
  file_path: string;
  hoster: string;
  bytes: number;
  /** The language of the file; `fallback_from` as on the queue item. */
  language: LanguageCode | null;
  fallback_from: LanguageCode | null;
}

export interface DownloadFailedEvent extends SeriesEvent {
  download_id: string;
  season: number;
  episode: number;
  error: string;
  /** Whether it will be retried later. */
  will_retry: boolean;
  providers_tried: HosterAttempt[];
}

export interface ScanProgressEvent extends Pick<
  ScanStatus,
  'scan_id' | 'folders_total' | 'folders_done' | 'current_folder'
> {
  percent: number;
}

export interface ScanCompleteEvent {
  scan_id: string;
  series_matched: number;
  unmatched: number;
  missing_episodes: number;
}

export interface ScanFailedEvent {
  scan_id: string;
  error: string;
}

/** Every event the server emits, with its payload: the one typed map for server and web. */
export interface ServerToClientEvents {
  connected: (event: ConnectedEvent) => void;
  download_progress: (event: DownloadProgressEvent) => void;
  download_complete: (event: DownloadCompleteEvent) => void;
  download_failed: (event: DownloadFailedEvent) => void;
  queue_status: (event: QueueStatusResponse) => void;
  scan_progress: (event: ScanProgressEvent) => void;
  scan_complete: (event: ScanCompleteEvent) => void;
  scan_failed: (event: ScanFailedEvent) => void;
  notification: (event: AppNotification) => void;
  job_started: (event: JobStartedEvent) => void;
  job_finished: (event: JobFinishedEvent) => void;
  error: (event: { message: string }) => void;
}

export interface ClientToServerEvents {
  message: (request: RoomRequest) => void;
}

/** Which room each event goes to; events not listed go to every authenticated client. */
export const EVENT_ROOMS: Partial<Record<keyof ServerToClientEvents, SocketRoom>> = {
  download_progress: 'download_progress',
  download_complete: 'downloads',
  download_failed: 'downloads',
  queue_status: 'downloads',
  scan_progress: 'scan_progress',
  scan_complete: 'scan_progress',
  scan_failed: 'scan_progress',
  job_started: 'scheduler',
  job_finished: 'scheduler',
};
