/**
 * What the start-up script that playgroundHtml (src/notebook/playground.ts) writes after each
 * playground may take as given: the function the playground's page code, an earlier script of
 * the same output, defines; TensorFlow.js's global, which it only tests for; and the queue of
 * inline-library.ts's loader, where it waits when the bundle is not there yet.
 * test/support/page-script.ts type-checks the script with these as its globals; the project's
 * tsconfig leaves this file out, since none of it holds in Node.
 */
import type { PlaygroundPageSpec as Spec } from '../../src/notebook/playground';

declare global {
  /** The spec as the page gets it: playground.ts adds the bounds of the plane. */
  type PlaygroundPageSpec = Spec;

  interface Window {
    tf?: unknown;
    __multilabelTfQueue?: (() => void)[];
    /** Defined by src/notebook/playground-page.ts, which runs first. */
    __multilabelPlaygroundStart: (root: HTMLElement, spec: PlaygroundPageSpec) => Promise<unknown>;
  }
}
