import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { DomainEvents, type StrmWrittenEvent } from '../common/events';
import type { StrmEpisode } from './strm-episode';
import { StrmLinksService } from './strm-links.service';

/**
 * Writes `.strm` files: one line, the episode's signed stream URL (docs/strm.md). The file
 * appears complete or not at all (temporary file, fsync, rename), and `strm.written` goes out
 * for whoever keeps files beside episodes (the NFO writer).
 */
@Injectable()
export class StrmFilesService {
  private readonly logger = new Logger(StrmFilesService.name);

  constructor(
    private readonly links: StrmLinksService,
    private readonly events: DomainEvents,
  ) {}

  async write(
    path: string,
    ep: StrmEpisode,
    requestBase: string,
    target: StrmWrittenEvent['target'],
  ): Promise<void> {
    const content = `${this.links.streamUrl(ep, requestBase)}\n`;
    await fs.mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      const handle = await fs.open(tmp, 'w', 0o644);
      try {
        await handle.writeFile(content, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(tmp, path);
    } catch (error) {
      await fs.rm(tmp, { force: true });
      throw error;
    }
    this.logger.log({
      msg: '.strm written',
      path,
      key: ep.key,
      season: ep.season,
      episode: ep.episode,
    });
    this.events.emit('strm.written', {
      site: ep.site,
      series_key: ep.key,
      season: ep.season,
      episode: ep.episode,
      language: ep.language,
      path,
      target,
    });
  }
}
