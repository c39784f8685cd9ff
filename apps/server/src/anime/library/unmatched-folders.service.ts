import { Injectable } from '@nestjs/common';
import type { UnmatchedFolder } from '@aniworld/contracts';
import { NotAnUnmatchedFolder } from '../errors/anime.errors';
import { CoverUrls } from '../../covers/cover-urls';
import { IgnoredFolders } from './ignored-folders';
import { LibraryScanService } from './library-scan.service';

/** The unmatched folders as the library page shows them, and "ignore this folder". */
@Injectable()
export class UnmatchedFoldersService {
  constructor(
    private readonly scans: LibraryScanService,
    private readonly ignored: IgnoredFolders,
    private readonly covers: CoverUrls,
  ) {}

  /** Each folder with its candidates; their covers come through the server's cache. */
  async list(): Promise<UnmatchedFolder[]> {
    return (await this.scans.unmatched()).map((folder) => ({
      ...folder,
      candidates: folder.candidates.map((c) => ({
        ...c,
        year: c.year ?? null,
        url: c.url ?? null,
        cover_url: this.covers.local(c.cover_url),
      })),
    }));
  }

  /**
   * Scans leave an ignored folder alone (not matched, not listed) until it is un-ignored; the
   * last scan's summary is corrected at once.
   */
  async ignore(folder: string, ignored: boolean): Promise<void> {
    if (ignored && !(await this.scans.unmatched()).some((u) => u.folder === folder))
      throw new NotAnUnmatchedFolder(folder);
    await this.ignored.set(folder, ignored);
    await this.scans.resummarise(0);
  }
}
