/**
 * What lesson 01's playground page (src/notebook/playground-page.ts) may take as given: the `tf`
 * global of TensorFlow.js's browser bundle (the installed version, whose types these are), the
 * spec the kernel writes into the page (playground.ts), and what the page gives the page's tests.
 * test/support/page-script.ts type-checks the page's code with these as its globals; the project's
 * tsconfig leaves this file out, since none of it holds in Node.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { PlaygroundPageSpec as PageSpec, WeightValues } from '../../src/notebook/playground';

// The bundle is a UMD module: its namespace is the page's global `tf` (values and types).
export * from '@tensorflow/tfjs';
export as namespace tf;

declare global {
  /** A network of the playground, by its outputs. */
  type PlaygroundKind = 'sigmoid' | 'softmax';

  /** The spec as the page gets it: playground.ts adds the bounds of the plane. */
  type PlaygroundPageSpec = PageSpec;

  /** Exact match per true combination `{a,b}` on the sample, as the page reports it. */
  type PlaygroundScores = Record<string, { rows: number; exactMatch: number }>;

  /** The page's report (its `data-report`): the epoch, and each network's scores. */
  type PlaygroundReport = { epoch: number } & Partial<Record<PlaygroundKind, PlaygroundScores>>;

  /** What the page exposes as `window.__playground`, for the page's tests. */
  interface PlaygroundApi {
    root: HTMLElement;
    spec: PlaygroundPageSpec;
    state(): string;
    epoch(): number;
    report(): PlaygroundReport;
    train(): Promise<void>;
    predictWith(kind: PlaygroundKind, weights: WeightValues[], points: number[][]): number[][];
  }

  interface Window {
    tf: typeof tfjs;
    __multilabelPlaygroundStart?: (
      root: HTMLElement,
      spec: PlaygroundPageSpec,
    ) => Promise<PlaygroundApi>;
    __playground?: PlaygroundApi;
  }
}
