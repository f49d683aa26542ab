/** The interval table lives in src/shared/market/interval.ts; this path stays for existing importers. */
export * from '../../shared/market/interval';
