import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type {
  AppConfig,
  AppNotification,
  DownloadCompleteEvent,
  DownloadFailedEvent,
  DownloadProgressEvent,
  EpisodesQueuedEvent,
  JobFinishedEvent,
  JobStartedEvent,
  LanguageCode,
  QueueStatusResponse,
  ScanCompleteEvent,
  ScanFailedEvent,
  ScanProgressEvent,
  SiteId,
} from '@aniworld/contracts';

/**
 * A `.strm` file was written (atomically, so it is complete): into the library by the web app's
 * action, or into a category folder for a grabbed ` [STRM]` release. Listeners that keep files
 * beside an episode (the NFO of the metadata module) treat it like a downloaded episode file.
 */
export interface StrmWrittenEvent {
  site: SiteId;
  series_key: string;
  season: number;
  episode: number;
  language: LanguageCode;
  /** Absolute path of the `.strm` file. */
  path: string;
  /** `library`: under the anime directory; `download_client`: a category folder for Sonarr. */
  target: 'library' | 'download_client';
}

/**
 * Domain events and their payloads: the one typed map. Business services emit them through
 * {@link DomainEvents}; the gateway listens and turns them into socket messages, so no service
 * imports the gateway.
 */
export interface DomainEventMap {
  'scan.progress': ScanProgressEvent;
  'scan.complete': ScanCompleteEvent;
  'scan.failed': ScanFailedEvent;
  'download.progress': DownloadProgressEvent;
  'download.complete': DownloadCompleteEvent;
  'download.failed': DownloadFailedEvent;
  'queue.status': QueueStatusResponse;
  'notification.created': AppNotification;
  /** Sessions ended (logout, password change): their socket connections end with them. */
  'session.revoked': { session_ids: string[] };
  /** A series came into the library (added, or matched to a folder by a scan), or came back. */
  'series.added': { key: string; series_id: number };
  /** A series left the library; its open queue items go with it. */
  'series.removed': { key: string; series_id: number };
  'job.started': JobStartedEvent;
  'job.finished': JobFinishedEvent;
  /** Missing episodes of monitored series were queued without a click. */
  'episodes.queued': EpisodesQueuedEvent;
  /** Downloads stopped: the library disk is full or not writable. */
  'disk.problem': { reason: string };
  /**
   * The configuration changed (PUT /api/config, a restored backup): the new effective values and
   * the dotted paths that changed. Server-side only: no socket message relays it.
   */
  'config.changed': { config: AppConfig; changed: string[] };
  /** A `.strm` file landed (docs/strm.md); the metadata module writes its NFO beside it. */
  'strm.written': StrmWrittenEvent;
}

export type DomainEventName = keyof DomainEventMap;

@Injectable()
export class DomainEvents {
  /** Set by the transport (the gateway); until then everybody may be listening. */
  private audience: (name: DomainEventName) => boolean = () => true;

  constructor(private readonly emitter: EventEmitter2) {}

  /**
   * Whether an event would reach anybody, so a costly payload is not built for nobody. The
   * gateway answers it (a room with members here, or any room once events fan out to other
   * instances); when false, the emitter skips the event and whoever joins later reads the state
   * over HTTP, as the web app does when it connects.
   */
  hasAudience(name: DomainEventName): boolean {
    return this.audience(name);
  }

  setAudience(probe: (name: DomainEventName) => boolean): void {
    this.audience = probe;
  }

  emit<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    this.emitter.emit(name, payload);
  }

  on<K extends DomainEventName>(
    name: K,
    listener: (payload: DomainEventMap[K]) => void,
  ): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
