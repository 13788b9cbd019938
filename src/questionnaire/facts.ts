// The questions about a theme as a whole (its summary, and who assessed, moderated and signed it
// off, when) and about the assessment itself (the council, the period, the assessment date, who
// took part, the committee paper). Each change is saved as soon as it is given, through the same
// changes `bva answer` makes. Esc or Back leaves a list for the one it came from.
import { assuranceChanges, fileChanges, themeChanges, type PaperField } from '../answers/changes.js';
import type { Change } from '../answers/edit.js';
import { ASSURANCE_STEPS, parseParticipant, participantLabel, type AssuranceStepName } from '../answers/model.js';
import type { Theme } from '../catalogue/model.js';
import { terminalLine } from '../render/escape.js';
import { isPeriod } from '../source/dates.js';
import { askValue, dateCheck, orBack, textLimit } from './ask.js';
import type { SittingApi } from './flow.js';
import { factsScreen, themeFactsScreen } from './screen.js';

/** How each assurance step reads in a sentence and on a choice. */
const STEPS: Record<AssuranceStepName, { readonly label: string; readonly who: string }> = {
  assessed: { label: 'Assessed', who: 'Who assessed' },
  moderated: { label: 'Moderated', who: 'Who moderated' },
  'signed-off': { label: 'Signed off', who: 'Who signed off' },
};

/**
 * A theme's summary and assurance, until the person goes on. `ending`: offered as the theme is
 * finished (go on to the next), else chosen from the menu (back to it).
 */
export async function themeFacts(s: SittingApi, theme: Theme, ending: boolean): Promise<void> {
  const { prompts } = s.o;
  for (;;) {
    const now = s.current.answers.themes?.[theme.id];
    s.o.show(themeFactsScreen(theme, now, s.o));
    type Pick = 'go' | 'summary' | AssuranceStepName;
    const choice = await orBack(
      () =>
        prompts.select<Pick>({
          id: 'theme-facts',
          about: theme.id,
          message: `${terminalLine(theme.title)}: its summary and assurance`,
          choices: [
            { value: 'go', name: ending ? 'Go on' : 'Back to the menu', short: ending ? 'Go on' : 'menu' },
            { value: 'summary', name: now?.summary !== undefined ? 'Change the summary' : "Write the summary: the theme's overall judgement, in a few sentences", short: 'Summary' },
            ...ASSURANCE_STEPS.map((step) => {
              const r = now?.assurance?.[step];
              return { value: step, name: `${STEPS[step].label}: ${r ? `by ${terminalLine(r.by)} on ${r.on}` : 'not recorded'}`, short: STEPS[step].label };
            }),
          ],
          default: 'go',
        }),
      'go' as const,
    );
    if (choice === 'go') return;
    await orBack(async () => {
      if (choice === 'summary') {
        const summary = await askValue(prompts, {
          id: 'summary',
          about: theme.id,
          message: `Summary of ${terminalLine(theme.title)} (${now?.summary !== undefined ? 'Enter keeps it; - removes it' : 'Enter for none'}):`,
          multiline: true,
          current: now?.summary,
          removable: true,
          validate: textLimit,
        });
        if (summary === undefined) return;
        await s.commit(() => themeChanges(theme.id, s.current.answers.themes?.[theme.id], { summary: summary ?? '' }), `the summary of ${terminalLine(theme.title)}${summary === null ? ' removed' : ''}`);
        return;
      }
      await assuranceStep(s, theme, choice);
    }, undefined);
  }
}

/** Who did one assurance step, and when: saved at once, or removed with `-`. */
async function assuranceStep(s: SittingApi, theme: Theme, step: AssuranceStepName): Promise<void> {
  const { prompts } = s.o;
  const current = s.current.answers.themes?.[theme.id]?.assurance?.[step];
  const by = await askValue(prompts, {
    id: 'assurance-by',
    about: `${theme.id} ${step}`,
    message: `${STEPS[step].who} ${terminalLine(theme.title)}? A name, a role or a group (${current ? 'Enter keeps it; - removes the record' : 'Esc to go back'}):`,
    current: current?.by,
    removable: current !== undefined,
    validate: (v) => (v.trim() === '' && current === undefined ? 'Give a name, a role or a group, or press Esc to go back.' : true),
  });
  if (by === null) {
    await s.commit(() => assuranceChanges(theme.id, s.current.answers.themes?.[theme.id], step, null), `${STEPS[step].label.toLowerCase()} record of ${terminalLine(theme.title)} removed`);
    return;
  }
  const on = (await prompts.input({ id: 'assurance-on', about: `${theme.id} ${step}`, message: 'On, YYYY-MM-DD:', default: current?.on ?? s.o.today, validate: dateCheck() })).trim();
  const record = { by: by ?? current!.by, on };
  await s.commit(() => assuranceChanges(theme.id, s.current.answers.themes?.[theme.id], step, record), `${terminalLine(theme.title)} ${STEPS[step].label.toLowerCase()} by ${terminalLine(record.by)} on ${record.on}`);
}

// --- The assessment itself ------------------------------------------------------------------------

/** The committee paper's fields, as the questionnaire offers them. */
const PAPER: readonly { readonly field: PaperField; readonly label: string; readonly long?: true; readonly date?: true }[] = [
  { field: 'title', label: 'Title' },
  { field: 'meeting', label: 'Meeting' },
  { field: 'meeting-date', label: "Meeting's date", date: true },
  { field: 'author', label: 'Author (name and job title)' },
  { field: 'contact', label: "Author's email or telephone" },
  { field: 'version', label: 'Version' },
  { field: 'status', label: 'Status (draft or final)' },
  { field: 'purpose', label: 'Purpose: why it goes to the meeting', long: true },
  { field: 'narrative', label: "The council's overall narrative", long: true },
];

/** The council, the period, the date, who took part, the committee paper: until Back. */
export async function fileFacts(s: SittingApi): Promise<void> {
  const { prompts } = s.o;
  for (;;) {
    const a = s.current.answers;
    s.o.show(factsScreen(a, s.o));
    type Pick = 'back' | 'authority' | 'period' | 'assessment-date' | 'participants' | 'paper';
    const choice = await orBack(
      () =>
        prompts.select<Pick>({
          id: 'facts',
          message: 'The assessment itself: change what?',
          choices: [
            { value: 'back', name: 'Back to the menu', short: 'menu' },
            { value: 'authority', name: `The council: ${terminalLine(a.authority)}`, short: 'council' },
            { value: 'period', name: `The period: ${terminalLine(a.period)}`, short: 'period' },
            { value: 'assessment-date', name: `The assessment date: ${a['assessment-date'] ?? 'not set'}`, short: 'assessment date' },
            { value: 'participants', name: `Who took part (${(a.participants ?? []).length})`, short: 'who took part' },
            { value: 'paper', name: 'The committee paper: title, meeting, author, status, purpose, narrative, recommendations', short: 'committee paper' },
          ],
          default: 'back',
        }),
      'back' as const,
    );
    if (choice === 'back') return;
    await orBack(async () => {
      if (choice === 'authority') {
        const authority = await askValue(prompts, { id: 'fact', about: 'authority', message: "The council's name (Enter keeps it):", current: a.authority });
        if (authority) await s.commit(() => fileChanges(s.current.answers, { authority }), `the council, ${terminalLine(authority)}`);
      } else if (choice === 'period') {
        const period = await askValue(prompts, {
          id: 'fact',
          about: 'period',
          message: 'The period assessed, YYYY-YY (Enter keeps it):',
          current: a.period,
          validate: (v) => (v.trim() === '' || isPeriod(v.trim()) ? true : 'Write the period as YYYY-YY with consecutive years, like 2025-26.'),
        });
        if (period) await s.commit(() => fileChanges(s.current.answers, { period }), `the period, ${period}`);
      } else if (choice === 'assessment-date') {
        const current = a['assessment-date'];
        const date = await askValue(prompts, {
          id: 'fact',
          about: 'assessment-date',
          message: `When the assessment was made, YYYY-MM-DD (${current !== undefined ? 'Enter keeps it; - removes it' : `Enter for today, ${s.o.today}`}):`,
          current: current ?? s.o.today,
          removable: current !== undefined,
          validate: dateCheck({ blank: true, removable: true }),
        });
        const value = date === undefined && current === undefined ? s.o.today : date;
        if (value !== undefined) await s.commit(() => fileChanges(s.current.answers, { assessmentDate: value ?? '' }), value === null ? 'the assessment date removed' : `the assessment date, ${value}`);
      } else if (choice === 'participants') {
        await participants(s);
      } else {
        await paper(s);
      }
    }, undefined);
  }
}

/** A list of the file's own (participants, recommendations): add an item, or remove one, until Back. */
async function listOfFile(
  s: SittingApi,
  o: {
    readonly id: 'participants' | 'recommendations';
    readonly message: string;
    readonly add: string;
    /** The list as it is now, each item as the person reads it. */
    readonly items: () => readonly string[];
    readonly ask: () => Promise<string | null | undefined>;
    readonly added: (text: string) => { readonly changes: () => Change[]; readonly done: string };
    readonly removed: (index: number, item: string) => { readonly changes: () => Change[]; readonly done: string };
  },
): Promise<void> {
  for (;;) {
    const items = o.items();
    const picked = await orBack(
      () =>
        s.o.prompts.select<number>({
          id: o.id,
          message: o.message,
          choices: [
            { value: -2, name: o.add, short: 'add' },
            ...items.map((item, i) => ({ value: i, name: `Remove ${terminalLine(item)}`, short: `remove ${i + 1}` })),
            { separator: ' ' },
            { value: -1, name: 'Back', short: 'back' },
          ],
        }),
      -1,
    );
    if (picked === -1) return;
    const change = picked >= 0 ? o.removed(picked, items[picked]!) : await orBack(async () => {
      const text = await o.ask();
      return text ? o.added(text) : undefined;
    }, undefined);
    if (change) await s.commit(change.changes, change.done);
  }
}

function participants(s: SittingApi): Promise<void> {
  return listOfFile(s, {
    id: 'participants',
    message: 'Who took part: add someone, or choose one to remove',
    add: 'Add someone',
    items: () => (s.current.answers.participants ?? []).map(participantLabel),
    ask: () => askValue(s.o.prompts, { id: 'participant', message: 'Who: a name, with their role in brackets, like Helen Ashworth (Head of Policy):' }),
    added: (text) => ({ changes: () => fileChanges(s.current.answers, { participants: [parseParticipant(text)] }), done: `${terminalLine(text)} added to who took part` }),
    removed: (i, who) => ({ changes: () => fileChanges(s.current.answers, { removeParticipants: [i] }), done: `${terminalLine(who)} removed from who took part` }),
  });
}

async function paper(s: SittingApi): Promise<void> {
  const { prompts } = s.o;
  for (;;) {
    const now = s.current.answers.paper ?? {};
    type Pick = PaperField | 'recommendations' | 'back';
    const choice = await orBack(
      () =>
        prompts.select<Pick>({
          id: 'paper',
          message: 'The committee paper: change what?',
          choices: [
            { value: 'back', name: 'Back', short: 'back' },
            ...PAPER.map((f) => ({ value: f.field, name: `${f.label}: ${now[f.field] !== undefined ? terminalLine(oneLine(now[f.field]!)) : 'not set'}`, short: f.label })),
            { value: 'recommendations', name: `Recommendations (${(now.recommendations ?? []).length})`, short: 'recommendations' },
          ],
          default: 'back',
        }),
      'back' as const,
    );
    if (choice === 'back') return;
    if (choice === 'recommendations') {
      await recommendations(s);
      continue;
    }
    const f = PAPER.find((p) => p.field === choice)!;
    await orBack(async () => {
      let value: string | null | undefined;
      if (f.field === 'status') {
        const picked = await prompts.select<string>({
          id: 'paper-status',
          message: 'The paper is:',
          choices: [
            { value: 'draft', name: 'draft: marked as a draft in every format' },
            { value: 'final', name: 'final' },
            { value: '', name: 'not said (read as a draft)' },
          ],
          default: now.status ?? 'draft',
        });
        value = picked === (now.status ?? '') ? undefined : picked === '' ? null : picked;
      } else {
        value = await askValue(prompts, {
          id: 'fact',
          about: `paper.${f.field}`,
          message: `${f.label}${f.date ? ', YYYY-MM-DD' : ''} (${now[f.field] !== undefined ? 'Enter keeps it; - removes it' : 'Enter for none'}):`,
          current: now[f.field],
          removable: true,
          multiline: f.long === true,
          ...(f.date ? { validate: dateCheck({ blank: true, removable: true }) } : {}),
        });
      }
      if (value === undefined) return;
      await s.commit(() => fileChanges(s.current.answers, { paper: { [f.field]: value ?? '' } }), `the paper's ${f.label.toLowerCase().replace(/[:(].*$/, '').trim()}${value === null ? ' removed' : ''}`);
    }, undefined);
  }
}

function recommendations(s: SittingApi): Promise<void> {
  return listOfFile(s, {
    id: 'recommendations',
    message: 'Recommendations: add one, or choose one to remove',
    add: 'Add a recommendation',
    items: () => (s.current.answers.paper?.recommendations ?? []).map((r, i) => `${i + 1}: ${oneLine(r)}`),
    ask: () => askValue(s.o.prompts, { id: 'recommendation', message: 'The recommendation ("That the Committee notes ..."):', multiline: true, validate: textLimit }),
    added: (text) => ({ changes: () => fileChanges(s.current.answers, { recommendations: [text] }), done: 'a recommendation added' }),
    removed: (i) => ({ changes: () => fileChanges(s.current.answers, { removeRecommendations: [i] }), done: `recommendation ${i + 1} removed` }),
  });
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
