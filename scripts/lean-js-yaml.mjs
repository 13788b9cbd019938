// js-yaml as bva bundles it (scripts/build.mjs, leanPlugin): the same parser, with the loops that
// read an answers file one character at a time replaced by regular expressions, which V8 runs
// natively. At every start V8 interprets those loops (they run too briefly to be compiled), and a
// loop run a few hundred thousand times also makes V8 spend its second core compiling it while bva
// waits. Each change is made on text the build expects, exactly once, or the build fails: a new
// js-yaml is reviewed before it is bundled. test/unit/lean-js-yaml.test.ts reads the same YAML with
// this parser and with js-yaml as published, and expects the same values and the same errors.
//
// js-yaml appends a NUL to its input (and refuses one inside it), so a search for a line's end
// always finds one.

/** What the patched parser needs, defined once at the top of the module. */
const PRELUDE = [
  // A line's end: where a block scalar's line or a comment stops.
  'const LINE_END = /[\\n\\r\\0]/g;',
  // The spaces that indent a line.
  'const SPACES = / */y;',
  // A run of a plain scalar's characters that need no decision: not a line's end, not a colon
  // (which may end a key) and not a hash (which may start a comment); inside brackets or braces,
  // not a comma, bracket or brace either.
  'const PLAIN_RUN = /[^\\0\\n\\r:#]+/y;',
  'const PLAIN_RUN_IN_FLOW = /[^\\0\\n\\r:#,[\\]{}]+/y;',
].join('\n');

const CHANGES = [
  {
    what: "reads a block scalar's line",
    from: 'const captureStart = state.position;\n      while (!isEol(ch) && ch !== 0) {\n        ch = state.input.charCodeAt(++state.position);\n      }\n',
    to: 'const captureStart = state.position;\n      LINE_END.lastIndex = state.position;\n      state.position = LINE_END.exec(state.input).index;\n      ch = state.input.charCodeAt(state.position);\n',
  },
  {
    what: 'skips a comment',
    from: '      if (allowComments && ch === 35) {\n        do {\n          ch = state.input.charCodeAt(++state.position);\n        } while (ch !== 10 && ch !== 13 && ch !== 0);\n      }\n',
    to: '      if (allowComments && ch === 35) {\n        LINE_END.lastIndex = state.position + 1;\n        state.position = LINE_END.exec(state.input).index;\n        ch = state.input.charCodeAt(state.position);\n      }\n',
  },
  {
    what: "counts a line's indentation",
    from: '        state.lineIndent = 0;\n        while (ch === 32) {\n          state.lineIndent++;\n          ch = state.input.charCodeAt(++state.position);\n        }\n',
    to: '        SPACES.lastIndex = state.position;\n        SPACES.test(state.input);\n        state.lineIndent = SPACES.lastIndex - state.position;\n        state.position = SPACES.lastIndex;\n        ch = state.input.charCodeAt(state.position);\n',
  },
  {
    // Inside a plain scalar, a character that is none of those PLAIN_RUN leaves out only moves the
    // scalar's end past itself when it is not a space or tab; a line's first character is left to
    // the loop, which checks it for a document marker. So the loop may jump over such a run at once.
    what: 'reads a plain scalar',
    from: '    hasPendingContent = false;\n    while (ch !== 0) {\n      if (ch === 58) {\n',
    to:
      '    hasPendingContent = false;\n    while (ch !== 0) {\n' +
      '      if (!hasPendingContent && state.position !== state.lineStart) {\n' +
      '        const run = withinFlowCollection ? PLAIN_RUN_IN_FLOW : PLAIN_RUN;\n' +
      '        run.lastIndex = state.position;\n' +
      '        if (run.test(state.input)) {\n' +
      '          let last = run.lastIndex;\n' +
      '          while (last > state.position && isWhiteSpace(state.input.charCodeAt(last - 1))) last--;\n' +
      '          if (last > state.position) captureEnd = last;\n' +
      '          state.position = run.lastIndex;\n' +
      '          ch = state.input.charCodeAt(state.position);\n' +
      '          continue;\n' +
      '        }\n' +
      '      }\n' +
      '      if (ch === 58) {\n',
  },
];

/** js-yaml's ES module text (dist/js-yaml.mjs) with bva's changes; throws when the text is not what they expect. */
export function leanJsYaml(text, path = 'js-yaml.mjs') {
  if (!text.includes('state.input += "\\0";')) throw new Error(`${path}: no longer ends its input with NUL as the build expects: review scripts/lean-js-yaml.mjs`);
  let out = text;
  for (const { what, from, to } of CHANGES) {
    const at = out.indexOf(from);
    if (at === -1 || out.indexOf(from, at + 1) !== -1) throw new Error(`${path}: ${what} otherwise than the build expects: review scripts/lean-js-yaml.mjs`);
    out = out.slice(0, at) + to + out.slice(at + from.length);
  }
  return `${PRELUDE}\n${out}`;
}
