// ajv's standalone validators gather a referenced schema's errors with
// `vErrors = vErrors === null ? v.errors : vErrors.concat(v.errors)`, copying every error found so
// far for each item that has one: quadratic in the number of problems (40,000 actions with a bad
// status took minutes). This rewrites each such line to add the new errors in place, which is
// linear and gives the same errors in the same order. Used by scripts/build.mjs.

const CONCAT = /vErrors = vErrors === null \? (\w+)\.errors : vErrors\.concat\(\1\.errors\);/g;

/**
 * The validator's code with every accumulation by concat made an in-place push. Throws when the
 * code has none, so a change in ajv's output is noticed at build time rather than going slow.
 * @param {string} code
 */
export function linearErrors(code) {
  let found = 0;
  const out = code.replace(CONCAT, (_, v) => {
    found++;
    return `if (vErrors === null) vErrors = []; for (const e of ${v}.errors) vErrors.push(e);`;
  });
  if (found === 0 && code.includes('.concat(')) throw new Error('ajv-linear: the validator gathers errors in a way this build does not know; see scripts/ajv-linear.mjs');
  if (out.includes('vErrors.concat(')) throw new Error('ajv-linear: a vErrors.concat( is left in the validator; see scripts/ajv-linear.mjs');
  return out;
}
