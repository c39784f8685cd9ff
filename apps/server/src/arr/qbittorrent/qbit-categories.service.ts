import { Injectable } from '@nestjs/common';
import { isAbsolute, join, resolve } from 'node:path';
import { ConfigService } from '../../config/config.service';
import { ArrTorrentRepository } from './arr-torrent.repository';
import { badRequest, conflict } from './qbit-errors';

export interface CategoryView {
  name: string;
  savePath: string;
}

/**
 * Categories of the download client, persisted. A category without its own save path uses
 * `<arr.download_directory>/<name>`; relative paths are taken relative to that directory,
 * as qBittorrent takes them relative to its default save path.
 */
@Injectable()
export class QbitCategoriesService {
  constructor(
    private readonly repo: ArrTorrentRepository,
    private readonly config: ConfigService,
  ) {}

  get defaultSavePath(): string {
    return resolve(this.config.arrDownloadDirectory);
  }

  async all(): Promise<Record<string, CategoryView>> {
    const out: Record<string, CategoryView> = {};
    for (const c of await this.repo.listCategories())
      out[c.name] = { name: c.name, savePath: this.folderOf(c.name, c.savePath) };
    return out;
  }

  /** Idempotent: an existing category keeps its path unless a new one is given. */
  async create(name: string | undefined, savePath: string | undefined): Promise<void> {
    const valid = validName(name);
    const existing = await this.repo.findCategory(valid);
    if (existing && !savePath) return;
    await this.repo.saveCategory(valid, this.normalise(savePath));
  }

  async edit(name: string | undefined, savePath: string | undefined): Promise<void> {
    const valid = validName(name);
    if (!(await this.repo.findCategory(valid))) throw conflict('Category does not exist');
    await this.repo.saveCategory(valid, this.normalise(savePath));
  }

  async remove(names: string[]): Promise<void> {
    await this.repo.removeCategories(names);
  }

  /** The folder a torrent of this category goes to; creates an unknown category (as qBittorrent does). */
  async folderFor(category: string): Promise<string> {
    if (!category) return this.defaultSavePath;
    const valid = validName(category);
    const existing = await this.repo.findCategory(valid);
    if (!existing) await this.repo.saveCategory(valid, null);
    return this.folderOf(valid, existing?.savePath ?? null);
  }

  async exists(category: string): Promise<boolean> {
    return category === '' || (await this.repo.findCategory(category)) !== null;
  }

  /** `savepath` of an add or a category: absolute, or relative to the download directory. */
  resolvePath(path: string): string {
    return isAbsolute(path) ? resolve(path) : resolve(this.defaultSavePath, path);
  }

  private normalise(savePath: string | undefined): string | null {
    return savePath && savePath.trim() ? this.resolvePath(savePath.trim()) : null;
  }

  private folderOf(name: string, savePath: string | null): string {
    return savePath ?? join(this.defaultSavePath, name);
  }
}

/** qBittorrent's rule: not empty, no leading or trailing `/`, no empty segment; ours: no `..`. */
function validName(name: string | undefined): string {
  const n = (name ?? '').trim();
  if (
    !n ||
    n.length > 255 ||
    n.startsWith('/') ||
    n.endsWith('/') ||
    n.includes('//') ||
    n.split('/').some((segment) => segment === '..' || segment === '.') ||
    n.includes('\\')
  )
    throw badRequest('Invalid category name');
  return n;
}
