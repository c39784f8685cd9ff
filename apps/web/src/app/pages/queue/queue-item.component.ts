import { CdkDragHandle } from '@angular/cdk/drag-drop';
import { DatePipe, NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import type { QueueItem } from '@aniworld/contracts';
import { languageLabel, readableFailure } from '../../common/failure-text';
import { episodeCode, formatBytes, formatEta, formatSpeed } from '../../common/format';
import { IconComponent } from '../../common/icon.component';
import { QueueStore } from '../../stores/queue.store';

/** Which list of the queue page an item is shown in. */
export type QueueItemKind = 'active' | 'pending' | 'failed' | 'completed';

/**
 * One item of the queue page, as its list shows it: the name, title, category and chips every
 * list shares, and per list its progress (running), position, move buttons and wait (pending),
 * reason and hosters tried (failed), or language and file (completed). Cancelling or removing a
 * running or pending item asks first.
 */
@Component({
  selector: 'aw-queue-item',
  imports: [
    CdkDragHandle,
    DatePipe,
    NgTemplateOutlet,
    RouterLink,
    MatButtonModule,
    MatProgressBarModule,
    MatTooltipModule,
    IconComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './queue-item.component.html',
  styleUrl: './queue-item.component.scss',
})
export class QueueItemComponent {
  readonly item = input.required<QueueItem>();
  readonly kind = input.required<QueueItemKind>();
  /** 1-based place in the whole pending list. */
  readonly position = input<number | null>(null);
  readonly canMoveUp = input(false);
  readonly canMoveDown = input(false);
  /** Move up (-1) or down (+1) in the pending list. */
  readonly moved = output<-1 | 1>();

  readonly store = inject(QueueStore);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly bytes = formatBytes;
  readonly eta = formatEta;
  readonly speed = formatSpeed;
  readonly language = languageLabel;
  /** The cancel or removal waits for a second click. */
  readonly confirming = signal(false);

  readonly label = computed(() => {
    const item = this.item();
    return `${item.serie_name || item.serie_id} ${episodeCode(item.season, item.episode)}`;
  });
  readonly percent = computed(() => this.item().progress?.percent ?? null);
  readonly percentText = computed(() => {
    const percent = this.percent();
    return percent === null ? '…' : `${percent.toFixed(0)} %`;
  });
  readonly failure = computed(() =>
    readableFailure(this.item().error, this.item().providers_tried),
  );
  readonly stalled = computed(() => this.store.stalled(this.item()));

  /** A pending item a pause suspended (no failure): it keeps its bytes and goes first. */
  readonly suspended = computed(() => {
    const item = this.item();
    return (
      item.status === 'pending' &&
      (item.progress?.bytes_done ?? 0) > 0 &&
      item.error === null &&
      item.next_attempt_at === null
    );
  });
  readonly suspendedAt = computed(() =>
    this.percent() === null ? formatBytes(this.item().progress?.bytes_done) : this.percentText(),
  );
  /** A pending item waiting for its next attempt after a failure. */
  readonly retryAt = computed(() => {
    const item = this.item();
    if (item.status !== 'pending' || !item.next_attempt_at) return null;
    return new Date(item.next_attempt_at);
  });

  readonly priority = computed(() => {
    switch (this.item().priority) {
      case 'HIGH':
        return $localize`:@@queue.priority.high:High`;
      case 'LOW':
        return $localize`:@@queue.priority.low:Low`;
      default:
        return $localize`:@@queue.priority.normal:Normal`;
    }
  });
  /** The downloaded language, and the one wanted first when it fell back. */
  readonly languageChip = computed(() => {
    const item = this.item();
    const language = languageLabel(item.downloaded_language);
    if (!item.fallback_from) return language;
    const wanted = languageLabel(item.fallback_from);
    return $localize`:@@queue.languageFallback:${language}:language: · fallback from ${wanted}:wanted:`;
  });
  readonly fallbackHint = computed(() => {
    const wanted = this.item().fallback_from;
    if (!wanted) return null;
    const language = languageLabel(wanted);
    return $localize`:@@queue.fallbackHint:Fallback: ${language}:language: was wanted first; the series page offers an upgrade when it appears`;
  });

  readonly progressLabel = computed(
    () => $localize`:@@queue.progressOf:Progress of ${this.label()}:item:`,
  );
  readonly moveUpLabel = computed(() => $localize`:@@queue.moveUp:Move ${this.label()}:item: up`);
  readonly moveDownLabel = computed(
    () => $localize`:@@queue.moveDown:Move ${this.label()}:item: down`,
  );
  readonly retryLabel = computed(() => $localize`:@@queue.retryItem:Retry ${this.label()}:item:`);
  readonly removeLabel = computed(
    () => $localize`:@@queue.removeItem:Remove ${this.label()}:item:`,
  );
  /** Running downloads are cancelled, waiting ones removed. */
  readonly cancels = computed(() => this.kind() === 'active');
  readonly verb = computed(() =>
    this.cancels() ? $localize`:@@queue.cancel:Cancel` : $localize`:@@queue.remove:Remove`,
  );
  readonly cancelLabel = computed(() =>
    this.cancels()
      ? $localize`:@@queue.cancelItem:Cancel ${this.label()}:item:`
      : this.removeLabel(),
  );
  readonly confirmLabel = computed(() =>
    this.cancels()
      ? $localize`:@@queue.cancelItemQuestion:Cancel ${this.label()}:item:?`
      : $localize`:@@queue.removeItemQuestion:Remove ${this.label()}:item:?`,
  );

  /** Asks before cancelling or removing (or stops asking); the focus follows the buttons. */
  ask(asking: boolean): void {
    this.confirming.set(asking);
    this.focusAfterRender(
      asking ? '[data-testid="confirm-remove"]' : '[data-testid="remove-item"]',
    );
  }

  async remove(): Promise<void> {
    this.confirming.set(false);
    await this.store.remove(this.item().id);
  }

  /**
   * Keyboard alternative to dragging. The item's row moves, so the focus is put back on its
   * button in the same direction (the other one at the end of the list) once it is rendered.
   */
  move(delta: -1 | 1): void {
    this.moved.emit(delta);
    this.focusAfterRender(
      `[data-move="${delta < 0 ? 'up' : 'down'}"]:not([disabled])`,
      '[data-move]:not([disabled])',
    );
  }

  /** Focuses the first of these buttons of this item that exists once the change is rendered. */
  private focusAfterRender(...selectors: string[]): void {
    afterNextRender(
      () => {
        const root = this.host.nativeElement;
        for (const selector of selectors) {
          const button = root.querySelector<HTMLElement>(selector);
          if (button) {
            button.focus();
            return;
          }
        }
      },
      { injector: this.injector },
    );
  }
}
