// The yaml library, behind one module that bva imports lazily (only when positions or a write are
// needed). Re-exporting from an ES module lets the bundler give a dynamic import() named exports
// of this CommonJS package.
export { Composer, Document, Lexer, LineCounter, Pair, Parser, Scalar, YAMLMap, YAMLParseError, YAMLSeq, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit } from 'yaml';
