import { ChangeDetectionStrategy, Component, InjectionToken, inject } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import {
  LANGUAGES,
  LANGUAGE_NAMES,
  type Language,
  currentLanguage,
  switchLanguage,
} from '../../core/i18n/language';

/** Reloads the app in the newly chosen language (replaced in tests). */
export const RELOAD_APP = new InjectionToken<() => void>('RELOAD_APP', {
  providedIn: 'root',
  factory: () => () => location.reload(),
});

/**
 * The interface language, as in the toolbar's language button: the choice is stored in this
 * browser and the app reloads in it (see docs/i18n.md). Not part of the server's settings.
 */
@Component({
  selector: 'aw-interface-language',
  imports: [MatFormFieldModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="field">
      <mat-label i18n="@@settings.interface.language">Interface language</mat-label>
      <mat-select
        [value]="language"
        (valueChange)="choose($event)"
        data-testid="interface-language"
      >
        @for (option of languages; track option) {
          <mat-option [value]="option" [attr.lang]="option">{{ names[option] }}</mat-option>
        }
      </mat-select>
      <mat-hint i18n="@@settings.interface.languageHint"
        >Stored in this browser; the page reloads in the new language.</mat-hint
      >
    </mat-form-field>
  `,
  styles: `
    .field {
      width: 100%;
      max-width: 420px;
    }
  `,
})
export class InterfaceLanguageComponent {
  private readonly reload = inject(RELOAD_APP);
  readonly languages = LANGUAGES;
  readonly names = LANGUAGE_NAMES;
  readonly language = currentLanguage();

  choose(language: Language): void {
    if (language !== this.language) switchLanguage(language, this.reload);
  }
}
