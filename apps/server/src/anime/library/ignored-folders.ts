import { Injectable } from '@nestjs/common';
import { SystemSettingsRepository } from '../../database/system-settings.repository';

const IGNORED_KEY = 'library.ignored_folders';

/** Folders of the anime directory the user told the scanner to leave alone. */
@Injectable()
export class IgnoredFolders {
  constructor(private readonly settings: SystemSettingsRepository) {}

  async list(): Promise<Set<string>> {
    return new Set((await this.settings.get<string[]>(IGNORED_KEY)) ?? []);
  }

  async set(folder: string, ignored: boolean): Promise<void> {
    await this.settings.update<string[]>(IGNORED_KEY, (stored) => {
      const rest = (stored ?? []).filter((f) => f !== folder);
      return ignored ? [...rest, folder].sort() : rest;
    });
  }
}
