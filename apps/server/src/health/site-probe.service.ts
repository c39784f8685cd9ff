import { Injectable } from '@nestjs/common';
import { SITE_IDS, type SiteId, type SiteReachability } from '@aniworld/contracts';
import { hasErrorCode } from '../common/errors';
import { ProvidersService } from '../providers/providers.service';

/** A probe's answer stays good this long, so the System page polling never hammers the sites. */
const PROBE_TTL_MS = 5 * 60_000;
const PROBE_TIMEOUT_MS = 5_000;
/** `/health/detailed` waits this long for a probe; a slower one answers at the next call. */
const WAIT_FOR_PROBE_MS = 1_500;

interface Probe {
  reachable: boolean;
  message: string | null;
  checkedAt: number;
  baseUrl: string;
}

/** Whether each site answers now: one GET of its base URL, at most once every five minutes per site. */
@Injectable()
export class SiteProbeService {
  private readonly probes = new Map<SiteId, Probe>();
  private running: Promise<void> | null = null;

  constructor(private readonly providers: ProvidersService) {}

  async sites(): Promise<SiteReachability[]> {
    const overview = this.providers.overview().sites;
    const stale = overview.some((site) => {
      const probe = this.probes.get(site.id);
      return (
        !probe || probe.baseUrl !== site.base_url || Date.now() - probe.checkedAt > PROBE_TTL_MS
      );
    });
    if (stale) {
      this.running ??= this.probeAll(overview.map((s) => [s.id, s.base_url] as const)).finally(
        () => (this.running = null),
      );
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.running,
        new Promise<void>((resolve) => (timer = setTimeout(resolve, WAIT_FOR_PROBE_MS))),
      ]);
      clearTimeout(timer);
    }
    return overview.map((site) => {
      const probe = this.probes.get(site.id);
      return {
        id: site.id,
        name: site.name,
        base_url: site.base_url,
        reachable: probe?.reachable ?? null,
        message: probe?.message ?? null,
        checked_at: probe ? new Date(probe.checkedAt).toISOString() : null,
        last_success_at: site.last_success_at,
        last_failure_at: site.last_failure?.at ?? null,
      };
    });
  }

  private async probeAll(sites: (readonly [SiteId, string])[]): Promise<void> {
    await Promise.all(
      sites
        .filter(([id]) => (SITE_IDS as readonly string[]).includes(id))
        .map(async ([id, baseUrl]) => this.probes.set(id, await this.probe(baseUrl))),
    );
  }

  private async probe(baseUrl: string): Promise<Probe> {
    const checkedAt = Date.now();
    try {
      const res = await this.providers.fetch(baseUrl, {}, AbortSignal.timeout(PROBE_TIMEOUT_MS));
      // Any answer but a server error means the site is up (its root may well be a 404 or redirect).
      if (res.status >= 500)
        return { reachable: false, message: `HTTP ${res.status}`, checkedAt, baseUrl };
      return { reachable: true, message: null, checkedAt, baseUrl };
    } catch (error) {
      const message = hasErrorCode(error)
        ? `${error.code}: ${error.message}`
        : error instanceof Error
          ? error.message
          : String(error);
      return { reachable: false, message, checkedAt, baseUrl };
    }
  }
}
