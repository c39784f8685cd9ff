import type { HosterName } from '@aniworld/contracts';

/** What an extractor should get from a hoster id: a stream of that kind, or a "video gone" answer. */
export type HosterExpectation = 'hls' | 'mp4' | 'gone';

export interface HosterVariant {
  hoster: HosterName;
  id: string;
  /** Short name of the page/payload form this id serves. */
  variant: string;
  expect: HosterExpectation;
  /** VOE only: the first answer is a JS redirect stub to the same path on the other loopback host name. */
  redirectHop?: boolean;
  note: string;
}

const v = (
  hoster: HosterName,
  id: string,
  variant: string,
  expect: HosterExpectation,
  note: string,
  redirectHop?: boolean,
): HosterVariant => ({
  hoster,
  id,
  variant,
  expect,
  note,
  ...(redirectHop ? { redirectHop } : {}),
});

/** Every hoster id the sandbox knows; ids not listed answer 404 on every hoster. */
export const HOSTER_VARIANTS: readonly HosterVariant[] = [
  v('VOE', 'voearray01', 'json-array', 'hls', '<script type="application/json">["<ENC>"]</script>'),
  v(
    'VOE',
    'voestring01',
    'json-string',
    'hls',
    '<script type="application/json">"<ENC>"</script>',
    true,
  ),
  v('VOE', 'voea168c01', 'a168c', 'hls', "var a168c='<ENC>'", true),
  v(
    'VOE',
    'voea168cold',
    'a168c-b64rev',
    'hls',
    "var a168c='<base64(reversed JSON)>' (older form)",
  ),
  v('VOE', 'voemkgma01', 'mkgma', 'hls', 'MKGMa="<ENC>"', true),
  v('VOE', 'voehlsb6401', 'hls-b64', 'hls', "'hls': '<base64(url)>'"),
  v('VOE', 'voehlsraw01', 'hls-plain', 'hls', "'hls': 'http://…m3u8'", true),
  v('VOE', 'voem3u8only', 'm3u8-only', 'hls', 'only a bare …m3u8 URL in prompt("Node", …)'),
  v('VOE', 'voehop01', 'json-array', 'hls', 'JS redirect hop, then the json-array page', true),
  v('VOE', 'voegone404', 'gone', 'gone', '404 page'),
  v('VOE', 'voegone410', 'gone', 'gone', '410 page'),
  v('Doodstream', 'ddok01', 'pass-md5', 'mp4', "$.get('/dood/pass_md5/…') + makePlay() token"),
  v('Doodstream', 'ddok02', 'pass-md5', 'mp4', 'same, second video'),
  v('Doodstream', 'ddgone', 'gone', 'gone', '404 "File not found"'),
  v('Filemoon', 'fmapi01', 'api', 'hls', '/filemoon/api/videos/<code>: AES-256-GCM iv/payload'),
  v(
    'Filemoon',
    'fmapi2nd',
    'api-iv2',
    'hls',
    'iv/payload fail authentication; iv2/payload2 decrypt',
  ),
  v(
    'Filemoon',
    'fmpacked01',
    'packed',
    'hls',
    'API 404; embed page has eval(function(p,a,c,k,e,d)…)',
  ),
  v('Filemoon', 'fmgone', 'gone', 'gone', 'API and embed 404'),
  v('Vidmoly', 'vmok01', 'jw-double', 'hls', 'sources: [{file:"…m3u8"}]'),
  v('Vidmoly', 'vmok02', 'jw-single', 'hls', "sources: [{file:'…m3u8'}] plus tracks"),
  v('Vidmoly', 'vmgone', 'gone', 'gone', '404'),
  v('Vidoza', 'vzok01', 'sourcescode', 'mp4', 'sourcesCode: [{ src: "…mp4", type: "video/mp4" }]'),
  v('Vidoza', 'vzgone', 'gone', 'gone', '200 page saying "Video nicht verfügbar"'),
  v('Luluvdo', 'luok01', 'jw', 'hls', '/luluvdo/dl?op=embed… with file:"…m3u8"'),
  v('Luluvdo', 'lugone', 'gone', 'gone', '404'),
  v('LoadX', 'lxok01', 'api', 'hls', 'redirect to /loadx/v/<hash>/<name>, POST player/index.php'),
  v('LoadX', 'lxgone', 'gone', 'gone', '404'),
  v('SpeedFiles', 'sfok01', 'encoded', 'mp4', 'var _0x5opu234 = "<encoded>";'),
  v('SpeedFiles', 'sfdown', 'down', 'gone', '200 page with <span>Web server is down</span>'),
  v('SpeedFiles', 'sfgone', 'gone', 'gone', '404'),
  v('Streamtape', 'stok01', 'robotlink', 'mp4', "robotlink get_video?id=…&expires=…&ip=…&token=…'"),
  v('Streamtape', 'stgone', 'gone', 'gone', '404 "Video not found"'),
];

export function findHosterVariant(hoster: HosterName, id: string): HosterVariant | undefined {
  return HOSTER_VARIANTS.find((x) => x.hoster === hoster && x.id === id);
}

/** Embed path of a hoster id below the sandbox origin, in the URL form the real hoster uses. */
export function embedPath(hoster: HosterName, id: string): string {
  switch (hoster) {
    case 'VOE':
      return `/voe/e/${id}`;
    case 'Doodstream':
      return `/dood/e/${id}`;
    case 'Filemoon':
      return `/filemoon/e/${id}`;
    case 'Vidmoly':
      return `/vidmoly/embed-${id}.html`;
    case 'Vidoza':
      return `/vidoza/embed-${id}.html`;
    case 'Luluvdo':
      return `/luluvdo/e/${id}`;
    case 'LoadX':
      return `/loadx/e/${id}`;
    case 'SpeedFiles':
      return `/speedfiles/${id}`;
    case 'Streamtape':
      return `/streamtape/e/${id}`;
  }
}
