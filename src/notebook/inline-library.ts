/**
 * Browser bundles carried inside notebook outputs, so that no page loads a script from a CDN:
 * the bundle is gzip-compressed and base64-encoded once per process, and a small script
 * decompresses it in the page (`DecompressionStream`), runs it with AMD `define` hidden (so the
 * bundle sets its global even where require.js is on the page) and then runs whatever waited for
 * it. plotly.js (charts.ts) and TensorFlow.js (playground.ts) come this way.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, InputError } from '../core/validate';

const compressed = new Map<string, string>();

function compressedFile(path: string): string {
  let text = compressed.get(path);
  if (text === undefined) {
    // Level 6 takes a third of level 9's time (about 0.4 s less per kernel) for 1% more bytes.
    text = gzipSync(readFileSync(path), { level: 6 }).toString('base64');
    compressed.set(path, text);
  }
  return text;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A script that loads the bundle at `path` into the page once, however many outputs carry it:
 * when `window[global]` is set it does nothing; otherwise it runs the bundle and then every
 * function queued in `window[queue]` (an output that needs the bundle pushes its code there
 * when `window[global]` is not there yet).
 * @throws InputError for a global or queue that is not a JavaScript identifier, or a path that
 *   does not exist.
 */
export function inlineLibraryHtml(global: string, queue: string, path: string): string {
  for (const [name, value] of [
    ['global', global],
    ['queue', queue],
  ] as const)
    if (typeof value !== 'string' || !IDENTIFIER.test(value))
      throw new InputError(`${name} must be a JavaScript identifier, got ${describe(value)}`);
  if (typeof path !== 'string' || !existsSync(path))
    throw new InputError(`path must name the bundle's file, got ${describe(path)}`);
  return `<script>(function () {
  if (window.${global} || window.${queue}Loading) return;
  window.${queue}Loading = true;
  var b64 = "${compressedFile(path)}";
  var bytes = Uint8Array.from(atob(b64), function (c) { return c.charCodeAt(0); });
  var text = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  new Response(text).text().then(function (source) {
    var define = window.define;
    window.define = undefined;
    var script = document.createElement("script");
    script.textContent = source;
    document.head.appendChild(script);
    window.define = define;
    (window.${queue} || []).forEach(function (run) { run(); });
    window.${queue} = [];
  });
})();</script>`;
}
