// The gates `bva check` offers, as the command line shows them: one table for the flags and their
// help (program.ts), for telling which were given (commands/check.ts) and for the checks
// themselves (gates.ts). Kept apart from the checks so that building the command line loads no
// scoring code.

/** A gate as a flag. */
interface GateFlag {
  /** The flag that selects the gate. */
  readonly flag: string;
  /** The value the flag takes, as help shows it, when it takes one. */
  readonly argument?: string;
  /** The value is a whole number. */
  readonly whole?: true;
  /** Commander's name for the flag's option, to ask whether it was given. */
  readonly option: string;
  /** The gate's rule, for --help. */
  readonly help: string;
}

/** Every gate, in the order the summary names them. */
export const GATE_FLAGS = {
  'require-complete': { flag: '--require-complete', option: 'requireComplete', help: 'every indicator answered or not-applicable' },
  'require-actions': { flag: '--require-actions', option: 'requireActions', help: 'every red flag, and every characteristic at the lowest level, has an open action' },
  'no-overdue': { flag: '--no-overdue', option: 'overdue', help: 'no open action past its due date' },
  'min-level': { flag: '--min-level', argument: '<level>', option: 'minLevel', help: "every theme's characteristic level at least LEVEL" },
  'max-red': { flag: '--max-red', argument: '<n>', whole: true, option: 'maxRed', help: 'at most N themes rated red' },
  evidence: { flag: '--evidence', option: 'evidence', help: 'every evidence path exists and no evidence is past its review-by date' },
  'require-owners': { flag: '--require-owners', option: 'requireOwners', help: 'every open action has an owner and a due date' },
  'require-signoff': { flag: '--require-signoff', option: 'requireSignoff', help: 'every theme is signed off, and unchanged since (where the sign-off recorded a digest)' },
} as const satisfies Record<string, GateFlag>;

export type GateName = keyof typeof GATE_FLAGS;

/** The gates in table order. */
export const GATE_NAMES = Object.keys(GATE_FLAGS) as GateName[];

/**
 * The gates `bva check` applies when none is given: the action plan is sound. Every red flag and
 * every characteristic not in place has an open action, no action is overdue, and every open
 * action has an owner and a due date. Completeness, levels and sign-off are a council's choice.
 */
export const DEFAULT_GATES = ['require-actions', 'no-overdue', 'require-owners'] as const satisfies readonly GateName[];
