/**
 * The kinds of parameter the library's exports take, and for each kind the bad values a caller
 * can pass by mistake (wrong type, NaN, Infinity, negative, non-integer, wrong shape, empty,
 * oversized, a misspelt option name). `test/unit/bad-input-properties.test.ts` draws them with
 * fast-check and passes each in place of one valid argument from `bad-input-table.ts`.
 */
import * as fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';

/** Where a parameter sits: an argument index, or a path into an argument (`[2, 'numEpochs']`). */
export type At = number | readonly [number, ...string[]];

interface Common {
  /** The word the InputError's message must contain: the parameter or option name. */
  name: string;
  at: At;
  /** Undefined is a valid value (an optional parameter or option). */
  optional?: boolean;
  /** Null is a valid value (scikit-learn's `average=None`). */
  nullable?: boolean;
}

export type Param = Common &
  /** `shaped`: its shape is tied to another argument's (rows, columns or both). */
  (
    | {
        kind: 'matrix';
        entries?: 'finite' | 'binary' | 'probability';
        shaped?: boolean | 'rows' | 'cols';
      }
    | { kind: 'list'; entries?: 'finite' | 'binary' | 'probability'; shaped?: boolean }
    | { kind: 'int'; min: number; max?: number }
    /** `infinite`: ±Infinity is a valid value (a count shown as "∞", a t statistic). */
    | { kind: 'number'; min?: number; max?: number; above?: number; infinite?: boolean }
    /** `empty`: the empty string is a valid value (a text shown as it is). */
    | { kind: 'string'; oneOf?: readonly string[]; empty?: boolean }
    | { kind: 'function' | 'object' | 'boolean' | 'model' }
    | { kind: 'array'; min?: number }
    /** `names`: the option names (default: the valid options' own keys). */
    | { kind: 'options'; names?: readonly string[] }
    | { kind: 'tensor'; rank?: number; orRows?: boolean }
  );

/** A bad value: what it is (for the failure message) and how to make it from the valid one. */
export interface Bad {
  what: string;
  make(valid: unknown): unknown;
  /** The word the message must contain instead of the parameter's name (a misspelt option). */
  names?: string;
}

/**
 * A parameter's bad values: `fixed` ones, every one of which is tried, and `drawn` ones (a bad
 * entry at a random position, a number just out of range) that fast-check draws.
 */
export interface Bads {
  fixed: Bad[];
  drawn: fc.Arbitrary<Bad>[];
}

const constant = (what: string, value: unknown): Bad => ({ what, make: () => value });

/** Values of the wrong type for any parameter; `keep` drops the ones the kind accepts. */
function wrongTypes(p: Param, keep: (v: unknown) => boolean): Bad[] {
  const all: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ["the string 'x'", 'x'],
    ['42', 42],
    ['an empty object', {}],
    ['true', true],
    ['[[1]]', [[1]]],
  ];
  return all
    .filter(([, v]) => keep(v) && !(v === undefined && p.optional) && !(v === null && p.nullable))
    .map(([what, v]) => constant(what, v));
}

const rowsOf = (valid: unknown) => valid as number[][];
const copyRows = (valid: unknown) => rowsOf(valid).map((row) => [...row]);

/** Bad matrices: not rows, empty, ragged, a bad entry at a drawn position, another shape. */
function badMatrices(p: Param & { kind: 'matrix' }): Bads {
  const entries: [string, unknown][] = [
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ["the string '1'", '1'],
    ['null', null],
  ];
  if (p.entries === 'binary') entries.push(['2', 2], ['0.5', 0.5], ['-1', -1]);
  if (p.entries === 'probability') entries.push(['1.5', 1.5], ['-0.1', -0.1]);
  const entry = fc
    .tuple(fc.nat(), fc.nat(), fc.constantFrom(...entries))
    .map(([i, j, [what, v]]): Bad => ({
      what: `${what} at a drawn entry`,
      make: (valid) => {
        const rows = copyRows(valid);
        const r = i % rows.length;
        rows[r][j % rows[r].length] = v as number;
        return rows;
      },
    }));
  const fixed: Bad[] = [
    ...wrongTypes(p, (v) => !Array.isArray(v)),
    constant('an empty array', []),
    constant('one empty row', [[]]),
    constant('a flat array', [1, 0]),
    {
      what: 'a ragged matrix',
      make: (valid) => {
        const rows = copyRows(valid);
        rows.push([...rows[0], ...rows[0]]);
        return rows;
      },
    },
  ];
  if (p.shaped === true || p.shaped === 'cols')
    fixed.push({
      what: 'one column more',
      make: (valid) => copyRows(valid).map((row) => [...row, 0]),
    });
  if (p.shaped === true || p.shaped === 'rows')
    fixed.push({
      what: 'one row more',
      make: (valid) => [...copyRows(valid), copyRows(valid)[0]],
    });
  return { fixed, drawn: [entry] };
}

/** Bad lists: not a list, empty, a bad entry at a drawn position, another length. */
function badLists(p: Param & { kind: 'list' }): Bads {
  const entries: [string, unknown][] = [
    ['NaN', NaN],
    ['Infinity', Infinity],
    ["the string '1'", '1'],
    ['null', null],
  ];
  if (p.entries === 'binary') entries.push(['2', 2], ['0.5', 0.5]);
  if (p.entries === 'probability') entries.push(['1.5', 1.5], ['-0.1', -0.1]);
  const entry = fc.tuple(fc.nat(), fc.constantFrom(...entries)).map(([i, [what, v]]): Bad => ({
    what: `${what} at a drawn entry`,
    make: (valid) => {
      const list = [...(valid as number[])];
      list[i % list.length] = v as number;
      return list;
    },
  }));
  const fixed: Bad[] = [
    ...wrongTypes(p, (v) => !Array.isArray(v)),
    constant('an empty array', []),
    constant('a nested array', [[1], [0]]),
  ];
  if (p.shaped)
    fixed.push({ what: 'one entry more', make: (valid) => [...(valid as number[]), 0] });
  return { fixed, drawn: [entry] };
}

function badNumbers(p: Param & { kind: 'int' | 'number' }): Bads {
  const fixed: Bad[] = [
    ...wrongTypes(p, (v) => typeof v !== 'number'),
    constant('NaN', NaN),
    constant("the string '1'", '1'),
  ];
  if (!(p.kind === 'number' && p.infinite))
    fixed.push(constant('Infinity', Infinity), constant('-Infinity', -Infinity));
  const drawn: fc.Arbitrary<Bad>[] = [];
  const min = p.kind === 'number' ? (p.above ?? p.min) : p.min;
  if (min !== undefined) {
    if (p.kind === 'number' && p.above !== undefined) fixed.push(constant(`${min}`, min));
    drawn.push(
      fc
        .double({ min: -1e9, max: min, maxExcluded: true, noNaN: true })
        .filter((v) => v < min)
        .map((v) => constant(`${v} (below ${min})`, v)),
    );
  }
  if (p.max !== undefined) {
    const max = p.max;
    drawn.push(
      fc
        .double({ min: max, max: 1e12, minExcluded: true, noNaN: true })
        .filter((v) => v > max)
        .map((v) => constant(`${v} (above ${max})`, v)),
    );
  }
  if (p.kind === 'int') {
    const top = Math.max(p.max ?? p.min + 1000, p.min + 1);
    drawn.push(
      fc
        .double({ min: p.min, max: top, noNaN: true })
        .filter((v) => !Number.isInteger(v))
        .map((v) => constant(`${v} (not an integer)`, v)),
    );
  }
  return { fixed, drawn };
}

/** Misspellings of option names, as a caller types them: a letter dropped, snake_case, case. */
export function misspellings(name: string): string[] {
  const snake = name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return [
    name.slice(0, -1),
    name + 's',
    name.toLowerCase() === name ? name.toUpperCase() : name.toLowerCase(),
    snake === name ? `${name}_` : snake,
  ].filter((m) => m !== name && m.length > 0);
}

function badOptions(p: Param & { kind: 'options' }, sample: unknown): Bads {
  const names = p.names ?? Object.keys(sample as object);
  const fixed: Bad[] = [
    ...wrongTypes(p, (v) => typeof v !== 'object' || v === null || Array.isArray(v)),
    constant('an array', []),
  ];
  for (const key of names.flatMap(misspellings).filter((m) => !names.includes(m)))
    fixed.push({
      what: `options with the misspelt name ${key}`,
      names: key,
      make: (valid) => ({
        ...(valid as object),
        [key]: (valid as Record<string, unknown> | undefined)?.[names[0]] ?? 1,
      }),
    });
  return { fixed, drawn: [] };
}

function badTensors(p: Param & { kind: 'tensor' }): Bads {
  const fixed: Bad[] = [
    ...wrongTypes(p, (v) => !(p.orRows && Array.isArray(v))),
    {
      what: 'a disposed tensor',
      make: (valid) => {
        const t = (valid as tf.Tensor).clone();
        t.dispose();
        return t;
      },
    },
  ];
  if (p.rank !== undefined)
    fixed.push({
      what: 'a tensor of another rank',
      make: (valid) => (p.rank === 1 ? tf.zeros([2, 2]) : (valid as tf.Tensor).flatten()),
    });
  return { fixed, drawn: [] };
}

/** The bad values of a parameter of this kind: every fixed one, and those fast-check draws. */
export function badValues(p: Param, sample: unknown): Bads {
  switch (p.kind) {
    case 'matrix':
      return badMatrices(p);
    case 'list':
      return badLists(p);
    case 'int':
    case 'number':
      return badNumbers(p);
    case 'string': {
      const fixed = wrongTypes(p, (v) => typeof v !== 'string');
      if (p.oneOf) {
        fixed.push(constant("the string 'nope'", 'nope'));
        fixed.push(
          ...p.oneOf
            .flatMap(misspellings)
            .filter((m) => !p.oneOf!.includes(m))
            .map((m) => constant(`'${m}'`, m)),
        );
      } else if (!p.empty) fixed.push(constant('an empty string', ''));
      return { fixed, drawn: [] };
    }
    case 'function':
      return { fixed: wrongTypes(p, (v) => typeof v !== 'function'), drawn: [] };
    case 'boolean':
      return {
        fixed: [...wrongTypes(p, (v) => typeof v !== 'boolean'), constant('1', 1)],
        drawn: [],
      };
    case 'object':
    case 'model':
      return {
        fixed: [
          ...wrongTypes(p, (v) => typeof v !== 'object' || v === null || Array.isArray(v)),
          ...(p.kind === 'model' ? [constant('an empty object', {})] : []),
        ],
        drawn: [],
      };
    case 'array':
      return {
        fixed: [
          ...wrongTypes(p, (v) => !Array.isArray(v)),
          ...((p.min ?? 0) > 0 ? [constant('an empty array', [])] : []),
        ],
        drawn: [],
      };
    case 'options':
      return badOptions(p, sample);
    case 'tensor':
      return badTensors(p);
  }
}
