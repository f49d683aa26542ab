/**
 * Probability of Backtest Overfitting by combinatorially symmetric cross-validation
 * (Bailey, Borwein, López de Prado, Zhu 2015). Input: a T × N matrix of per-period
 * performance (rows = time periods such as daily returns, columns = the grid's parameter
 * combinations). The rows are cut into S contiguous blocks of near-equal size (sizes
 * differ by at most one row). Every way of choosing S/2 blocks is one split: those blocks
 * form the in-sample set, the other half the out-of-sample set (C(S, S/2) splits, 12,870
 * for S = 16). In each split the column with the best in-sample Sharpe ratio (mean / sample
 * standard deviation of its returns over those rows, not annualized) is "the winner";
 * its out-of-sample Sharpe is ranked among all N columns (rank 1 = worst, ties take
 * their average rank), giving a relative rank ω = rank / (N + 1) in (0, 1) and its logit
 * λ = ln(ω / (1 − ω)). λ ≤ 0 means the in-sample winner finished at or below the median
 * out of sample. PBO is the share of splits with λ ≤ 0: the chance that picking the
 * in-sample best picks a combination no better than a typical one. In-sample ties go to
 * the lowest column index, so the result is deterministic. Sums and sums of squares are
 * kept per block and column (centred on each column's mean for accuracy), so a split
 * costs O(N · S) rather than O(N · T).
 */

export interface PerformanceMatrix {
  readonly rows: number;
  readonly cols: number;
  /** Row-major: values[row * cols + col]. */
  readonly values: Float64Array;
}

export interface PboOptions {
  /** Even number of blocks S (default 16); lowered to keep at least two rows per block. */
  readonly blocks?: number;
}

export interface PboResult {
  /** Share of the splits whose in-sample winner ranked at or below the median out of sample. */
  readonly pbo: number;
  readonly splits: number;
  /** The number of blocks S used. */
  readonly blocks: number;
  /** λ of every split: a split, then its complement, in the order the splits were enumerated. */
  readonly logits: number[];
  /** Performance degradation: the winner's in-sample and out-of-sample Sharpe ratio per split. */
  readonly degradation: { readonly inSample: number[]; readonly outOfSample: number[] };
  /** Share of the splits whose in-sample winner has a negative out-of-sample Sharpe ratio. */
  readonly probabilityOfOosLoss: number;
  readonly meaning: string;
}

export const DEFAULT_PBO_BLOCKS = 16;
const MIN_ROWS_PER_BLOCK = 2;

export function probabilityOfBacktestOverfitting(matrix: PerformanceMatrix, options: PboOptions = {}): PboResult {
  const { rows: T, cols: N, values } = matrix;
  checkMatrix(matrix);
  const S = blockCount(T, options.blocks ?? DEFAULT_PBO_BLOCKS);
  const half = S / 2;
  const pre = precompute(values, T, N, S);
  const sum = new Float64Array(N);
  const sq = new Float64Array(N);
  const sharpeIn = new Float64Array(N);
  const sharpeOut = new Float64Array(N);
  const logits: number[] = [];
  const inSample: number[] = [];
  const outOfSample: number[] = [];
  let overfit = 0;
  let oosLosses = 0;
  const record = (isSharpe: Float64Array, oosSharpe: Float64Array): void => {
    const winner = argmax(isSharpe);
    const omega = averageRank(oosSharpe, winner) / (N + 1);
    const lambda = Math.log(omega / (1 - omega));
    logits.push(lambda);
    inSample.push(isSharpe[winner]);
    outOfSample.push(oosSharpe[winner]);
    if (lambda <= 0) overfit++;
    if (oosSharpe[winner] < 0) oosLosses++;
  };

  // Every split's complement is a split too: walk the halves that hold block 0 and judge
  // each one both ways (J in-sample, then J's complement), one pass of sums for two splits.
  const others = Array.from({ length: half - 1 }, (_, i) => i);
  for (;;) {
    sum.set(pre.blockSum.subarray(0, N));
    sq.set(pre.blockSq.subarray(0, N));
    let rows = pre.blockRows[0];
    for (const k of others) {
      const b = k + 1;
      rows += pre.blockRows[b];
      const o = b * N;
      for (let j = 0; j < N; j++) {
        sum[j] += pre.blockSum[o + j];
        sq[j] += pre.blockSq[o + j];
      }
    }
    for (let j = 0; j < N; j++) {
      sharpeIn[j] = sharpe(sum[j], sq[j], rows, pre.colMean[j]);
      sharpeOut[j] = sharpe(pre.totSum[j] - sum[j], pre.totSq[j] - sq[j], T - rows, pre.colMean[j]);
    }
    record(sharpeIn, sharpeOut);
    record(sharpeOut, sharpeIn);
    if (!nextCombination(others, S - 1)) break;
  }

  const splits = logits.length;
  const pbo = overfit / splits;
  return {
    pbo, splits, blocks: S, logits, degradation: { inSample, outOfSample },
    probabilityOfOosLoss: oosLosses / splits,
    meaning: meaningOf(pbo, splits),
  };
}

/** The blocks used for T rows when S were asked for: S itself, or the largest even number that leaves two rows per block. */
export function blockCount(rows: number, requested: number): number {
  if (!(Number.isInteger(requested) && requested >= 2 && requested % 2 === 0)) {
    throw new RangeError(`blocks must be an even whole number >= 2 (got ${requested})`);
  }
  const fit = 2 * Math.floor(rows / (2 * MIN_ROWS_PER_BLOCK));
  if (fit < 2) throw new RangeError(`PBO needs at least ${2 * MIN_ROWS_PER_BLOCK} periods (rows); the matrix has ${rows}`);
  return Math.min(requested, fit);
}

function checkMatrix(m: PerformanceMatrix): void {
  if (!Number.isInteger(m.rows) || !Number.isInteger(m.cols) || m.rows < 0 || m.cols < 0) {
    throw new RangeError(`performance matrix: rows and cols must be whole numbers (got ${m.rows} × ${m.cols})`);
  }
  if (m.cols < 2) throw new RangeError(`PBO compares combinations: the matrix needs at least 2 columns (got ${m.cols})`);
  if (m.values.length !== m.rows * m.cols) {
    throw new RangeError(`performance matrix: ${m.values.length} values for ${m.rows} rows × ${m.cols} cols (expected ${m.rows * m.cols})`);
  }
  for (let i = 0; i < m.values.length; i++) {
    if (!Number.isFinite(m.values[i])) {
      throw new RangeError(`performance matrix: row ${Math.floor(i / m.cols)}, column ${i % m.cols} is ${m.values[i]}, not a finite number`);
    }
  }
}

interface BlockSums {
  readonly colMean: Float64Array;
  /** [block * N + col]: Σ (x − colMean) and Σ (x − colMean)² over the block's rows. */
  readonly blockSum: Float64Array;
  readonly blockSq: Float64Array;
  readonly blockRows: Int32Array;
  readonly totSum: Float64Array;
  readonly totSq: Float64Array;
}

function precompute(values: Float64Array, T: number, N: number, S: number): BlockSums {
  const colMean = new Float64Array(N);
  for (let r = 0; r < T; r++) for (let j = 0; j < N; j++) colMean[j] += values[r * N + j];
  for (let j = 0; j < N; j++) colMean[j] /= T;
  const blockSum = new Float64Array(S * N);
  const blockSq = new Float64Array(S * N);
  const blockRows = new Int32Array(S);
  const totSum = new Float64Array(N);
  const totSq = new Float64Array(N);
  for (let b = 0; b < S; b++) {
    const from = Math.floor((b * T) / S);
    const to = Math.floor(((b + 1) * T) / S);
    blockRows[b] = to - from;
    const o = b * N;
    for (let r = from; r < to; r++) {
      for (let j = 0; j < N; j++) {
        const d = values[r * N + j] - colMean[j];
        blockSum[o + j] += d;
        blockSq[o + j] += d * d;
      }
    }
    for (let j = 0; j < N; j++) {
      totSum[j] += blockSum[o + j];
      totSq[j] += blockSq[o + j];
    }
  }
  return { colMean, blockSum, blockSq, blockRows, totSum, totSq };
}

/**
 * Sharpe ratio (mean / sample std) of n values from their sum and sum of squares about
 * `centre`. Constant values (std zero, or rounding noise next to the mean) give ±∞ by the
 * mean's sign and 0 for a mean of zero: a riskless gain ranks above every risky one.
 */
function sharpe(sum: number, sumSq: number, n: number, centre: number): number {
  const mean = centre + sum / n;
  const variance = Math.max(0, (sumSq - (sum * sum) / n) / (n - 1));
  const std = Math.sqrt(variance);
  if (std <= 1e-12 * Math.abs(mean) || std === 0) return mean > 0 ? Infinity : mean < 0 ? -Infinity : 0;
  return mean / std;
}

/** Index of the largest value; a tie keeps the lower index (all −∞ gives 0). */
function argmax(xs: Float64Array): number {
  let best = 0;
  for (let j = 1; j < xs.length; j++) if (xs[j] > xs[best]) best = j;
  return best;
}

/** Rank of xs[k] among xs (1 = smallest); tied values share their average rank. */
function averageRank(xs: Float64Array, k: number): number {
  const v = xs[k];
  let below = 0;
  let equal = 0;
  for (let j = 0; j < xs.length; j++) {
    if (xs[j] < v) below++;
    else if (xs[j] === v) equal++;
  }
  return below + (equal + 1) / 2;
}

/** Advances `c` (ascending indices into [0, n)) to the next combination in lexicographic order; false after the last. */
function nextCombination(c: number[], n: number): boolean {
  const k = c.length;
  let i = k - 1;
  while (i >= 0 && c[i] === n - k + i) i--;
  if (i < 0) return false;
  c[i]++;
  for (let j = i + 1; j < k; j++) c[j] = c[j - 1] + 1;
  return true;
}

function meaningOf(pbo: number, splits: number): string {
  const p = pbo.toFixed(2);
  const share = `${Math.round(pbo * 100)}%`;
  const of = `${splits.toLocaleString('en-US')} splits`;
  if (pbo >= 0.5) return `PBO ${p}: in ${share} of the ${of} the in-sample winner ranked at or below the median out of sample — the grid's best is likely luck.`;
  if (pbo >= 0.2) return `PBO ${p}: in ${share} of the ${of} the in-sample winner fell to the median or below out of sample — overfitting is a real risk; check the Deflated Sharpe.`;
  return `PBO ${p}: the in-sample winner stayed above the median out of sample in ${Math.round((1 - pbo) * 100)}% of the ${of} — little sign of overfitting.`;
}
