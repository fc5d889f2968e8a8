/** Types for tests/unit/architecture.test.ts, which reads the layer map from eslint.config.mjs. */
export declare const LIB_IMPORTS: Record<string, string[]>;
declare const config: unknown[];
export default config;
