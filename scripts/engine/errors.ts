// Errors about the inputs: they name the file, the line (CSV) or row (Parquet), and the column.

export class InputError extends Error {
  readonly file: string;
  readonly location: string | undefined;
  readonly column: string | undefined;
  readonly detail: string;

  constructor(file: string, detail: string, opts: { location?: string; column?: string } = {}) {
    const where = [file, opts.location, opts.column ? `column ${opts.column}` : undefined].filter(Boolean).join(", ");
    super(`${where}: ${detail}`);
    this.name = "InputError";
    this.file = file;
    this.location = opts.location;
    this.column = opts.column;
    this.detail = detail;
  }
}
