import { ChangeDetectionStrategy, Component } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RetryNotice } from '../api/retry-after.interceptor';
import { LoadingBarComponent } from './loading-bar.component';

@Component({ template: 'page', changeDetection: ChangeDetectionStrategy.OnPush })
class PageComponent {}

/** Checks the rendered state until it holds (a navigation settles in its own time). */
async function until(fixture: ComponentFixture<unknown>, holds: () => boolean, what: string) {
  for (let i = 0; i < 200; i++) {
    fixture.detectChanges();
    if (holds()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('LoadingBarComponent', () => {
  let release: (page: typeof PageComponent) => void;
  let fail: (error: Error) => void;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [LoadingBarComponent],
      providers: [
        provideRouter([
          { path: 'fast', component: PageComponent },
          {
            path: 'slow',
            loadComponent: () =>
              new Promise<typeof PageComponent>((resolve) => {
                release = resolve;
              }),
          },
          {
            path: 'broken',
            loadComponent: () =>
              new Promise<typeof PageComponent>((_resolve, reject) => {
                fail = reject;
              }),
          },
        ]),
      ],
    });
  });

  function render() {
    const fixture = TestBed.createComponent(LoadingBarComponent);
    const el = fixture.nativeElement as HTMLElement;
    const bar = () => el.querySelector('[data-testid="loading-bar"]');
    return { fixture, el, bar };
  }

  it('shows the bar while a lazy page loads, and hides it when the page is there', async () => {
    const { fixture, bar } = render();
    const router = TestBed.inject(Router);
    const navigation = router.navigateByUrl('/slow');
    await until(fixture, () => bar() !== null, 'the bar');
    expect(bar()?.getAttribute('aria-label')).toBe('Loading the page');
    release(PageComponent);
    await navigation;
    await until(fixture, () => bar() === null, 'the bar to go');
  });

  it('hides the bar when the navigation fails', async () => {
    const { fixture, bar } = render();
    const navigation = TestBed.inject(Router).navigateByUrl('/broken');
    await until(fixture, () => bar() !== null, 'the bar');
    fail(new Error('offline'));
    await expect(navigation).rejects.toThrow('offline');
    await until(fixture, () => bar() === null, 'the bar to go');
  });

  it('stays away for a page that is there at once', async () => {
    const { fixture, bar } = render();
    await TestBed.inject(Router).navigateByUrl('/fast');
    fixture.detectChanges();
    expect(bar()).toBeNull();
  });

  it('says how long reads wait for a busy server', async () => {
    const { fixture, el } = render();
    const notice = () => el.querySelector('[data-testid="retry-notice"]');
    const done = TestBed.inject(RetryNotice).wait(30);
    await until(fixture, () => notice() !== null, 'the notice');
    expect(notice()?.textContent).toMatch(/continuing in (30|29) s/);
    done();
    await until(fixture, () => notice() === null, 'the notice to go');
  });
});
