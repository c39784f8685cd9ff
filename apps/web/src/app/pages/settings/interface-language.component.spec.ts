import { TestBed } from '@angular/core/testing';
import { currentLanguage, switchLanguage } from '../../core/i18n/language';
import { byTestId } from '../../testing/dom';
import { InterfaceLanguageComponent, RELOAD_APP } from './interface-language.component';

describe('InterfaceLanguageComponent', () => {
  let reloads: number;

  beforeEach(() => {
    reloads = 0;
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [InterfaceLanguageComponent],
      providers: [{ provide: RELOAD_APP, useValue: () => reloads++ }],
    });
  });

  afterEach(() => {
    // Back to the default of every other spec.
    switchLanguage('en', () => undefined);
    localStorage.clear();
  });

  it('shows the language the app runs in and switches to the chosen one with a reload', async () => {
    const fixture = TestBed.createComponent(InterfaceLanguageComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const select = byTestId(el, 'interface-language');
    expect(select.textContent?.trim()).toBe('English');

    select.click();
    await fixture.whenStable();
    const german = [...document.querySelectorAll<HTMLElement>('mat-option')].find(
      (option) => option.textContent?.trim() === 'Deutsch',
    );
    expect(german?.getAttribute('lang')).toBe('de');
    german?.click();
    await fixture.whenStable();

    expect(localStorage.getItem('aniworld.language')).toBe('de');
    expect(currentLanguage()).toBe('de');
    expect(reloads).toBe(1);
  });

  it('does not reload when the current language is chosen again', async () => {
    const fixture = TestBed.createComponent(InterfaceLanguageComponent);
    await fixture.whenStable();
    fixture.componentInstance.choose('en');
    expect(reloads).toBe(0);
    expect(localStorage.getItem('aniworld.language')).toBeNull();
  });
});
