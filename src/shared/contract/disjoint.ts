/**
 * Merges two method maps whose names must not overlap. A spread lets the
 * later map silently win a name both declare, so a device could hide a core
 * operation; here an overlapping name makes the second argument `never` and
 * the call a type error. The check repeats at runtime for maps built from
 * values the compiler cannot see.
 */
export function disjoint<A extends object, B extends object>(
  a: A,
  b: [keyof A & keyof B] extends [never] ? B : never,
): A & B {
  const shared = Object.keys(b).filter((name) => Object.hasOwn(a, name))
  if (shared.length > 0) throw new Error(`method names declared twice: ${shared.join(', ')}`)
  return { ...a, ...b }
}
