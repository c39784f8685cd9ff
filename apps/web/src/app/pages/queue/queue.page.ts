import { type CdkDragDrop, DragDropModule } from '@angular/cdk/drag-drop';
import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import type { QueueItem, QueueList } from '@aniworld/contracts';
import { SocketService } from '../../core/socket/socket.service';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { formatEta, formatSpeed } from '../../common/format';
import { IconComponent } from '../../common/icon.component';
import { QueueStore } from '../../stores/queue.store';
import { QueueItemComponent } from './queue-item.component';

@Component({
  selector: 'aw-queue-page',
  imports: [
    DragDropModule,
    NgTemplateOutlet,
    RouterLink,
    MatButtonModule,
    MatProgressSpinnerModule,
    ErrorMessageComponent,
    IconComponent,
    QueueItemComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './queue.page.html',
  styleUrl: './queue.page.scss',
})
export class QueuePage {
  readonly store = inject(QueueStore);
  readonly eta = formatEta;
  readonly speed = formatSpeed;

  readonly stateLabel = computed(() => {
    const status = this.store.status();
    if (!status?.is_running) return $localize`:@@queue.state.stopped:Stopped`;
    return status.is_paused
      ? $localize`:@@queue.state.paused:Paused`
      : $localize`:@@queue.state.running:Running`;
  });

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

  pagerLabel(list: QueueList): string {
    switch (list) {
      case 'pending':
        return $localize`:@@queue.pagesPending:Pages of the pending items`;
      case 'failed':
        return $localize`:@@queue.pagesFailed:Pages of the failed items`;
      case 'completed':
        return $localize`:@@queue.pagesCompleted:Pages of the completed items`;
    }
  }

  drop(event: CdkDragDrop<QueueItem[]>): void {
    void this.store.reorder(event.previousIndex, event.currentIndex);
  }

  /** Keyboard alternative to dragging (the item keeps the focus: see QueueItemComponent). */
  move(index: number, delta: number): void {
    const target = index + delta;
    if (target >= 0 && target < this.store.pending().length) void this.store.reorder(index, target);
  }
}
