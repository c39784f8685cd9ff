import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last resolved stream of an episode in one language (docs/strm.md, "Resolved-URL cache"):
 * used to start playback while `freshUntil` lies ahead, and by the segments of a playback in
 * progress as long as the hoster keeps answering. `resolutionId` names this resolution in the
 * proxy URLs signed from it, so a request can tell whether it was re-resolved since.
 */
@Entity({ name: 'strm_streams' })
export class StrmStreamEntity {
  /** `<site>/<key>/<season>/<episode>/<language>` (key percent-encoded). */
  @PrimaryColumn({ name: 'episode_id', type: 'varchar', length: 300 })
  episodeId!: string;

  @Column({ name: 'resolution_id', type: 'varchar', length: 32 })
  resolutionId!: string;

  @Column({ type: 'varchar', length: 32 })
  hoster!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: 'hls' | 'mp4';

  @Column({ type: 'varchar', length: 4000 })
  url!: string;

  /** What the hoster wants on every media request (User-Agent, Referer, Origin). */
  @Column({ type: 'simple-json' })
  headers!: Record<string, string>;

  @Column({ name: 'resolved_at', type: Date })
  resolvedAt!: Date;

  @Column({ name: 'fresh_until', type: Date })
  freshUntil!: Date;
}
