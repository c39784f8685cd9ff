import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl } from '@angular/forms';
import type { LanguageCode } from '@aniworld/contracts';
import { LanguageOrderComponent } from './language-order.component';

@Component({
  imports: [LanguageOrderComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<aw-language-order [control]="control" />`,
})
class HostComponent {
  readonly control = new FormControl<LanguageCode[]>(['german-dub', 'german-sub', 'english-sub'], {
    nonNullable: true,
  });
}

describe('LanguageOrderComponent', () => {
  async function render() {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const rows = () =>
      [...el.querySelectorAll('li')].map((li) => li.getAttribute('data-language') ?? '');
    const button = (selector: string) => el.querySelector<HTMLButtonElement>(selector);
    return { fixture, el, rows, button, control: fixture.componentInstance.control };
  }

  it('shows the wanted languages in order, then the others, and says what downloads take', async () => {
    const { el, rows } = await render();
    expect(rows()).toEqual(['german-dub', 'german-sub', 'english-sub', 'english-dub']);
    expect(el.querySelector('[data-testid="language-summary"]')?.textContent).toContain(
      'German Dub, then German Sub, then English Sub',
    );
  });

  it('moves a language with the arrows, keeping the focus on it', async () => {
    const { fixture, rows, button, control } = await render();
    button('[data-move="english-sub:up"]')?.click();
    await fixture.whenStable();
    expect(control.value).toEqual(['german-dub', 'english-sub', 'german-sub']);
    expect(control.dirty).toBe(true);
    expect(rows().slice(0, 3)).toEqual(['german-dub', 'english-sub', 'german-sub']);
    expect(document.activeElement?.getAttribute('data-move')).toBe('english-sub:up');
  });

  it('unticks and ticks languages, never the last one', async () => {
    const { fixture, el, control } = await render();
    const box = (code: string) =>
      el.querySelector<HTMLInputElement>(`[data-language="${code}"] input[type=checkbox]`);
    box('german-sub')?.click();
    box('english-dub')?.click();
    await fixture.whenStable();
    expect(control.value).toEqual(['german-dub', 'english-sub', 'english-dub']);
    box('english-sub')?.click();
    box('english-dub')?.click();
    await fixture.whenStable();
    expect(control.value).toEqual(['german-dub']);
    expect(box('german-dub')?.disabled).toBe(true);
  });
});
