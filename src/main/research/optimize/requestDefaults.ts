/**
 * What an optimization or walk-forward request means where it says nothing: the optimizer,
 * the walk-forward and the app's grid editor (a fresh draft, a saved request read back)
 * take these from here. The objective's default is objective.ts's DEFAULT_OBJECTIVE.
 */
export const REQUEST_DEFAULTS: {
  readonly method: 'grid' | 'random';
  readonly samples: number;
  readonly seed: number;
  readonly minTrades: number;
  readonly topK: number;
  readonly mode: 'rolling' | 'anchored';
} = { method: 'grid', samples: 100, seed: 1, minTrades: 1, topK: 3, mode: 'rolling' };
