import { type CdkDragDrop, DragDropModule } from '@angular/cdk/drag-drop';
import { DatePipe, NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import type { QueueItem } from '@aniworld/contracts';
import { SocketService } from '../../core/socket/socket.service';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { languageLabel, readableFailure, withoutUrls } from '../../common/failure-text';
import { episodeCode, formatBytes, formatEta, formatSpeed } from '../../common/format';
import { IconComponent } from '../../common/icon.component';
import { QueueStore } from '../../stores/queue.store';

@Component({
  selector: 'aw-queue-page',
  imports: [
    DragDropModule,
    NgTemplateOutlet,
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    MatTooltipModule,
    ErrorMessageComponent,
    IconComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './queue.page.html',
  styleUrl: './queue.page.scss',
})
export class QueuePage {
  readonly store = inject(QueueStore);
  readonly bytes = formatBytes;
  readonly eta = formatEta;
  readonly speed = formatSpeed;
  readonly language = languageLabel;
  readonly failure = readableFailure;
  readonly plain = withoutUrls;
  /** The item whose cancel or removal waits for a second click. */
  readonly confirming = signal<string | null>(null);

  constructor() {
    void this.store.load();
    // Without the socket (proxy dropping websockets, server restarting) progress still moves.
    const socket = inject(SocketService);
    const poll = setInterval(() => {
      if (!socket.connected() && this.store.active().length + this.store.pending().length > 0) {
        void this.store.load(true);
      }
    }, 3000);
    inject(DestroyRef).onDestroy(() => clearInterval(poll));
  }

  label(item: QueueItem): string {
    return `${item.serie_name || item.serie_id} ${episodeCode(item.season, item.episode)}`;
  }

  /** A pending item a pause suspended (no failure): it keeps its bytes and goes first. */
  suspended(item: QueueItem): boolean {
    return (
      item.status === 'pending' &&
      (item.progress?.bytes_done ?? 0) > 0 &&
      item.error === null &&
      item.next_attempt_at === null
    );
  }

  /** A pending item waiting for its next attempt after a failure. */
  retryAt(item: QueueItem): Date | null {
    if (item.status !== 'pending' || !item.next_attempt_at) return null;
    return new Date(item.next_attempt_at);
  }

  async remove(item: QueueItem): Promise<void> {
    this.confirming.set(null);
    await this.store.remove(item.id);
  }

  percentOf(item: QueueItem): number | null {
    return item.progress?.percent ?? null;
  }

  drop(event: CdkDragDrop<QueueItem[]>): void {
    void this.store.reorder(event.previousIndex, event.currentIndex);
  }

  /** Keyboard alternative to dragging. */
  move(index: number, delta: number): void {
    const target = index + delta;
    if (target >= 0 && target < this.store.pending().length) void this.store.reorder(index, target);
  }
}
