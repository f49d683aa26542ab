/**
 * Numbered schema migrations. Append only: never edit a migration that has shipped;
 * add the next number instead. Each domain keeps its SQL in its own file below.
 */
import { runsSchemaV1 } from './migrations/001_runs';
import { candleCacheSchemaV2 } from './migrations/002_candle_cache';
import { runTagsSchemaV3 } from './migrations/003_run_tags';
import { liveSchemaV10 } from './migrations/010_live';
import { liveRejectExamplesSchemaV11 } from './migrations/011_live_reject_examples';
import { liveFeedHolesSchemaV12 } from './migrations/012_live_feed_holes';
import { liveIgnoredCountsSchemaV13 } from './migrations/013_live_ignored_counts';
import { researchSchemaV20 } from './migrations/020_research';
import { researchCellMagnifierSchemaV21 } from './migrations/021_research_cell_magnifier';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'runs', sql: runsSchemaV1 },
  { version: 2, name: 'candle cache', sql: candleCacheSchemaV2 },
  { version: 3, name: 'run tags', sql: runTagsSchemaV3 },
  { version: 10, name: 'live', sql: liveSchemaV10 },
  { version: 11, name: 'live reject examples', sql: liveRejectExamplesSchemaV11 },
  { version: 12, name: 'live feed holes', sql: liveFeedHolesSchemaV12 },
  { version: 13, name: 'live ignored counts', sql: liveIgnoredCountsSchemaV13 },
  { version: 20, name: 'research', sql: researchSchemaV20 },
  { version: 21, name: 'research cell magnifier', sql: researchCellMagnifierSchemaV21 },
];
