import { DestroyRef, Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { episodeCode } from '@aniworld/contracts';
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
      this.socket.on('download_complete').subscribe((e) => {
        const language = e.language ? ` in ${languageLabel(e.language)}` : '';
        const fallback = e.fallback_from
          ? ` (fallback: ${languageLabel(e.fallback_from)} not available)`
          : '';
        this.show(`Downloaded ${episodeLabel(e)}${language}${fallback}`, false);
      }),
      this.socket
        .on('download_failed')
        .subscribe((e) =>
          this.show(
            `${episodeLabel(e)} failed${e.will_retry ? ' (will retry)' : ''}: ${readableFailure(e.error, e.providers_tried)}`,
            true,
          ),
        ),
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
    this.snackBar.open(message, 'Dismiss', {
      duration: error ? 10_000 : 5_000,
      politeness: error ? 'assertive' : 'polite',
      panelClass: error ? 'toast-error' : 'toast',
    });
  }
}
