import { moveItemInArray } from '@angular/cdk/drag-drop';
import { type Injector, afterNextRender } from '@angular/core';
import type { FormControl } from '@angular/forms';

/** Moves one entry of a list-valued control (drag and drop or arrows); out of range does nothing. */
export function moveInControl<T>(control: FormControl<T[]>, from: number, to: number): void {
  if (to < 0 || to >= control.value.length || from === to) return;
  const next = [...control.value];
  moveItemInArray(next, from, to);
  control.setValue(next);
  control.markAsDirty();
}

/** The label of the arrow that moves an entry (a language, a hoster) one place up. */
export function moveUpLabel(name: string): string {
  return $localize`:@@settings.moveUp:Move ${name}:name: up`;
}

/** The label of the arrow that moves an entry one place down. */
export function moveDownLabel(name: string): string {
  return $localize`:@@settings.moveDown:Move ${name}:name: down`;
}

/**
 * After an arrow moved an entry, the focus stays with it: on the same arrow in its new row, or
 * on its other arrow when that one is now disabled (first or last place). The arrows carry
 * `data-move="<id>:up"` and `data-move="<id>:down"`.
 */
export function keepFocusOnMoved(
  host: HTMLElement,
  id: string,
  delta: number,
  injector: Injector,
): void {
  const direction = delta < 0 ? 'up' : 'down';
  afterNextRender(
    () =>
      (
        host.querySelector<HTMLButtonElement>(`[data-move="${id}:${direction}"]:not([disabled])`) ??
        host.querySelector<HTMLButtonElement>(`[data-move^="${id}:"]:not([disabled])`)
      )?.focus(),
    { injector },
  );
}
