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
import { LANGUAGE_CODES, type LanguageCode } from '@aniworld/contracts';
import { startWith } from 'rxjs';
import { languageLabel } from '../../common/failure-text';
import { IconComponent } from '../../common/icon.component';
import { keepFocusOnMoved, moveDownLabel, moveInControl, moveUpLabel } from './ordered-control';

/**
 * The language preference as the ordered list it is: downloads take the first language an
 * episode has, then the next. Drag or use the arrows; untick a language never to download it.
 * The control holds the ticked languages in order.
 */
@Component({
  selector: 'aw-language-order',
  imports: [DragDropModule, MatButtonModule, MatCheckboxModule, IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ol
      class="ordered"
      cdkDropList
      (cdkDropListDropped)="drop($event)"
      [cdkDropListDisabled]="control().disabled"
      aria-label="Language preference, most wanted first"
      i18n-aria-label="@@settings.languageOrder.label"
      data-testid="language-order"
    >
      @for (code of rows(); track code; let i = $index) {
        @let on = chosen().includes(code);
        <li cdkDrag [cdkDragDisabled]="!on" [attr.data-language]="code" [class.off]="!on">
          <span class="handle" cdkDragHandle aria-hidden="true"><aw-icon name="drag" /></span>
          <span class="pos">{{ on ? i + 1 : '–' }}</span>
          <mat-checkbox
            [checked]="on"
            [disabled]="control().disabled || (on && chosen().length === 1)"
            (change)="setWanted(code, $event.checked)"
            >{{ label(code) }}</mat-checkbox
          >
          @if (on) {
            <button
              mat-icon-button
              type="button"
              [disabled]="i === 0 || control().disabled"
              (click)="move(i, -1)"
              [attr.aria-label]="moveUp(label(code))"
              [attr.data-move]="code + ':up'"
            >
              ↑
            </button>
            <button
              mat-icon-button
              type="button"
              [disabled]="i === chosen().length - 1 || control().disabled"
              (click)="move(i, 1)"
              [attr.aria-label]="moveDown(label(code))"
              [attr.data-move]="code + ':down'"
            >
              ↓
            </button>
          } @else {
            <span class="muted" i18n="@@settings.languageOrder.notDownloaded">not downloaded</span>
          }
        </li>
      }
    </ol>
    <p class="muted summary" aria-live="polite" data-testid="language-summary">
      {{ summary() }}
    </p>
  `,
  styleUrl: './ordered-list.scss',
  styles: `
    li.off .handle {
      visibility: hidden;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .summary {
      margin: 4px 0 20px;
    }
    /* A phone: the unticked box says it; the language's name keeps its line. */
    @media (max-width: 399.98px) {
      li.off .muted {
        display: none;
      }
    }
  `,
})
export class LanguageOrderComponent {
  readonly control = input.required<FormControl<LanguageCode[]>>();
  readonly label = languageLabel;
  readonly moveUp = moveUpLabel;
  readonly moveDown = moveDownLabel;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly chosen = signal<LanguageCode[]>([]);
  /** The wanted languages in order, then the others. */
  readonly rows = computed(() => [
    ...this.chosen(),
    ...LANGUAGE_CODES.filter((code) => !this.chosen().includes(code)),
  ]);
  readonly summary = computed(() => {
    const then = $localize`:@@settings.languageOrder.then:then`;
    const languages = this.chosen()
      .map((code) => languageLabel(code))
      .join(`, ${then} `);
    return $localize`:@@settings.languageOrder.summary:Downloads take ${languages}:languages:.`;
  });

  constructor() {
    effect((onCleanup) => {
      const control = this.control();
      const subscription = control.valueChanges
        .pipe(startWith(control.value))
        .subscribe((value) => this.chosen.set([...value]));
      onCleanup(() => subscription.unsubscribe());
    });
  }

  drop(event: CdkDragDrop<unknown>): void {
    // Dropped among the unticked rows: it stays the last wanted one.
    this.reorder(event.previousIndex, Math.min(event.currentIndex, this.chosen().length - 1));
  }

  /** Keyboard alternative to dragging; the focus stays on the moved language's button. */
  move(index: number, delta: number): void {
    const code = this.chosen()[index];
    this.reorder(index, index + delta);
    keepFocusOnMoved(this.host.nativeElement, code, delta, this.injector);
  }

  setWanted(code: LanguageCode, wanted: boolean): void {
    const rest = this.chosen().filter((c) => c !== code);
    this.write(wanted ? [...rest, code] : rest);
  }

  private reorder(from: number, to: number): void {
    moveInControl(this.control(), from, to);
  }

  private write(value: LanguageCode[]): void {
    const control = this.control();
    control.setValue(value);
    control.markAsDirty();
  }
}
