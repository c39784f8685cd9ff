/** The message of anything thrown: an Error's message, else its string form (never `undefined`). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
