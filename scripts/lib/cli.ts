/**
 * The one command-line parser of the project's scripts: `node:util`'s `parseArgs` in strict mode
 * (unknown options and missing values refused), with every error ending in the script's usage.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** The options a script takes, as `parseArgs` describes them. */
export type CliOptions = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `argv` against `options`; positionals (and everything after `--`) are returned in
 * order when `positionals` is true, refused otherwise.
 * @throws Error naming the bad argument, ending with `(usage)`.
 */
export function parseCommandLine<O extends CliOptions>(
  argv: readonly string[],
  options: O,
  usage: string,
  positionals = false,
) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: positionals });
  } catch (error) {
    // parseArgs says e.g. "Unknown option '--timout'. To specify a positional argument ...":
    // the first sentence is the point.
    const message = (error as Error).message.split('. ')[0].replace(/\.$/, '');
    throw new Error(`${message} (${usage})`, { cause: error });
  }
}

/**
 * A whole number in [min, max] from a command-line or environment value; `unit` names what it
 * counts in the message (" of seconds").
 * @throws Error naming `name`, the range and the text given.
 */
export function wholeNumber(
  name: string,
  text: string,
  min = 1,
  max = Number.MAX_SAFE_INTEGER,
  unit = '',
) {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    const range =
      max !== Number.MAX_SAFE_INTEGER
        ? `a whole number${unit} from ${min} to ${max}`
        : min === 1
          ? `a positive whole number${unit}`
          : `a whole number${unit} >= ${min}`;
    throw new Error(`${name} must be ${range}, got ${JSON.stringify(text)}`);
  }
  return n;
}
