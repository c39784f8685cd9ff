import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatCardModule } from '@angular/material/card';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import type { HealthResponse } from '@aniworld/contracts';
import { catchError, map, of, startWith } from 'rxjs';
import { HealthApiService } from '../../core/health-api.service';

type HealthState =
  | { kind: 'loading' }
  | { kind: 'loaded'; health: HealthResponse }
  | { kind: 'error'; message: string };

@Component({
  selector: 'aw-home-page',
  imports: [MatCardModule, MatProgressSpinnerModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Your anime library</h1>
    <p>Aniworld keeps your library complete: it finds missing episodes and downloads them.</p>
    <mat-card appearance="outlined">
      <mat-card-header><mat-card-title>Server status</mat-card-title></mat-card-header>
      <mat-card-content>
        @switch (state().kind) {
          @case ('loading') {
            <mat-spinner diameter="32" aria-label="Loading server status" />
          }
          @case ('error') {
            <p role="alert" class="error">{{ errorMessage() }}</p>
          }
          @case ('loaded') {
            @let health = loadedHealth()!;
            <p data-testid="health-status">
              Status: <strong>{{ health.status }}</strong> · version {{ health.version }}
            </p>
            <ul>
              @for (check of checks(); track check.name) {
                <li [class]="check.status">{{ check.name }}: {{ check.message }}</li>
              }
            </ul>
          }
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .error,
    .warning {
      color: var(--mat-sys-error);
    }
  `,
})
export class HomePage {
  private readonly api = inject(HealthApiService);

  readonly state = toSignal(
    this.api.health().pipe(
      map((health): HealthState => ({ kind: 'loaded', health })),
      catchError(() => of<HealthState>({ kind: 'error', message: 'The server did not answer.' })),
      startWith<HealthState>({ kind: 'loading' }),
    ),
    { requireSync: true },
  );

  loadedHealth(): HealthResponse | null {
    const state = this.state();
    return state.kind === 'loaded' ? state.health : null;
  }

  errorMessage(): string {
    const state = this.state();
    return state.kind === 'error' ? state.message : '';
  }

  checks(): { name: string; status: string; message: string }[] {
    const health = this.loadedHealth();
    return health
      ? Object.entries(health.checks).map(([name, c]) => ({
          name,
          status: c.status,
          message: c.message,
        }))
      : [];
  }
}
