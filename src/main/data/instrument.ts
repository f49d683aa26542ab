/** The instrument rules live in src/shared/market/instrument.ts; this path stays for existing importers. */
export * from '../../shared/market/instrument';
