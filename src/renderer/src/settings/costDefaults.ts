/**
 * The user's default trading costs (commission, slippage, quantity step), kept in this
 * browser's localStorage over the one set of broker defaults (src/shared/brokerDefaults.ts)
 * and checked by the API's own broker schema. The backtest form may start from
 * `userCostDefaults()`; nothing else reads it, so a run's costs are always the form's.
 */
import { DEFAULT_BROKER_SETTINGS } from '../../../shared/brokerDefaults';
import { brokerSettingsSchema } from '../../../shared/apiSchemas';

export interface CostDefaults {
  /** Fraction of notional per fill (0.001 = 0.1%). */
  commission: number;
  slippageBps: number;
  qtyStep: number;
}

export const COST_DEFAULTS_KEY = 'cryptota.costDefaults.v1';

const costSchema = brokerSettingsSchema.pick({ commission: true, slippageBps: true, qtyStep: true }).required();

/** The stored defaults, or the built-in ones where nothing valid is stored. */
export function userCostDefaults(): CostDefaults {
  const builtIn: CostDefaults = { commission: DEFAULT_BROKER_SETTINGS.commission, slippageBps: DEFAULT_BROKER_SETTINGS.slippageBps, qtyStep: DEFAULT_BROKER_SETTINGS.qtyStep };
  try {
    const parsed = costSchema.safeParse(JSON.parse(localStorage.getItem(COST_DEFAULTS_KEY) ?? 'null'));
    return parsed.success ? parsed.data : builtIn;
  } catch {
    return builtIn;
  }
}

/** Checks and stores; returns the problem per field (by the API's rule) instead when a value is wrong. */
export function saveCostDefaults(c: CostDefaults): { ok: true } | { errors: Partial<Record<keyof CostDefaults, string>> } {
  const parsed = costSchema.safeParse(c);
  if (!parsed.success) {
    const errors: Partial<Record<keyof CostDefaults, string>> = {};
    for (const i of parsed.error.issues) errors[i.path[0] as keyof CostDefaults] ??= i.message;
    return { errors };
  }
  try {
    localStorage.setItem(COST_DEFAULTS_KEY, JSON.stringify(parsed.data));
  } catch {
    // Storage blocked: the defaults hold for this visit only.
  }
  return { ok: true };
}

export function resetCostDefaults(): void {
  try {
    localStorage.removeItem(COST_DEFAULTS_KEY);
  } catch {
    // nothing stored
  }
}
