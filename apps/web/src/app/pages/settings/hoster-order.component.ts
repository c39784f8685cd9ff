import { type CdkDragDrop, DragDropModule } from '@angular/cdk/drag-drop';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import type { FormControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { HosterInfo, HosterName } from '@aniworld/contracts';
import { startWith } from 'rxjs';
import { IconComponent } from '../../common/icon.component';
import { healthView } from '../../common/provider-health';
import { keepFocusOnMoved, moveDownLabel, moveInControl, moveUpLabel } from './ordered-control';

/** The order hosters are tried in (drag and drop or arrows) and which are switched off. */
@Component({
  selector: 'aw-hoster-order',
  imports: [DragDropModule, MatButtonModule, MatCheckboxModule, MatTooltipModule, IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ol
      class="ordered"
      cdkDropList
      (cdkDropListDropped)="drop($event)"
      [cdkDropListDisabled]="order().disabled"
      aria-label="Hoster order, tried first at the top"
      i18n-aria-label="@@settings.hosterOrder.label"
      data-testid="hoster-order"
    >
      @for (name of names(); track name; let i = $index, last = $last) {
        <li cdkDrag [attr.data-hoster]="name">
          <span class="handle" cdkDragHandle aria-hidden="true"><aw-icon name="drag" /></span>
          <span class="pos">{{ i + 1 }}</span>
          <mat-checkbox
            [checked]="!disabledSet().has(name)"
            [disabled]="disabled().disabled"
            (change)="setEnabled(name, $event.checked)"
            ><span translate="no">{{ name }}</span></mat-checkbox
          >
          <span class="health">
            @if (health()[name]; as h) {
              @let view = healthOf(h);
              <span
                [class.bad]="view.state === 'failing'"
                [class.good]="view.state === 'ok'"
                [matTooltip]="view.detail"
                tabindex="0"
                [attr.data-health]="view.state"
                >{{ view.text }}</span
              >
            }
          </span>
          <button
            mat-icon-button
            type="button"
            [disabled]="i === 0 || order().disabled"
            (click)="move(i, -1)"
            [attr.aria-label]="moveUp(name)"
            [attr.data-move]="name + ':up'"
          >
            ↑
          </button>
          <button
            mat-icon-button
            type="button"
            [disabled]="last || order().disabled"
            (click)="move(i, 1)"
            [attr.aria-label]="moveDown(name)"
            [attr.data-move]="name + ':down'"
          >
            ↓
          </button>
        </li>
      }
    </ol>
  `,
  styleUrl: './ordered-list.scss',
  styles: `
    .health {
      font: var(--mat-sys-body-small);
    }
    .bad {
      color: var(--mat-sys-error);
    }
    .good {
      color: var(--mat-sys-primary);
    }
    @media (max-width: 599.98px) {
      .health {
        display: none;
      }
    }
  `,
})
export class HosterOrderComponent {
  readonly order = input.required<FormControl<HosterName[]>>();
  readonly disabled = input.required<FormControl<HosterName[]>>();
  readonly hosters = input<HosterInfo[]>([]);
  readonly healthOf = healthView;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  readonly moveUp = moveUpLabel;
  readonly moveDown = moveDownLabel;

  readonly names = signal<HosterName[]>([]);
  private readonly disabledNames = signal<HosterName[]>([]);
  readonly disabledSet = computed(() => new Set(this.disabledNames()));
  readonly health = computed(
    () =>
      Object.fromEntries(this.hosters().map((h) => [h.name, h])) as Partial<
        Record<HosterName, HosterInfo>
      >,
  );

  constructor() {
    // The controls are the source of truth (the page resets them on load); mirror them as signals.
    effect((onCleanup) => {
      const order = this.order();
      const disabled = this.disabled();
      const subscriptions = [
        order.valueChanges.pipe(startWith(order.value)).subscribe((v) => this.names.set(v)),
        disabled.valueChanges
          .pipe(startWith(disabled.value))
          .subscribe((v) => this.disabledNames.set(v)),
      ];
      onCleanup(() => subscriptions.forEach((s) => s.unsubscribe()));
    });
  }

  drop(event: CdkDragDrop<unknown>): void {
    this.reorder(event.previousIndex, event.currentIndex);
  }

  /** Keyboard alternative to dragging; the focus stays on the moved hoster's button. */
  move(index: number, delta: number): void {
    const name = this.names()[index];
    this.reorder(index, index + delta);
    keepFocusOnMoved(this.host.nativeElement, name, delta, this.injector);
  }

  setEnabled(name: HosterName, enabled: boolean): void {
    const control = this.disabled();
    const rest = control.value.filter((n) => n !== name);
    control.setValue(enabled ? rest : [...rest, name]);
    control.markAsDirty();
  }

  private reorder(from: number, to: number): void {
    moveInControl(this.order(), from, to);
  }
}
