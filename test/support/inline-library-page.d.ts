/**
 * What the bundle loader that inlineLibraryHtml (src/notebook/inline-library.ts) writes may take
 * as given: the globals of the two bundles it loads (plotly.js's `Plotly` for charts.ts,
 * TensorFlow.js's `tf` for playground.ts), which it only tests for; each one's queue of code
 * waiting for it and the flag saying it is on its way; and require.js's `define`, which it hides
 * while the bundle runs. test/support/page-script.ts type-checks the loader with these as its
 * globals; the project's tsconfig leaves this file out, since none of it holds in Node.
 */
export {};

declare global {
  interface Window {
    define?: unknown;
    Plotly?: unknown;
    __multilabelPlotlyQueue?: (() => void)[];
    __multilabelPlotlyQueueLoading?: boolean;
    tf?: unknown;
    __multilabelTfQueue?: (() => void)[];
    __multilabelTfQueueLoading?: boolean;
  }
}
