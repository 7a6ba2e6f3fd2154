/**
 * The emulation rule's vocabulary, apart from the verdict logic (machines/emulation.ts): the plan
 * settings schema needs only this, and so the board's bundle carries only this.
 */
export const EMULATION_VERDICTS = ['eligible', 'eligibleWithNote', 'notEligible'] as const;
export type EmulationVerdict = (typeof EMULATION_VERDICTS)[number];

export interface EmulationRule {
  /** What a task done after its deadline costs the owning unit. */
  late: EmulationVerdict;
}
