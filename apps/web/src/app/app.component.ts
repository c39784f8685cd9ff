import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterOutlet } from '@angular/router';

@Component({
  selector: 'aw-root',
  imports: [RouterOutlet, RouterLink, MatToolbarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip-link" href="#main">Skip to content</a>
    <mat-toolbar class="toolbar" role="banner">
      <a routerLink="/" class="brand">Aniworld</a>
    </mat-toolbar>
    <main id="main" class="content" tabindex="-1">
      <router-outlet />
    </main>
  `,
  styles: `
    .toolbar {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .brand {
      color: inherit;
      text-decoration: none;
      font: var(--mat-sys-title-large);
    }
    .content {
      padding: 16px;
      max-width: 1200px;
      margin: 0 auto;
    }
    .skip-link {
      position: absolute;
      left: -9999px;
    }
    .skip-link:focus {
      left: 8px;
      top: 8px;
      z-index: 10;
      background: var(--mat-sys-surface);
      padding: 8px;
    }
  `,
})
export class AppComponent {}
