import { languageCodeOf, type HosterName, type StreamDescriptor } from '@aniworld/contracts';
import {
  HOSTER_VARIANTS,
  SANDBOX_CATALOG,
  embedPath as sandboxEmbedPath,
  startSandbox,
  type CatalogLink,
  type Sandbox,
} from '@aniworld/sandbox';
import { request } from 'undici';
import {
  ChallengeRequired,
  HosterUnavailable,
  LULUVDO_USER_AGENT,
  SeriesNotFound,
  VideoGone,
  createProviders,
  type HosterLink,
  type Providers,
  type SiteId,
} from '../src';

jest.setTimeout(120_000);

interface Case {
  site: SiteId;
  slug: string;
  season: number;
  episode: number;
  link: CatalogLink;
}

/** One link per site × hoster × expectation, straight from the sandbox catalog. */
function cases(expect: (l: CatalogLink) => boolean): Case[] {
  const out: Case[] = [];
  const seen = new Set<string>();
  for (const series of SANDBOX_CATALOG.series) {
    for (const season of series.seasons) {
      for (const ep of season.episodes) {
        for (const link of ep.links) {
          for (const site of link.sites) {
            const key = `${site}/${link.hoster}`;
            if (!expect(link) || seen.has(key) || !series.sites.includes(site)) continue;
            if (site === 'sto' && season.number === 0) continue;
            seen.add(key);
            out.push({ site, slug: series.slug, season: season.number, episode: ep.number, link });
          }
        }
      }
    }
  }
  return out.sort((a, b) => `${a.site}${a.link.hoster}`.localeCompare(`${b.site}${b.link.hoster}`));
}

const playable = cases((l) => l.expect !== 'gone');
const gone = cases((l) => l.expect === 'gone');

async function fetchBytes(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: Buffer }> {
  const res = await request(url, { headers });
  return { status: res.statusCode, body: Buffer.from(await res.body.arrayBuffer()) };
}

/** Real media: an MPEG-TS segment (sync bytes), an AES block multiple, or an MP4 `ftyp` box. */
async function assertMedia(d: StreamDescriptor): Promise<void> {
  if (d.kind === 'mp4') {
    const res = await fetchBytes(d.url, { ...d.headers, Range: 'bytes=0-4095' });
    expect(res.status).toBe(206);
    expect(res.body.subarray(4, 8).toString('latin1')).toBe('ftyp');
    return;
  }
  let playlistUrl = d.url;
  let playlist = await fetchText(playlistUrl, d.headers);
  if (playlist.includes('#EXT-X-STREAM-INF')) {
    const variant = firstUri(playlist);
    playlistUrl = new URL(variant, playlistUrl).toString();
    playlist = await fetchText(playlistUrl, d.headers);
  }
  expect(playlist).toContain('#EXTINF');
  const segment = await fetchBytes(new URL(firstUri(playlist), playlistUrl).toString(), d.headers);
  expect(segment.status).toBe(200);
  if (playlist.includes('METHOD=AES-128')) {
    expect(segment.body.length % 16).toBe(0);
  } else {
    expect(segment.body[0]).toBe(0x47);
    expect(segment.body[188]).toBe(0x47);
  }
}

async function fetchText(url: string, headers: Record<string, string>): Promise<string> {
  const res = await fetchBytes(url, headers);
  expect(res.status).toBe(200);
  return res.body.toString('utf8');
}

function firstUri(playlist: string): string {
  const line = playlist.split(/\r?\n/).find((l) => l.trim() && !l.startsWith('#'));
  if (!line) throw new Error(`no URI in playlist:\n${playlist}`);
  return line.trim();
}

describe('end to end against the sandbox', () => {
  let sb: Sandbox;
  let providers: Providers;

  const fresh = (): Providers =>
    createProviders({
      sites: {
        aniworld: { baseUrl: `${sb.baseUrl}/aniworld` },
        sto: { baseUrl: `${sb.baseUrl}/sto` },
      },
      userAgent: 'AniworldE2E/1.0 (sandbox)',
      requestsPerSecond: 50,
      backoffBaseMs: 20,
      retries: 3,
    });

  async function linkFor(p: Providers, c: Case): Promise<HosterLink> {
    const episode = await p.site(c.site).getEpisode(c.slug, c.season, c.episode);
    const link = episode.links.find((l) => l.linkId === String(c.link.id));
    expect(link).toBeDefined();
    return link as HosterLink;
  }

  beforeAll(async () => {
    sb = await startSandbox({ port: 0 });
    providers = fresh();
  });

  afterAll(async () => {
    await providers?.close();
    await sb?.close();
  });

  afterEach(() => sb.clearFaults());

  it('covers every hoster on both sites', () => {
    const hosters = (site: SiteId): HosterName[] => [
      ...new Set(playable.filter((c) => c.site === site).map((c) => c.link.hoster)),
    ];
    expect(hosters('aniworld').length).toBeGreaterThanOrEqual(9);
    expect(hosters('sto').length).toBeGreaterThanOrEqual(9);
  });

  it.each(playable.map((c) => [c.site, c.link.hoster, c.link.embedPath, c] as const))(
    '%s × %s (%s): episode → redirect → extractor → media bytes',
    async (_site, hoster, embedPath, c) => {
      const link = await linkFor(providers, c);
      expect(link.hoster).toBe(hoster);
      expect(languageCodeOf(link.language)).toBe(c.link.language);
      const resolved = await providers.resolveStream(link);
      expect(resolved.hoster).toBe(hoster);
      expect(new URL(resolved.embedUrl).pathname).toBe(embedPath);
      expect(resolved.descriptor.kind).toBe(c.link.expect);
      await assertMedia(resolved.descriptor);
    },
  );

  it.each(gone.map((c) => [c.site, c.link.hoster, c.link.embedPath, c] as const))(
    '%s × %s (%s): a removed video is VideoGone',
    async (_site, _hoster, _path, c) => {
      const link = await linkFor(providers, c);
      const error = await providers.resolveStream(link).catch((e: unknown) => e);
      // SpeedFiles' "Web server is down" is an outage rather than a removal.
      expect(
        error instanceof VideoGone ||
          (c.link.hoster === 'SpeedFiles' && error instanceof HosterUnavailable),
      ).toBe(true);
    },
  );

  it.each(HOSTER_VARIANTS.map((v) => [v.hoster, v.variant, v.id, v.expect] as const))(
    '%s payload variant %s (%s) → %s',
    async (hoster, _variant, id, expected) => {
      const embedUrl = `${sb.baseUrl}${sandboxEmbedPath(hoster, id)}`;
      if (expected === 'gone') {
        const error = await providers.extract(hoster, embedUrl).catch((e: unknown) => e);
        expect(error instanceof VideoGone || error instanceof HosterUnavailable).toBe(true);
        return;
      }
      const { descriptor } = await providers.extract(hoster, embedUrl);
      expect(descriptor.kind).toBe(expected);
      expect(descriptor.headers['User-Agent']).toBe(
        hoster === 'Luluvdo' ? LULUVDO_USER_AGENT : providers.userAgent,
      );
      await assertMedia(descriptor);
    },
  );

  it('reports an unknown series as SeriesNotFound on both sites', async () => {
    await expect(providers.site('aniworld').getSeries('gibt-es-nicht')).rejects.toBeInstanceOf(
      SeriesNotFound,
    );
    await expect(providers.site('sto').getSeries('gibt-es-nicht')).rejects.toBeInstanceOf(
      SeriesNotFound,
    );
  });

  it.each([
    ['aniworld', 'ddos-guard'],
    ['sto', 'cloudflare'],
  ] as const)('turns a %s %s challenge into ChallengeRequired', async (site, kind) => {
    const p = fresh();
    sb.setFaults(site, `challenge=${kind}`);
    const slug = SANDBOX_CATALOG.series.find((s) => s.sites.includes(site))?.slug ?? '';
    await expect(p.site(site).getSeries(slug)).rejects.toMatchObject({
      code: 'CHALLENGE_REQUIRED',
      kind,
    });
    await p.close();
  });

  it('turns a Turnstile page on the s.to redirect into ChallengeRequired', async () => {
    const c = playable.find((x) => x.site === 'sto') as Case;
    const link = await linkFor(providers, c);
    sb.setFaults('sto', 'challenge=turnstile');
    await expect(providers.site('sto').resolveRedirect(link.redirectUrl)).rejects.toMatchObject({
      kind: 'turnstile',
    });
  });

  it('turns a Cloudflare page on the hoster into ChallengeRequired', async () => {
    const c = playable.find((x) => x.site === 'aniworld' && x.link.hoster === 'VOE') as Case;
    const link = await linkFor(providers, c);
    sb.setFaults('voe', 'challenge=cloudflare');
    await expect(providers.resolveStream(link)).rejects.toBeInstanceOf(ChallengeRequired);
  });

  it('retries a 503 and then succeeds', async () => {
    const p = fresh();
    const slug = SANDBOX_CATALOG.series.find((s) => s.sites.includes('aniworld'))?.slug ?? '';
    sb.setFaults('aniworld', 'failFirst=2');
    sb.resetStats();
    const series = await p.site('aniworld').getSeries(slug);
    expect(series.key).toBe(slug);
    const path = `/aniworld/anime/stream/${slug}`;
    expect(sb.stats().by_path[path]?.requests).toBe(3);
    await p.close();
  });

  it('gives up with UpstreamError when the site keeps failing', async () => {
    const p = fresh();
    sb.setFaults('sto', 'status=500');
    await expect(p.site('sto').search('a')).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
      status: 500,
    });
    await p.close();
  });
});
