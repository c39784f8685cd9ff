import { ChangeDetectionStrategy, Component, type Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MAT_SELECT_CONFIG, MatSelectModule } from '@angular/material/select';
import { appConfig } from './app.config';

@Component({
  imports: [MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-select [value]="null" aria-label="Language">
      <mat-option [value]="null">By preference</mat-option>
      <mat-option value="german-dub">German Dub only</mat-option>
    </mat-select>
  `,
})
class ChoiceComponent {}

describe('app config', () => {
  it('shows a select whose value is null by its option ("By preference"), not blank', async () => {
    const selectConfig = (appConfig.providers as Provider[]).filter(
      (p) => typeof p === 'object' && 'provide' in p && p.provide === MAT_SELECT_CONFIG,
    );
    TestBed.configureTestingModule({ providers: selectConfig });
    const fixture = TestBed.createComponent(ChoiceComponent);
    await fixture.whenStable();
    const trigger = (fixture.nativeElement as HTMLElement).querySelector('.mat-mdc-select-value');
    expect(trigger?.textContent?.trim()).toBe('By preference');
  });
});
