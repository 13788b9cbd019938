// bva's commands and flags: the commander wiring, each command's module loaded only when it runs.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { CommandContext } from './commands/context.js';
import type { RunOptions } from './cli.js';
import { DEFAULT_GATES, GATE_FLAGS } from './assessment/gate-flags.js';
import { ANSWER_FLAGS, CLEARABLE, TARGET_KINDS, type AnswerFlag, type TargetKind } from './commands/answer-flags.js';
import { say } from './render/escape.js';
import { paintFor, wantsColour } from './render/paint.js';
import { PROBLEM_FORMATS } from './render/problems.js';
import { wrap } from './render/wrap.js';
import { isCalendarDate, notADate } from './source/dates.js';

/** Parses a YYYY-MM-DD flag value that must be a real calendar day. */
function dateArg(value: string): string {
  if (!isCalendarDate(value)) throw new InvalidArgumentError(notADate(value));
  return value;
}

function intArg(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

/**
 * Commander's message in bva's words, on one line: "did you mean" joins it, and a refused flag
 * value reads `--due: "31/03/2026" is not a date written YYYY-MM-DD: write it 2026-03-31`.
 */
function commanderMessage(s: string): string {
  return s
    .replace(/^error: /, '')
    .replace(/^option '(-[^' ]+)(?:[ ,][^']*)?' argument '([\s\S]*)' is invalid\. Allowed choices are (.*)\.\n$/, (_, flag: string, value: string, choices: string) => `${flag}: ${JSON.stringify(value)} is not one of: ${choices}\n`)
    .replace(/^option '(-[^' ]+)(?:[ ,][^']*)?' argument '[\s\S]*' is invalid\. /, '$1: ')
    .replace(/\n\(Did you mean (.+)\?\)\n$/, '; did you mean $1?\n');
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const example = (lines: string): string => `\nExample:\n${lines.replace(/^/gm, '  $ ')}\n`;

/** The program: parsing it runs the command named, reporting its exit code through `setExit`. */
export function buildProgram(o: RunOptions, version: string, context: () => Promise<CommandContext>, setExit: (code: number) => void): Command {
  const program = new Command('bva');
  const done = (code: number): void => setExit(code);
  const red = (s: string): string => paintFor(wantsColour(o.stderr, o.env)).red(s);
  program
    .description('Self-assess an English council against the Best Value Duty statutory guidance, and report the result.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void o.stdout.write(s),
      writeErr: (s) => void o.stderr.write(s),
      // One line: commander's "(Did you mean ...?)" joins the message.
      // The message may quote an argument as given: its control characters are made visible.
      outputError: (s, write) => write(red('bva:') + say` ${commanderMessage(s).trimEnd()}\n`),
    })
    .addHelpText(
      'after',
      '\nExit codes: 0 ok; 1 invalid input or a failed gate; 2 usage error or unreadable input; 130 interrupted.\n' +
        example('bva assess my-council.yaml\nbva report examples/2025-26.yaml --previous examples/2024-25.yaml'),
    );
  // Subcommands inherit the program's output, exitOverride and help option (commander copies them).
  const sub = (name: string, description: string, ex: string, notes = ''): Command =>
    program
      .command(name)
      .description(description)
      .addHelpText('after', `${notes}${example(ex)}`);
  const catalogueOption = (): Option => new Option('--catalogue <path>', "check against this catalogue file instead of the one the file names (not needed for a catalogue the file points to or a bva.config.yaml lists)");
  const problemFormatOption = (): Option => new Option('--format <format>', 'output format').choices(PROBLEM_FORMATS).default('text');
  // Each command's definition, in the order help lists them. A command line that starts with a
  // command's name defines only that command: its flags, help and errors are the same, and the
  // others' definitions (a few milliseconds at every start) are not made. Anything else (no
  // command, a flag first, a misspelt name, `help`) defines them all.
  const definitions: [name: string, define: () => void][] = [];
  const command = (name: string, define: () => void): void => void definitions.push([name, define]);

  command('assess', () => {
    sub('assess [file]', 'answer the questionnaire interactively; creates FILE or resumes it, saving after every answer', 'bva assess my-council-2025-26.yaml')
      .addOption(new Option('--catalogue <id|path>', 'for a new file: a shipped catalogue id or a catalogue file; for an existing one: the catalogue file to check it against'))
      .action(async (file: string | undefined, opts) => done(await (await import('./commands/assess.js')).assess(await context(), file ?? 'assessment.yaml', opts, { holdInterrupts: o.holdInterrupts })));
  });

  command('validate', () => {
    sub('validate <files...>', 'check answers files: YAML, schema, and against their catalogue', 'bva validate examples/2025-26.yaml\nbva validate --format github answers/*.yaml')
      .addOption(problemFormatOption())
      .addOption(catalogueOption())
      .action(async (files: string[], opts) => done(await (await import('./commands/validate.js')).validate(await context(), files, opts)));
  });

  command('report', () => {
    sub('report <file>', 'render the assessment as a committee-ready report', 'bva report examples/2025-26.yaml --previous examples/2024-25.yaml --out report.md')
      .addOption(new Option('--format <format>', 'output format (default: from the --out file\'s extension, else md; docx: a Word document, written with --out)').choices(['md', 'json', 'html', 'docx']))
      .option('--out <path>', 'write the report to a file (atomically) instead of stdout')
      .option('--previous <file>', "last period's answers file, to show movement")
      .option('--as-of <date>', 'judge overdue actions and stale evidence as of this date (default: today)', dateArg)
      .addOption(catalogueOption())
      .action(async (file: string, opts) => done(await (await import('./commands/report.js')).report(await context(), file, opts)));
  });

  command('export', () => {
    sub('export <file>', 'the assessment as tables: an Excel workbook, or CSV files (one per table), for spreadsheets and performance systems', 'bva export 2025-26.yaml --previous 2024-25.yaml --out 2025-26.xlsx\nbva export 2025-26.yaml --format csv --out exports/\nbva export 2025-26.yaml --table actions > actions.csv')
      .addOption(new Option('--format <format>', 'xlsx (a workbook) or csv (a file per table); default: from --out, else xlsx').choices(['xlsx', 'csv']))
      .option('--out <path>', 'the workbook, or for CSV a folder (ending in /) or a prefix for each table\'s file')
      .option('--table <name>', 'one CSV table only: summary, heat-map, answers, actions, evidence, scales or about')
      .option('--previous <file>', "last period's answers file, for the heat map's previous column and movement")
      .option('--as-of <date>', 'judge overdue actions and stale evidence as of this date (default: today)', dateArg)
      .addOption(catalogueOption())
      .action(async (file: string, opts) => done(await (await import('./commands/export.js')).exportAnswers(await context(), file, opts)));
  });

  command('import', () => {
    sub('import <file> <sheets...>', "take the answers and actions edited in an exported workbook (or its CSV files) back into FILE; every cell is checked first, and nothing is written when one is wrong", 'bva import 2025-26.yaml 2025-26.xlsx\nbva import 2025-26.yaml exports/answers.csv exports/actions.csv')
      .addOption(catalogueOption())
      .action(async (file: string, sheets: string[], opts) => done(await (await import('./commands/import.js')).importSheets(await context(), file, sheets, opts)));
  });

  command('check', () => {
    const check = sub(
      'check <file>',
      `apply policy gates for CI; exit 1 when any gate fails (no gate given: ${DEFAULT_GATES.map((g) => GATE_FLAGS[g].flag).join(' ')})`,
      'bva check assessment.yaml --require-actions --no-overdue --max-red 0',
    );
    for (const g of Object.values(GATE_FLAGS)) {
      const option = new Option('argument' in g ? `${g.flag} ${g.argument}` : g.flag, g.help);
      check.addOption('whole' in g ? option.argParser(intArg) : option);
    }
    check
      .option('--as-of <date>', 'judge dates as of this day (default: today)', dateArg)
      .addOption(problemFormatOption())
      .addOption(catalogueOption())
      .action(async (file: string, opts, cmd: Command) => done(await (await import('./commands/check.js')).check(await context(), file, opts, cmd)));
  });

  command('diff', () => {
    sub('diff <old> <new>', 'what moved between two periods (either may be REV:PATH, read from git)', 'bva diff examples/2024-25.yaml examples/2025-26.yaml\nbva diff HEAD~1:assessment.yaml assessment.yaml')
      .addOption(new Option('--format <format>', 'output format').choices(['md', 'json']).default('md'))
      .addOption(catalogueOption())
      .action(async (oldFile: string, newFile: string, opts) => done(await (await import('./commands/diff.js')).diff(await context(), oldFile, newFile, opts)));
  });

  command('trend', () => {
    sub(
      'trend [files...]',
      "many periods side by side, in period order: each theme's status and level, each indicator's rating, red flags and actions by period (a file may be REV:PATH)",
      'bva trend 2023-24.yaml 2024-25.yaml 2025-26.yaml --out trend.html\nbva trend --from-git assessment.yaml',
    )
      .addOption(new Option('--format <format>', 'output format (default: from the --out file name, else md)').choices(['md', 'json', 'html']))
      .option('--out <path>', 'write the trend to a file (atomically) instead of stdout')
      .option('--from-git <path>', 'read every committed version of this file from git, the latest of each period')
      .addOption(catalogueOption())
      .action(async (files: string[], opts) => done(await (await import('./commands/trend.js')).trend(await context(), files, opts)));
  });

  command('actions', () => {
    sub(
      'actions <file>',
      'the action plan between assessments: every action with its reference, owner, due date, status, days overdue, done date and progress; filtered, grouped, and compared with an earlier revision',
      'bva actions 2025-26.yaml --status overdue --group-by owner\nbva actions 2025-26.yaml --since 2026-01-01 --out q3-update.md',
    )
      .addOption(new Option('--format <format>', 'output format (default: from the --out file name, else md; xlsx: an Excel workbook)').choices(['md', 'json', 'csv', 'xlsx']))
      .option('--out <path>', 'write the plan to a file (atomically) instead of stdout')
      .option('--as-of <date>', 'judge overdue actions as of this day (default: today)', dateArg)
      .option('--owner <name>', 'only actions with this owner (case and spacing ignored)')
      .option('--theme <id>', 'only actions in this theme (repeatable)', collect)
      .addOption(new Option('--status <status>', 'only actions with this status (open includes overdue)').choices(['open', 'overdue', 'done']))
      .addOption(new Option('--group-by <what>', 'one table per owner or per theme').choices(['owner', 'theme']))
      .option('--since <rev|date>', 'compare with the file at a git revision, or at the last commit before a day (YYYY-MM-DD): what was completed, added and slipped since')
      .addOption(catalogueOption())
      .action(async (file: string, opts) => done(await (await import('./commands/actions.js')).actions(await context(), file, opts)));
  });

  command('init', () => {
    sub('init [file]', "start a period's answers file, optionally carrying last period's forward", 'bva init 2025-26.yaml --authority "Borsetshire District Council" --period 2025-26 --from 2024-25.yaml')
      .option('--authority <name>', "the council's name")
      .option('--period <yyyy-yy>', 'the period assessed, like 2025-26')
      .option('--catalogue <id|path>', "a catalogue id (the project's or shipped) or a catalogue file (default: last period's, else bva.config.yaml's default-catalogue, else the shipped one)")
      .option('--from <previous>', "last period's answers file: carry forward summaries, commentary, evidence and open actions")
      .option('--force', 'overwrite FILE if it exists')
      .action(async (file: string | undefined, opts) => done(await (await import('./commands/init.js')).init(await context(), file ?? 'assessment.yaml', opts)));
  });

  command('answer', () => {
    const answer = sub(
      'answer <file> [target]',
      'set answers from a script: an indicator, an action (INDICATOR#N), a theme, or (no TARGET) the file itself; checked before anything is written',
      [
        'bva answer 2025-26.yaml lead.c3 --rating established --target embedded --evidence "Corporate plan 2025-29"',
        'bva answer 2025-26.yaml lead.c6#2 --done --done-on 2026-03-01',
        'bva answer 2025-26.yaml leadership --summary "Leadership is more settled." --signed-off-by "Corporate Leadership Team"',
        'bva answer 2025-26.yaml --assessment-date 2025-10-21 --participant "Helen Ashworth (Head of Policy)"',
        'bva answer 2025-26.yaml lead.c3 --clear commentary',
      ].join('\n'),
      '\nThe fields --clear removes:\n' +
        (Object.keys(CLEARABLE) as TargetKind[]).map((k) => `  ${TARGET_KINDS[k].named.replace(/ \(.*$/, '').padEnd(18)}${wrap(CLEARABLE[k].join(', '), 80, 20, 0)}`).join('\n') +
        '\nAn empty text is refused (remove a value with --clear), and a date written another way (31/03/2026)\nwith the YYYY-MM-DD to write.\n',
    );
    for (const kind of ['indicator', 'action', 'theme', 'file'] as const) {
      answer.optionsGroup(TARGET_KINDS[kind].heading);
      for (const f of Object.values(ANSWER_FLAGS) as AnswerFlag[]) {
        if (f.kinds[0] !== kind || f.kinds.length > 2) continue;
        const option = new Option(f.flags, f.help);
        if (f.date) option.argParser(dateArg);
        else if (f.repeat) option.argParser(collect);
        if (f.choices) option.choices(f.choices);
        answer.addOption(option);
      }
    }
    answer.optionsGroup('Any target:');
    answer.addOption(new Option(ANSWER_FLAGS.clear.flags, ANSWER_FLAGS.clear.help).argParser(collect));
    answer.addOption(catalogueOption());
    answer.action(async (file: string, target: string | undefined, opts) => done(await (await import('./commands/answer.js')).answer(await context(), file, target, opts)));
  });

  command('migrate', () => {
    sub('migrate <file>', "move an answers file onto a new version of its catalogue, along the crosswalk the new version declares", 'bva migrate 2025-26.yaml --to frameworks/council-framework-2.yaml')
      .requiredOption('--to <id|path>', 'the catalogue to move onto: a catalogue id (its newest version) or a catalogue file')
      .option('--out <path>', 'write the migrated file here instead of changing FILE')
      .option('--force', 'replace the --out file if it exists')
      .addOption(catalogueOption())
      .action(async (file: string, opts) => done(await (await import('./commands/migrate.js')).migrate(await context(), file, opts)));
  });

  command('sign', () => {
    sub(
      'sign <file>',
      "record a theme's sign-off with a digest of its answers, so a later change shows in bva check --require-signoff and the report",
      'bva sign 2025-26.yaml --theme leadership --by "Corporate Leadership Team" --role "Senior leadership" --on 2025-10-14\nbva sign 2025-26.yaml --all --by "Helen Ashworth" --role "Chief Executive"',
    )
      .option('--theme <id>', 'a theme to sign off (repeatable)', collect)
      .option('--all', 'every theme that has answers')
      .option('--by <name>', 'who signs off: a person or a group')
      .option('--role <role>', 'their role')
      .option('--on <date>', 'the day of the sign-off, YYYY-MM-DD (default: today)', dateArg)
      .addOption(catalogueOption())
      .action(async (file: string, opts) => done(await (await import('./commands/sign.js')).sign(await context(), file, opts)));
  });

  command('review', () => {
    const review = program.command('review').description("independent review: a reviewer's file to rate without the draft's ratings");
    review.addHelpText('after', example('bva review init 2025-26.yaml --reviewer "Priya Raman" --sample 12'));
    review
      .command('init <file>')
      .description("make a reviewer's file from a draft: the indicators to rate, with the draft's commentary and evidence but not its ratings")
      .requiredOption('--reviewer <name>', 'who will rate it')
      .option('--theme <id>', 'review this theme (repeatable; default every theme)', collect)
      .option('--sample <n>', 'draw N indicators, stratified by theme (default every rated indicator of the themes)', intArg)
      .option('--seed <text>', "what the draw is seeded with (default the reviewer's name; give every reviewer the same seed for the same sample)")
      .option('--out <path>', "where to write it (default FILE.review-NAME.yaml beside FILE)")
      .option('--force', 'replace the reviewer\'s file if it exists')
      .addOption(catalogueOption())
      .addHelpText('after', example('bva review init 2025-26.yaml --reviewer "Priya Raman" --theme leadership --theme governance\nbva review init 2025-26.yaml --reviewer "Tom Hill" --sample 12 --out reviews/tom-hill.yaml'))
      .action(async (file: string, opts) => done(await (await import('./commands/review.js')).reviewInit(await context(), file, opts)));
  });

  command('moderate', () => {
    sub(
      'moderate <file> <reviews...>',
      "the draft's ratings beside each reviewer's, the agreement, and the agreed ratings recorded: at a terminal by walking the disagreements, from a script with --accept",
      'bva moderate 2025-26.yaml 2025-26.review-priya-raman.yaml 2025-26.review-tom-hill.yaml\nbva moderate 2025-26.yaml reviews/*.yaml --accept median --by "Statutory Officers Group" --out moderation.md',
    )
      .addOption(new Option('--format <format>', 'output format (default: from --out, else md)').choices(['md', 'json', 'html']))
      .option('--out <path>', 'write the moderation record to a file (atomically) instead of stdout')
      .option('--accept <rule>', 'settle every indicator by a rule: draft, median, lowest or reviewer:NAME')
      .option('--by <name>', 'who moderates (a name or a group)')
      .option('--on <date>', 'the day of the moderation, YYYY-MM-DD (default: today)', dateArg)
      .option('--note <text>', 'the moderation note for indicators settled by --accept (default: the rule)')
      .addOption(catalogueOption())
      .action(async (file: string, reviews: string[], opts) => done(await (await import('./commands/moderate.js')).moderate(await context(), file, reviews, opts)));
  });

  command('catalogue', () => {
    const catalogue = program.command('catalogue').description('the catalogues: list the shipped ones, show a theme, check a custom one');
    catalogue.addHelpText('after', example('bva catalogue list\nbva catalogue show leadership\nbva catalogue validate my-catalogue.yaml'));
    catalogue
      .command('list')
      .description("list the catalogues: those a bva.config.yaml lists, then the shipped ones")
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
      .addHelpText('after', example('bva catalogue list --format json'))
      .action(async (opts) => done(await (await import('./commands/catalogue.js')).list(await context(), opts)));
    catalogue
      .command('show [theme]')
      .description('print the scales and a theme in full (or every theme), wrapped for the terminal')
      .option('--catalogue <id|path>', "a catalogue id or file (default: bva.config.yaml's default-catalogue, else the shipped one)")
      .addHelpText('after', example('bva catalogue show governance'))
      .action(async (theme: string | undefined, opts) => done(await (await import('./commands/catalogue.js')).show(await context(), theme, opts)));
    catalogue
      .command('validate <files...>')
      .description('check catalogue files: YAML, schema, ids and scales')
      .addOption(problemFormatOption())
      .addHelpText('after', example('bva catalogue validate criteria/*.yaml'))
      .action(async (files: string[], opts) => done(await (await import('./commands/catalogue.js')).validateCatalogues(await context(), files, opts)));
  });

  command('schema', () => {
    sub('schema <name>', 'print a JSON Schema (catalogue, answers, report, trend, actions or config), for editors and other tools', 'bva schema answers --out schemas/answers.schema.json')
      .option('--out <path>', "write it to a file (atomically); for the answers schema, inside the council's repository, where new answers files find it")
      .action(async (name: string, opts) => done(await (await import('./commands/schema.js')).schema(await context(), name, opts)));
  });

  const named = definitions.filter(([name]) => name === o.argv[0]);
  for (const [, define] of named.length > 0 ? named : definitions) define();
  return program;
}
