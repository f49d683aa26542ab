// Types of bin/cliBuild.mjs for the TypeScript that imports it (build config, tests).
export declare const BUILT_CLI: string;
export declare const SOURCE_CLI: string;
export type BuiltCliState = 'fresh' | 'missing' | 'stale';
export declare function builtCliState(root: string): BuiltCliState;
export interface CliChoice {
  readonly from: 'build' | 'source';
  readonly file: string;
  readonly hint: string | null;
}
export declare function chooseCli(root: string, forced?: string): CliChoice;
export declare function cliBuildStamp(): import('vite').Plugin;
