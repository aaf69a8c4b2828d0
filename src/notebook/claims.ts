/**
 * Claims checked in the lessons: each prints what it checked and the evidence, and throws when
 * the claim does not hold, so a headless run of the lessons fails loudly.
 */
import { InputError } from '../core/validate';

/** Thrown when a lesson's claim is contradicted by what was just computed. */
export class ClaimError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClaimError';
  }
}

/**
 * Checks one claim: prints "✔ statement (evidence)" or throws a ClaimError with both.
 * Used in lessons: 01, 02, 03, 04, 05, 06.
 */
export function claim(statement: string, holds: boolean, evidence: string): void {
  // A claim that prints nothing readable is no evidence: both texts must be non-empty strings.
  for (const [name, text] of [
    ['statement', statement],
    ['evidence', evidence],
  ] as const)
    if (typeof text !== 'string' || text.trim() === '')
      throw new InputError(
        `${name} must be a non-empty string, got ${typeof text}: ${String(text).slice(0, 40)}`,
      );
  // A number or a tensor here would pass whenever it is truthy: only a boolean may decide.
  if (typeof holds !== 'boolean')
    throw new InputError(
      `holds must be a boolean (the outcome of a comparison), ` +
        `got ${typeof holds}: ${String(holds).slice(0, 40)}`,
    );
  if (!holds) throw new ClaimError(`claim failed: ${statement} (${evidence})`);
  console.log(`✔ ${statement} (${evidence})`);
}
