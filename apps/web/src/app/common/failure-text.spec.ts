import { readableFailure } from './failure-text';

describe('readable failures', () => {
  it('says per hoster what happened, without codes', () => {
    const text = readableFailure(
      'No hoster delivered x: VOE (german-dub): HTTP 404 at http://h/e',
      [
        { hoster: 'VOE', language: 'german-dub', error_code: 'VIDEO_GONE', error: 'x', at: '' },
        { hoster: 'Filemoon', language: 'german-sub', error_code: 'NETWORK', error: 'y', at: '' },
      ],
    );
    expect(text).toBe(
      'No hoster delivered it: VOE (German Dub) the video was removed; Filemoon (German Sub) could not be reached.',
    );
    expect(text).not.toMatch(/VIDEO_GONE|http/);
  });

  it('keeps addresses and site ids out of a site-level error', () => {
    expect(readableFailure('aniworld: HTTP 503 from http://127.0.0.1:9/anime/stream/x', [])).toBe(
      'The site: HTTP 503 from …',
    );
  });
});
