import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl } from '@angular/forms';
import type { HosterName } from '@aniworld/contracts';
import { HosterOrderComponent } from './hoster-order.component';

@Component({
  imports: [HosterOrderComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<aw-hoster-order [order]="order" [disabled]="off" />`,
})
class HostComponent {
  readonly order = new FormControl<HosterName[]>(['VOE', 'Filemoon', 'Vidmoly'], {
    nonNullable: true,
  });
  readonly off = new FormControl<HosterName[]>([], { nonNullable: true });
}

describe('HosterOrderComponent', () => {
  async function render() {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const button = (move: string) => el.querySelector<HTMLButtonElement>(`[data-move="${move}"]`);
    return { fixture, el, button, order: fixture.componentInstance.order };
  }

  it('moves a hoster with the arrows and keeps the focus on it', async () => {
    const { fixture, button, order } = await render();
    expect(button('Vidmoly:up')?.getAttribute('aria-label')).toBe('Move Vidmoly up');
    button('Vidmoly:up')?.focus();
    button('Vidmoly:up')?.click();
    await fixture.whenStable();
    expect(order.value).toEqual(['VOE', 'Vidmoly', 'Filemoon']);
    expect(document.activeElement?.getAttribute('data-move')).toBe('Vidmoly:up');

    // At the top its "up" arrow is disabled: the focus goes to its "down" arrow.
    button('Vidmoly:up')?.click();
    await fixture.whenStable();
    expect(order.value).toEqual(['Vidmoly', 'VOE', 'Filemoon']);
    expect(document.activeElement?.getAttribute('data-move')).toBe('Vidmoly:down');
  });
});
