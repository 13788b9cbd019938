// The flags of `bva answer FILE [TARGET]`, one table for commander's wiring and for the command's
// rule that a flag is given only for the kind of target it belongs to. Flags are named after the
// keys of the answers file they set (`--done-on` sets `done-on`), a date is always `--<what>-on`
// or the key's own name, and `--clear FIELD` is the one way to remove a value.

/** What TARGET names: nothing (the file itself), a theme, an indicator, or an action (INDICATOR#N). */
export type TargetKind = 'file' | 'theme' | 'indicator' | 'action';

/** How each kind of target is written, for help and for messages. */
export const TARGET_KINDS: Record<TargetKind, { readonly heading: string; readonly named: string }> = {
  indicator: { heading: 'An indicator (TARGET an indicator id, like lead.c3):', named: 'an indicator (TARGET an indicator id, like lead.c3)' },
  action: { heading: "An action (TARGET INDICATOR#N, the indicator's Nth action, like lead.c6#2):", named: 'an action (TARGET INDICATOR#N, like lead.c6#2)' },
  theme: { heading: 'A theme (TARGET a theme id, like leadership):', named: 'a theme (TARGET a theme id, like leadership)' },
  file: { heading: 'The file itself (no TARGET), and its committee paper:', named: 'the file itself (no TARGET)' },
};

export interface AnswerFlag {
  /** As typed, with its argument: `--rating <word>`. */
  readonly flags: string;
  readonly help: string;
  /** The kinds of target it applies to. */
  readonly kinds: readonly TargetKind[];
  /** Given more than once, each adds to a list. */
  readonly repeat?: true;
  /** Its value is a date, YYYY-MM-DD. */
  readonly date?: true;
  /** Its value is a place in a list, 1 or more. */
  readonly place?: true;
  /** The only values it takes. */
  readonly choices?: readonly string[];
}

const I = ['indicator'] as const;
const A = ['action'] as const;
const T = ['theme'] as const;
const F = ['file'] as const;

/** Every flag, by commander's option name, in the order help lists them. */
export const ANSWER_FLAGS = {
  rating: { flags: '--rating <word>', help: "a word of the indicator's scale", kinds: I },
  notApplicable: { flags: '--not-applicable <reason>', help: 'mark it not applicable, saying why', kinds: I },
  target: { flags: '--target <word>', help: 'the level aimed for by the next review', kinds: I },
  commentary: { flags: '--commentary <text>', help: 'replace the commentary', kinds: I },
  evidence: { flags: '--evidence <text>', help: 'add an evidence line (repeatable)', kinds: I, repeat: true },
  replaceEvidence: { flags: '--replace-evidence <n=text>', help: "replace the Nth evidence entry's text (repeatable)", kinds: I, repeat: true },
  removeEvidence: { flags: '--remove-evidence <n>', help: 'remove the Nth evidence entry (repeatable)', kinds: I, repeat: true, place: true },
  action: { flags: '--action <text>', help: "add an action (with --owner, --due); for an action, change its text", kinds: ['indicator', 'action'] },
  owner: { flags: '--owner <name>', help: "the action's owner", kinds: ['indicator', 'action'] },
  due: { flags: '--due <date>', help: "the action's due date", kinds: ['indicator', 'action'], date: true },
  done: { flags: '--done', help: 'mark the action done, today or on --done-on', kinds: A },
  doneOn: { flags: '--done-on <date>', help: 'the day it was done (marks it done)', kinds: A, date: true },
  reopen: { flags: '--reopen', help: 'open a done action again', kinds: A },
  progress: { flags: '--progress <note>', help: 'add a progress note, dated today or --progress-on', kinds: A },
  progressOn: { flags: '--progress-on <date>', help: "the progress note's date", kinds: A, date: true },
  remove: { flags: '--remove', help: 'remove the action from the plan', kinds: A },
  summary: { flags: '--summary <text>', help: "replace the theme's summary", kinds: T },
  assessedBy: { flags: '--assessed-by <name>', help: 'who assessed the theme (on today, or --assessed-on)', kinds: T },
  assessedOn: { flags: '--assessed-on <date>', help: 'when it was assessed', kinds: T, date: true },
  moderatedBy: { flags: '--moderated-by <name>', help: 'who moderated it (on today, or --moderated-on)', kinds: T },
  moderatedOn: { flags: '--moderated-on <date>', help: 'when it was moderated', kinds: T, date: true },
  signedOffBy: { flags: '--signed-off-by <name>', help: 'who signed it off (on today, or --signed-off-on)', kinds: T },
  signedOffOn: { flags: '--signed-off-on <date>', help: 'when it was signed off', kinds: T, date: true },
  authority: { flags: '--authority <name>', help: "the council's name", kinds: F },
  period: { flags: '--period <yyyy-yy>', help: 'the period assessed, like 2025-26', kinds: F },
  assessmentDate: { flags: '--assessment-date <date>', help: 'when the assessment was made', kinds: F, date: true },
  participant: { flags: '--participant <name>', help: 'add who took part, as "Name (Role)" or a name (repeatable)', kinds: F, repeat: true },
  removeParticipant: { flags: '--remove-participant <name|n>', help: 'remove a participant, by name or place (repeatable)', kinds: F, repeat: true },
  paperTitle: { flags: '--paper-title <text>', help: "the committee paper's title", kinds: F },
  meeting: { flags: '--meeting <name>', help: 'the meeting it goes to', kinds: F },
  meetingDate: { flags: '--meeting-date <date>', help: "the meeting's date", kinds: F, date: true },
  author: { flags: '--author <text>', help: "the paper's author: name and job title", kinds: F },
  contact: { flags: '--contact <text>', help: "the author's email or telephone", kinds: F },
  paperVersion: { flags: '--paper-version <text>', help: "the paper's version", kinds: F },
  paperStatus: { flags: '--paper-status <status>', help: 'draft or final', kinds: F, choices: ['draft', 'final'] },
  purpose: { flags: '--purpose <text>', help: 'why the paper goes to the meeting', kinds: F },
  narrative: { flags: '--narrative <text>', help: "the council's overall narrative", kinds: F },
  recommendation: { flags: '--recommendation <text>', help: 'add a recommendation (repeatable)', kinds: F, repeat: true },
  removeRecommendation: { flags: '--remove-recommendation <n>', help: 'remove the Nth recommendation (repeatable)', kinds: F, repeat: true, place: true },
  clear: { flags: '--clear <field>', help: 'remove a value (repeatable): see the fields below', kinds: ['file', 'theme', 'indicator', 'action'], repeat: true },
} as const satisfies Record<string, AnswerFlag>;

export type AnswerFlagName = keyof typeof ANSWER_FLAGS;

/** The fields `--clear` removes, for each kind of target: a field is named as its flag is. */
export const CLEARABLE: Record<TargetKind, readonly string[]> = {
  indicator: ['rating', 'target', 'commentary'],
  action: ['owner', 'due', 'done-on'],
  theme: ['summary', 'assessed', 'moderated', 'signed-off'],
  file: ['assessment-date', 'participants', 'paper-title', 'meeting', 'meeting-date', 'author', 'contact', 'paper-version', 'paper-status', 'purpose', 'narrative', 'recommendations'],
};

/** The flag as typed, without its argument: `--rating`. */
export const flagName = (name: AnswerFlagName): string => ANSWER_FLAGS[name].flags.split(' ')[0]!;
