// The one SHA-256 in bva: sign-off digests and the review sample's order. Node.js's crypto module is
// loaded on first use, not at start-up: most commands never hash, and loading it costs a command
// more than reading the example does.

/** The SHA-256 of a text (as UTF-8), in hex. */
export function sha256(text: string): string {
  const { createHash } = process.getBuiltinModule('node:crypto');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
