import { kindFromResponse, kindFromUrl } from './detect';

describe('stream kind detection', () => {
  it.each([
    ['https://h/a/master.m3u8?t=1', 'hls'],
    ['https://h/a/video.MP4', 'mp4'],
    ['https://h/a/get_video?id=1', null],
  ])('%s → %s', (url, kind) => expect(kindFromUrl(url)).toBe(kind));

  it('sniffs the content type and the #EXTM3U magic', () => {
    expect(kindFromResponse('application/vnd.apple.mpegurl', Buffer.alloc(0))).toBe('hls');
    expect(kindFromResponse('text/plain', Buffer.from('\uFEFF #EXTM3U\n#EXT-X-VERSION:3'))).toBe(
      'hls',
    );
    expect(
      kindFromResponse('application/octet-stream', Buffer.from([0, 0, 0, 0x18, 0x66, 0x74])),
    ).toBe('mp4');
  });
});
