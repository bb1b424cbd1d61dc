/**
 * An error whose message is a complete Chinese sentence for staff, naming the place (file, sheet,
 * row, cell, unit, indicator). Anything else that reaches the page is wrapped by the worker into a
 * generic Chinese sentence with the raw detail folded away (src/app/errors.ts).
 */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    message: string,
    /** Technical detail shown folded, for whoever investigates. */
    readonly detail?: string,
  ) {
    super(message);
  }
}
