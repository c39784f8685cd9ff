import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A category of the qBittorrent-compatible client; Sonarr creates `tv-sonarr`, Radarr `radarr`. */
@Entity({ name: 'arr_categories' })
export class ArrCategoryEntity {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  name!: string;

  /** Absolute folder; null means `<arr.download_directory>/<name>`. */
  @Column({ name: 'save_path', type: 'varchar', length: 2000, nullable: true })
  savePath!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
