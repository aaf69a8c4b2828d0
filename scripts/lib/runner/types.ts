/** What the lesson runner is asked to do, what it plans, and what it reports. */

export interface RunnerOptions {
  /** Notebook name prefixes to run ("01"); all when empty. */
  only: string[];
  bail: boolean;
  /** Seconds one cell may take. */
  cellTimeout: number;
  /**
   * Notebooks run at once, never more than there are runs. Default 1 for callers that time
   * lessons one by one; `parseRunnerArgs` (the CLI) defaults to the number of cores.
   */
  jobs?: number;
  /**
   * Seeds to run every notebook at, through `LESSON_SEED`; each seed's executed copies go to
   * `outDir/seed-N/`. Empty or absent: the lessons' own seeds, copies in `outDir`.
   */
  seeds?: number[];
  /** Runs each notebook with no network: a network namespace with only loopback (`unshare`). */
  offline?: boolean;
  notebooksDir: string;
  outDir: string;
  /** Extra environment for the kernel (e.g. TFJS_BACKEND). */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

/** One execution of one notebook: what `runPlanned` runs. */
export interface PlannedRun {
  /** The source notebook. */
  path: string;
  /** Its name without `.ipynb`. */
  notebook: string;
  /** How its lines name it: the notebook, and the seed when one is set. */
  label: string;
  /** The `LESSON_SEED` given to the kernel, if any. */
  seed?: number;
  /** Where the executed copy goes. */
  output: string;
  offline: boolean;
  /** Environment for the executor and kernel; an `undefined` value removes the variable. */
  env: Record<string, string | undefined>;
}

export interface NotebookResult {
  notebook: string;
  label: string;
  seed?: number;
  ok: boolean;
  /** Stopped by --bail before it could finish (another notebook failed); not counted as failed. */
  stopped?: boolean;
  /** Code cells in the notebook. */
  cells: number;
  seconds: number;
  kernelSeconds?: number;
  /** How many starts the kernel took: more than 1 when one died before answering. */
  kernelStarts?: number;
  /** Process id of the notebook's kernel, once it started. */
  kernelPid?: number;
  cellSeconds: number[];
  /** `cell` is the 1-based number of the code cell (0: before the first cell). */
  failure?: { cell: number; reason: string };
  /** Where the executed copy goes. */
  output: string;
  /** Whether the executed copy was written (also on failure; not for an unreadable notebook). */
  written: boolean;
}

export interface RunSummary {
  /** Every run that started, in plan (lesson) order. */
  results: NotebookResult[];
  /** The runs that failed (stopped ones not included). */
  failures: NotebookResult[];
  /** The runs --bail stopped. */
  stopped: NotebookResult[];
  /** Runs that never started (after --bail or a signal). */
  notRun: number;
  /** Notebooks that ran at once. */
  jobs: number;
  seconds: number;
  /** The signal that stopped the run early, if one did. */
  interrupted?: NodeJS.Signals;
}
