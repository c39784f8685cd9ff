import {
  DOCUMENT,
  DestroyRef,
  type EnvironmentProviders,
  Injectable,
  Injector,
  afterNextRender,
  inject,
  provideEnvironmentInitializer,
} from '@angular/core';
import { NavigationEnd, Router } from '@angular/router';
import { filter } from 'rxjs';

/**
 * After each navigation inside the app the focus moves to the new page's heading (its one
 * `h1`), so keyboard and screen-reader users start where the page starts instead of on the link
 * they left. The first page load keeps the browser's own start, and so
 * does a new query string on the same page. A page that draws its heading
 * only after its data arrives gets the focus on `<main>` first, then on the heading as soon as it
 * appears, unless the user has moved on by then.
 */
@Injectable({ providedIn: 'root' })
export class FocusHeadingService {
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private waiting: MutationObserver | null = null;

  constructor() {
    let path: string | null = null;
    const subscription = inject(Router)
      .events.pipe(filter((e): e is NavigationEnd => e instanceof NavigationEnd))
      .subscribe((event) => {
        const previous = path;
        path = event.urlAfterRedirects.split(/[?#]/)[0];
        // The first navigation is the page load: the focus stays where the browser puts it. A
        // new query on the same page (a filter, a search) is no new page: the focus stays too.
        if (previous !== null && previous !== path) this.focusAfterRender();
      });
    inject(DestroyRef).onDestroy(() => {
      subscription.unsubscribe();
      this.stopWaiting();
    });
  }

  private focusAfterRender(): void {
    this.stopWaiting();
    afterNextRender(() => this.focusHeading(), { injector: this.injector });
  }

  private focusHeading(): void {
    const main = this.document.querySelector<HTMLElement>('main') ?? this.document.body;
    const heading = main.querySelector<HTMLElement>('h1');
    if (heading) {
      focusTarget(heading);
      return;
    }
    focusTarget(main);
    this.waiting = new MutationObserver(() => {
      const late = main.querySelector<HTMLElement>('h1');
      if (!late) return;
      this.stopWaiting();
      const active = this.document.activeElement;
      if (active === main || active === this.document.body || active === null) focusTarget(late);
    });
    this.waiting.observe(main, { childList: true, subtree: true });
  }

  private stopWaiting(): void {
    this.waiting?.disconnect();
    this.waiting = null;
  }
}

/**
 * Headings are not focusable by default: `tabindex="-1"` makes them a focus target without
 * adding a tab stop. The heading scrolls into view; `<main>` as a stand-in does not.
 */
function focusTarget(element: HTMLElement): void {
  if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
  element.focus({ preventScroll: element.tagName !== 'H1' });
}

/** Moves the focus to the page heading after every navigation (see FocusHeadingService). */
export function provideFocusHeading(): EnvironmentProviders {
  return provideEnvironmentInitializer(() => inject(FocusHeadingService));
}
