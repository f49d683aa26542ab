/**
 * The simulated exchange's public types. One broker implementation serves the
 * backtester and paper trading; strategies see only OrderApi.
 */

import { DEFAULT_BROKER_SETTINGS } from '../../shared/brokerDefaults';

export type Side = 'long' | 'short';
export type OrderType = 'market' | 'limit' | 'stop';

/**
 * A protective level: an absolute price, or a distance from the fill price in percent
 * (`{ percent: 2 }` = 2 %: a long's stop-loss at fill * 0.98, its take-profit at fill * 1.02).
 */
export type Level = { readonly price: number } | { readonly percent: number };

export interface OrderRequest {
  /** Fraction of current equity to commit (0 < f <= 1). Default: 1 (all equity), as backtesting.py sizes. */
  readonly fraction?: number;
  /** Fixed quantity in base units (overrides fraction). Rounded down to the quantity step. */
  readonly quantity?: number;
  /** Limit price: buy fills at or below, sell at or above. */
  readonly limit?: number;
  /** Stop (trigger) price: buy triggers at or above, sell at or below; fills as market from there. */
  readonly stop?: number;
  readonly stopLoss?: Level;
  readonly takeProfit?: Level;
  readonly tag?: string;
}

export interface PositionView {
  /** Signed quantity: > 0 long, < 0 short, 0 flat. */
  readonly size: number;
  /** Average entry price of the open position (NaN when flat). */
  readonly entryPrice: number;
}

export interface OrderApi {
  buy(req?: OrderRequest): void;
  sell(req?: OrderRequest): void;
  /** Close the whole position at the next fill opportunity. */
  closePosition(): void;
  cancelPending(): void;
  readonly position: PositionView;
  readonly cash: number;
  readonly equity: number;
}

export type ExitReason = 'signal' | 'stop_loss' | 'take_profit' | 'end_of_data' | 'reversal';

export interface Trade {
  readonly side: Side;
  /** Unsigned quantity. */
  readonly size: number;
  readonly entryBar: number;
  readonly exitBar: number;
  readonly entryTime: number;
  readonly exitTime: number;
  readonly entryPrice: number;
  readonly exitPrice: number;
  /** Net of both commissions. */
  readonly pnl: number;
  /** Return as a fraction, net of commissions, relative to entry notional (backtesting.py's ReturnPct). */
  readonly returnPct: number;
  /** Entry plus exit commission. */
  readonly commission: number;
  readonly exitReason: ExitReason;
  readonly tag?: string;
}

/** What the broker did, as it happened: paper trading publishes these as signals. */
export type BrokerEvent = FillEvent | TradeClosedEvent | OrderRejectedEvent;

/** Why a fill happened: the kind of order, or the protective level that triggered. */
export type FillKind = OrderType | 'close' | 'stop_loss' | 'take_profit' | 'end_of_data';

export interface FillEvent {
  readonly type: 'fill';
  readonly bar: number;
  readonly time: number;
  readonly action: 'buy' | 'sell';
  readonly kind: FillKind;
  /** Unsigned quantity filled. */
  readonly quantity: number;
  /** Fill price after slippage. */
  readonly price: number;
  readonly commission: number;
  /** Signed position size after this fill. */
  readonly positionAfter: number;
  readonly tag?: string;
}

export interface TradeClosedEvent {
  readonly type: 'trade_closed';
  readonly bar: number;
  readonly time: number;
  readonly trade: Trade;
}

export interface OrderRejectedEvent {
  readonly type: 'order_rejected';
  readonly bar: number;
  readonly time: number;
  readonly action: 'buy' | 'sell';
  readonly reason: string;
  readonly tag?: string;
}

export interface BrokerConfig {
  readonly cash: number;
  /** Fraction of notional charged on every fill, e.g. 0.001 = 10 bp. */
  readonly commission: number;
  /** Adverse price shift on market and stop fills, in basis points. */
  readonly slippageBps: number;
  /** Quantity increment: 1 = whole units, 1e-8 = satoshis. */
  readonly qtyStep: number;
  /** Orders whose notional is below this are rejected. */
  readonly minNotional: number;
  /** Fill market orders at the signal bar's close instead of the next bar's open. */
  readonly tradeOnClose: boolean;
}

/** The one set of defaults every door uses (src/shared/brokerDefaults.ts): the engine has no copy of its own. */
export const defaultBrokerConfig: BrokerConfig = DEFAULT_BROKER_SETTINGS;
