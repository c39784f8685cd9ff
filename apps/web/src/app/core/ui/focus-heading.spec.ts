import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, RouterOutlet, provideRouter } from '@angular/router';
import { provideFocusHeading } from './focus-heading';

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<h1>First</h1>
    <a href="/second">Second</a>`,
})
class FirstPage {}

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<h1>Second</h1>`,
})
class SecondPage {}

/** A page that draws its heading once its data is there. */
@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `@if (loaded()) {
    <h1>Late</h1>
  }`,
})
class LatePage {
  static current: LatePage | null = null;
  readonly loaded = signal(false);
  constructor() {
    LatePage.current = this;
  }
}

@Component({
  imports: [RouterOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<main tabindex="-1"><router-outlet /></main>`,
})
class Shell {}

describe('focus on the page heading after navigation', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'first', component: FirstPage },
          { path: 'second', component: SecondPage },
          { path: 'late', component: LatePage },
        ]),
        provideFocusHeading(),
      ],
    });
  });

  async function start() {
    const fixture = TestBed.createComponent(Shell);
    document.body.appendChild(fixture.nativeElement);
    const router = TestBed.inject(Router);
    const go = async (url: string) => {
      await router.navigateByUrl(url);
      await fixture.whenStable();
    };
    return { fixture, go, el: fixture.nativeElement as HTMLElement };
  }

  afterEach(() => document.body.replaceChildren());

  it('leaves the first page load alone, then focuses each new page heading', async () => {
    const { go } = await start();
    await go('/first');
    expect(document.activeElement).toBe(document.body);

    await go('/second');
    expect(document.activeElement?.tagName).toBe('H1');
    expect(document.activeElement?.textContent).toBe('Second');
    expect(document.activeElement?.getAttribute('tabindex')).toBe('-1');
  });

  it('keeps the focus on the page when only the query changes', async () => {
    const { go, el } = await start();
    await go('/first');
    await go('/second');
    const link = document.createElement('button');
    el.querySelector('main')?.appendChild(link);
    link.focus();
    await go('/second?filter=x');
    expect(document.activeElement).toBe(link);
  });

  it('waits on <main> for a heading that comes with the data', async () => {
    const { fixture, go } = await start();
    await go('/first');
    await go('/late');
    expect(document.activeElement?.tagName).toBe('MAIN');
    LatePage.current?.loaded.set(true);
    await fixture.whenStable();
    // The observer reacts to the new heading in a microtask.
    await Promise.resolve();
    expect(document.activeElement?.textContent).toBe('Late');
  });
});
