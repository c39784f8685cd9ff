import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SiteId } from '@aniworld/contracts';

/** One series of a site's A–Z list, with what the Torznab title resolution needs to know. */
@Entity({ name: 'arr_catalogue' })
export class CatalogueEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  site!: SiteId;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  key!: string;

  @Column({ type: 'varchar', length: 500 })
  title!: string;

  @Column({ name: 'alt_titles', type: 'simple-json' })
  altTitles!: string[];

  /** From the series page (`tt…`), once the series has been looked at. */
  @Column({ name: 'imdb_id', type: 'varchar', length: 16, nullable: true })
  imdbId!: string | null;

  /** Learned from a search that carried both a title and a tvdbid (there is no TVDB lookup). */
  @Column({ name: 'tvdb_id', type: 'integer', nullable: true })
  tvdbId!: number | null;

  /** When the A–Z list last listed it. */
  @Column({ name: 'listed_at', type: Date })
  listedAt!: Date;

  /** When its seasons and episodes were last read (arr_episodes); null: never. */
  @Column({ name: 'episodes_checked_at', type: Date, nullable: true })
  episodesCheckedAt!: Date | null;
}
