// Which ids can be written as plain YAML keys and read back as the same text by any YAML reader.

// Plain scalars that YAML 1.2 (core schema) or YAML 1.1 readers would take as something other
// than text: null, booleans (including 1.1's yes/no/on/off), and numbers in any notation.
const NOT_TEXT = [
  /^(?:~|null|Null|NULL)$/,
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])*$/,
  /^0(?:o[0-7]+|x[0-9a-fA-F]+|b[01]+)$/,
  /^[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?\.(?:inf|Inf|INF)$/,
  /^\.(?:nan|NaN|NAN)$/,
];

/** The ids bva accepts: letters, digits, ".", "_" and "-", starting with a letter or digit. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Why `id` is not safe as a plain YAML key, or undefined when it is. */
export function unsafeKeyReason(id: string): string | undefined {
  if (!ID_PATTERN.test(id)) return 'use letters, digits, ".", "_" and "-", starting with a letter or digit';
  if (NOT_TEXT.some((re) => re.test(id))) return 'a YAML reader would take it as a number, a boolean or null, not text';
  return undefined;
}
