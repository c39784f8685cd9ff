import { Injectable } from '@nestjs/common';
import type { ReleaseMode } from '@aniworld/release';
import { ConfigService } from '../../config/config.service';
import { offeredModes } from './strm-variants';

/** The indexer's settings, read live from the configuration (a regenerated key applies at once). */
@Injectable()
export class TorznabSettings {
  constructor(private readonly config: ConfigService) {}

  /** `arr.api_key` / `ARR_API_KEY`, generated at first start. */
  get apiKey(): string {
    return this.config.arrApiKey;
  }

  /** `arr.torznab.search_budget_ms` / `TORZNAB_SEARCH_BUDGET_MS`. */
  get searchBudgetMs(): number {
    return this.config.config.arr.torznab.search_budget_ms;
  }

  /** Release modes each episode is offered in, from `arr.strm.mode` / `STRM_MODE`. */
  get modes(): readonly ReleaseMode[] {
    return offeredModes(this.config.config.arr.strm.mode);
  }
}
