import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'aw-not-found-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 i18n="@@notFound.title">Page not found</h1>
    <p i18n="@@notFound.text">
      There is nothing at this address. <a routerLink="/">Back to the library</a>
    </p>
  `,
})
export class NotFoundPage {}
