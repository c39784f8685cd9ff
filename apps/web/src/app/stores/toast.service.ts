import { DestroyRef, Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { episodeCode } from '@aniworld/contracts';
import { SocketService } from '../core/socket/socket.service';

function episodeLabel(e: {
  key: string;
  folder: string | null;
  season: number;
  episode: number;
}): string {
  return `${e.folder ?? e.key} ${episodeCode(e.season, e.episode)}`;
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
      this.socket
        .on('download_complete')
        .subscribe((e) => this.show(`Downloaded ${episodeLabel(e)}`)),
      this.socket
        .on('download_failed')
        .subscribe((e) =>
          this.show(
            `${episodeLabel(e)} failed${e.will_retry ? ' (will retry)' : ''}: ${e.error}`,
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
