/**
 * Waiting for a condition in tests: poll it until it holds, with a generous bound that only
 * matters when something is broken. Tests wait for what they need (a file, a process, a line),
 * never for a fixed time, so that a loaded machine makes them slower but not wrong.
 */

/**
 * Calls `probe` until it returns something other than `undefined`, `null` or `false`, and returns
 * that.
 * @param what names the condition in the timeout message.
 * @param probe the condition; may be async.
 * @param options `timeoutMs` (default 120 s) bounds the wait, `intervalMs` (default 100) paces it.
 * @throws Error "timed out after N s waiting for WHAT" when the bound passes first.
 */
export async function waitUntil<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}
