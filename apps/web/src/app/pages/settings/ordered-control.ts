import { moveItemInArray } from '@angular/cdk/drag-drop';
import type { FormControl } from '@angular/forms';

/** Moves one entry of a list-valued control (drag and drop or arrows); out of range does nothing. */
export function moveInControl<T>(control: FormControl<T[]>, from: number, to: number): void {
  if (to < 0 || to >= control.value.length || from === to) return;
  const next = [...control.value];
  moveItemInArray(next, from, to);
  control.setValue(next);
  control.markAsDirty();
}
