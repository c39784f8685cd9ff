import { DestroyRef, Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { type DownloadCompleteEvent, episodeCode } from '@aniworld/contracts';
import { SocketService } from '../core/socket/socket.service';
import { languageLabel, readableFailure } from '../common/failure-text';

function episodeLabel(e: {
  key: string;
  series_name?: string;
  season: number;
  episode: number;
}): string {
  return `${e.series_name || e.key} ${episodeCode(e.season, e.episode)}`;
}

/** A finished download, with its language and a fallback said plainly. */
function completed(e: DownloadCompleteEvent): string {
  const episode = episodeLabel(e);
  if (!e.language) return $localize`:@@toast.downloaded:Downloaded ${episode}:episode:`;
  const language = languageLabel(e.language);
  if (!e.fallback_from)
    return $localize`:@@toast.downloadedIn:Downloaded ${episode}:episode: in ${language}:language:`;
  const wanted = languageLabel(e.fallback_from);
  return $localize`:@@toast.downloadedFallback:Downloaded ${episode}:episode: in ${language}:language: (fallback: ${wanted}:wanted: not available)`;
}

/** Toasts for what happens in the background: finished and failed downloads, new notifications. */
@Injectable({ providedIn: 'root' })
export class ToastService {
  private readonly snackBar = inject(MatSnackBar);
  private readonly socket = inject(SocketService);
  private readonly destroyRef = inject(DestroyRef);
  private started = false;

  /** Called once by the shell; idempotent so tests and the shell can both call it. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.socket.join('downloads');
    const subscriptions = [
      this.socket.on('download_complete').subscribe((e) => this.show(completed(e), false)),
      this.socket.on('download_failed').subscribe((e) => {
        const episode = episodeLabel(e);
        const reason = readableFailure(e.error, e.providers_tried);
        this.show(
          e.will_retry
            ? $localize`:@@toast.failedWillRetry:${episode}:episode: failed (will retry): ${reason}:reason:`
            : $localize`:@@toast.failed:${episode}:episode: failed: ${reason}:reason:`,
          true,
        );
      }),
      // Download events have their own toast above; the stored notification would repeat it.
      this.socket.on('notification').subscribe((n) => {
        if (n.kind !== 'download_complete' && n.kind !== 'download_failed') {
          this.show(`${n.title}: ${n.message}`, n.level === 'error');
        }
      }),
    ];
    this.destroyRef.onDestroy(() => subscriptions.forEach((s) => s.unsubscribe()));
  }

  private show(message: string, error = false): void {
    this.snackBar.open(message, $localize`:@@toast.dismiss:Dismiss`, {
      duration: error ? 10_000 : 5_000,
      politeness: error ? 'assertive' : 'polite',
      panelClass: error ? 'toast-error' : 'toast',
    });
  }
}
