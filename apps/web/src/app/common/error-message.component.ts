import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ErrorResponse } from '@aniworld/contracts';
import { fieldErrors } from '../core/api/api-error';

/** Shows an API error where it happened: the server's message, the field list and any wait. */
@Component({
  selector: 'aw-error',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as e) {
      <div class="error" role="alert" [attr.data-code]="e.code">
        <span class="message">{{ prefix() }}{{ e.message }}</span>
        @if (retryAfter(); as seconds) {
          <span class="retry" i18n="@@common.tryAgainIn"> Try again in {{ seconds }} s.</span>
        }
        @if (showFields() && fields().length) {
          <ul>
            @for (f of fields(); track f.field) {
              <li>
                <code>{{ f.field }}</code>: {{ f.errors.join('; ') }}
              </li>
            }
          </ul>
        }
      </div>
    }
  `,
  styles: `
    .error {
      color: var(--mat-sys-on-error-container);
      background: var(--mat-sys-error-container);
      border-radius: 8px;
      padding: 8px 12px;
      margin: 8px 0;
      overflow-wrap: anywhere;
    }
    ul {
      margin: 4px 0 0;
      padding-left: 20px;
    }
  `,
})
export class ErrorMessageComponent {
  readonly error = input<(ErrorResponse & { retryAfterSeconds?: number }) | null>(null);
  readonly prefix = input('');
  /** Pages that map fields onto form controls turn the list off. */
  readonly showFields = input(true);
  readonly fields = computed(() => fieldErrors(this.error()));
  readonly retryAfter = computed(() => this.error()?.retryAfterSeconds ?? null);
}
