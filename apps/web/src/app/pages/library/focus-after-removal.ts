import { type Injector, afterNextRender } from '@angular/core';

/** The page heading the library's lists fall back to when their last item is gone. */
const FALLBACK_ID = 'library-title';

/**
 * After an action removed a list item together with the element that had the focus (its button),
 * focus the item now in its place, else the one before it, else the page heading, so the focus
 * does not fall back to the start of the page. Focus the user moved elsewhere meanwhile stays.
 */
export function focusAfterRemoval(
  injector: Injector,
  target: { items: () => HTMLElement[]; index: number },
): void {
  afterNextRender(
    () => {
      const active = document.activeElement;
      if (active && active !== document.body && active.isConnected) return;
      const items = target.items();
      const next =
        items[Math.min(target.index, items.length - 1)] ?? document.getElementById(FALLBACK_ID);
      next?.focus();
    },
    { injector },
  );
}
