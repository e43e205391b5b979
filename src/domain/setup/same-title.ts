/** Titles are the same trimmed and in any case (how a type is found by title). */
export function sameTitle(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase()
}
