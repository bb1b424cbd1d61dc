import { UserError } from '../model/errors';

/** A file that cannot be read at all (damaged, too big, not a spreadsheet); the message names it. */
export class UnreadableFileError extends UserError {}
