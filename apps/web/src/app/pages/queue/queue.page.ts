import { type CdkDragDrop, DragDropModule } from '@angular/cdk/drag-drop';
import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import type { QueueItem } from '@aniworld/contracts';
import { SocketService } from '../../core/socket/socket.service';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { episodeCode, formatBytes, formatEta, formatSpeed } from '../../common/format';
import { IconComponent } from '../../common/icon.component';
import { QueueStore } from '../../stores/queue.store';

@Component({
  selector: 'aw-queue-page',
  imports: [
    DragDropModule,
    NgTemplateOutlet,
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
    return `${item.serie_name} ${episodeCode(item.season, item.episode)}`;
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
