import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import {
  CHUNK_RELOAD_KEY,
  PAGE_RELOAD,
  isChunkLoadError,
  provideChunkReload,
} from './chunk-reload';

@Component({ template: 'page', changeDetection: ChangeDetectionStrategy.OnPush })
class PageComponent {}

const STALE = new TypeError(
  'Failed to fetch dynamically imported module: http://localhost:8000/chunk-5EAJ2ECG.js',
);

describe('provideChunkReload', () => {
  let reload: jest.Mock;
  let router: Router;

  beforeEach(() => {
    sessionStorage.clear();
    reload = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'home', component: PageComponent },
          { path: 'queue', loadComponent: () => Promise.reject(STALE) },
          { path: 'broken', loadComponent: () => Promise.reject(new Error('a bug')) },
        ]),
        provideChunkReload(),
        { provide: PAGE_RELOAD, useValue: reload },
      ],
    });
    router = TestBed.inject(Router);
  });

  it('reloads the app once at the address whose chunk failed', async () => {
    await expect(router.navigateByUrl('/queue?list=failed')).rejects.toBe(STALE);
    expect(reload).toHaveBeenCalledWith('/queue?list=failed');
    expect(sessionStorage.getItem(CHUNK_RELOAD_KEY)).toBe('/queue?list=failed');

    // Right after that reload the same chunk fails again: no second reload, no loop.
    await expect(router.navigateByUrl('/queue?list=failed')).rejects.toBe(STALE);
    expect(reload).toHaveBeenCalledTimes(1);
    expect(sessionStorage.getItem(CHUNK_RELOAD_KEY)).toBeNull();
  });

  it('forgets the reload once a page loads, so a later new build reloads again', async () => {
    await expect(router.navigateByUrl('/queue')).rejects.toBe(STALE);
    await router.navigateByUrl('/home');
    expect(sessionStorage.getItem(CHUNK_RELOAD_KEY)).toBeNull();
    await expect(router.navigateByUrl('/queue')).rejects.toBe(STALE);
    expect(reload).toHaveBeenCalledTimes(2);
  });

  it('leaves other navigation errors alone', async () => {
    await expect(router.navigateByUrl('/broken')).rejects.toThrow('a bug');
    expect(reload).not.toHaveBeenCalled();
  });
});

describe('isChunkLoadError', () => {
  it.each([
    [STALE, true],
    [new TypeError('error loading dynamically imported module: /chunk-A.js'), true],
    [new TypeError('Importing a module script failed.'), true],
    [Object.assign(new Error('Loading chunk 42 failed.'), { name: 'ChunkLoadError' }), true],
    [new Error('Cannot read properties of undefined'), false],
    [null, false],
  ])('%s → %s', (error, expected) => {
    expect(isChunkLoadError(error)).toBe(expected);
  });
});
