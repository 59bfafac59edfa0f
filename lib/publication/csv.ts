// The project's one CSV dialect, its writer and its reader side by side; every CSV the engine reads or
// writes and every CSV the audit and the app read goes through here (the engine's DuckDB scan of input
// files parses the same dialect, after this reader has checked the file's structure).
//
// Dialect (RFC 4180): UTF-8 without a byte order mark; fields separated by ","; records end with "\n"
// ("\r\n" is read as "\n"; the writer always writes "\n"); a field holding ",", '"', "\r", "\n" or
// leading/trailing spaces is written between double quotes with each '"' doubled, and a quoted field may
// span lines. A quote inside an unquoted field, anything but "," or a line end after a closing quote, a
// quoted field never closed, a bare "\r" and a BOM are rejected, each with the file, line, column
// (field number, and its header name when known) and what is wrong.

/** A CSV problem: names the file, the line, the column and what is wrong. */
export class CsvError extends Error {
  readonly file: string;
  readonly line: number;
  /** 1-based field number; undefined for problems of the whole file. */
  readonly column: number | undefined;
  readonly problem: string;

  constructor(file: string, line: number, column: number | undefined, problem: string, columnName?: string) {
    const where = column === undefined ? "" : `, column ${column}${columnName ? ` (${columnName})` : ""}`;
    super(`${file}, line ${line}${where}: ${problem}`);
    this.name = "CsvError";
    this.file = file;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }
}

/** One CSV field: quoted when it holds a comma, quote, CR/LF or surrounding spaces. */
export function csvField(value: string | number | bigint | boolean): string {
  const s = String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV record with "\n" ending. */
export function csvLine(fields: readonly (string | number | bigint | boolean)[]): string {
  return fields.map(csvField).join(",") + "\n";
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const STRAY_QUOTE = 'quote inside an unquoted field (quote the whole field and double the quote: "a""b")';
const AFTER_QUOTE = 'unexpected character after a closing quote (a quote inside a quoted field is written "")';
const NOT_CLOSED = "quoted field not closed (a quote opens this field and no quote ends it)";
const BARE_CR = 'carriage return outside a quoted field (end lines with "\\n" or quote the field)';
export const BOM_PROBLEM = "starts with a UTF-8 byte order mark: save the file as UTF-8 without BOM";

interface Parsed {
  fields: string[];
  /** Index in the text after the record's line end. */
  next: number;
  /** Line ends inside the record (its own included). */
  lines: number;
}

/**
 * Parses one record of `text` from `start`. Returns undefined when the text ends inside the record and
 * `more` says more text follows; `fail(lineOffset, column, problem)` throws.
 */
function parseRecord(
  text: string,
  start: number,
  more: boolean,
  fail: (lineOffset: number, column: number, problem: string) => never,
): Parsed | undefined {
  const fields: string[] = [];
  let i = start;
  let lines = 0;
  const end = text.length;
  for (let column = 1; ; column++) {
    if (i < end && text.charCodeAt(i) === QUOTE) {
      const fieldLine = lines;
      let value = "";
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          if (more) return undefined;
          fail(fieldLine, column, NOT_CLOSED);
        }
        const part = text.slice(i, q);
        for (let k = part.indexOf("\n"); k >= 0; k = part.indexOf("\n", k + 1)) lines++;
        value += part;
        if (q + 1 < end && text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          i = q + 2;
        } else if (q + 1 === end && more) {
          return undefined; // a doubled quote may straddle the chunk boundary
        } else {
          i = q + 1;
          break;
        }
      }
      fields.push(value);
    } else {
      let j = i;
      while (j < end) {
        const c = text.charCodeAt(j);
        if (c === COMMA || c === LF) break;
        if (c === QUOTE) fail(lines, column, STRAY_QUOTE);
        if (c === CR && !(j + 1 < end && text.charCodeAt(j + 1) === LF)) {
          if (j + 1 === end && more) return undefined;
          fail(lines, column, BARE_CR);
        }
        if (c === CR) break;
        j++;
      }
      fields.push(text.slice(i, j));
      i = j;
    }
    if (i === end) {
      if (more) return undefined;
      return { fields, next: i, lines };
    }
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      continue;
    }
    if (c === CR && i + 1 < end && text.charCodeAt(i + 1) === LF) i++;
    else if (c === CR && i + 1 === end && more) return undefined;
    if (text.charCodeAt(i) === LF) return { fields, next: i + 1, lines: lines + 1 };
    fail(lines, column, AFTER_QUOTE);
  }
}

export interface CsvReadOptions {
  /** The header the file must have (record 1); its names label columns in errors. */
  columns?: readonly string[];
  /** Refuse a last record without "\n" (the writer always ends files with one). */
  finalNewline?: boolean;
}

const CHUNK = 1 << 24;

/**
 * Calls `row(fields, line)` for every data record of a CSV file's bytes (line = the line the record starts
 * on; the header is line 1). Decodes in chunks, so a large file never becomes one string.
 */
export function forEachCsvRecord(
  file: string,
  bytes: Uint8Array,
  row: (fields: string[], line: number) => void,
  options: CsvReadOptions = {},
): void {
  const { columns } = options;
  if (bytes.length === 0) throw new CsvError(file, 1, undefined, "empty file (expected a header line)");
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) throw new CsvError(file, 1, undefined, BOM_PROBLEM);
  if (options.finalNewline && bytes[bytes.length - 1] !== LF) {
    let lines = 1;
    for (let k = bytes.indexOf(LF); k >= 0; k = bytes.indexOf(LF, k + 1)) lines++;
    throw new CsvError(file, lines, undefined, "missing final newline");
  }
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  let offset = 0;
  let text = "";
  let pos = 0;
  let header = true;
  for (;;) {
    const more = offset < bytes.length;
    if (more) {
      let end = Math.min(offset + CHUNK, bytes.length);
      if (end < bytes.length) {
        const nl = bytes.indexOf(LF, end);
        end = nl < 0 ? bytes.length : nl + 1;
      }
      let decoded: string;
      try {
        decoded = decoder.decode(bytes.subarray(offset, end));
      } catch {
        throw new CsvError(file, line, undefined, "not valid UTF-8");
      }
      text = text.slice(pos) + decoded;
      pos = 0;
      offset = end;
    }
    const final = offset >= bytes.length;
    while (pos < text.length) {
      const recordLine = line;
      const parsed = parseRecord(text, pos, !final, (lineOffset, column, problem) => {
        throw new CsvError(file, recordLine + lineOffset, column, problem, header ? undefined : columns?.[column - 1]);
      });
      if (!parsed) break;
      pos = parsed.next;
      line += parsed.lines;
      if (header) {
        header = false;
        if (columns && parsed.fields.join(",") !== columns.join(",")) {
          throw new CsvError(file, 1, undefined, `header must be ${columns.join(",")}`);
        }
        continue;
      }
      if (columns && parsed.fields.length !== columns.length) {
        throw new CsvError(
          file,
          recordLine,
          undefined,
          `expected ${columns.length} fields, got ${parsed.fields.length}`,
        );
      }
      row(parsed.fields, recordLine);
    }
    if (final) break;
  }
  if (header) throw new CsvError(file, 1, undefined, "empty file (expected a header line)");
}

/** The fields of the one record starting at byte `pos` and the byte after it; for byte-level readers' rare lines. */
export function csvRecordAt(
  file: string,
  bytes: Uint8Array,
  pos: number,
  line: number,
  columns?: readonly string[],
): { fields: string[]; end: number; lines: number } {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (let window = 1 << 12; ; window *= 4) {
    const end = Math.min(pos + window, bytes.length);
    let text: string;
    try {
      text = decoder.decode(bytes.subarray(pos, end));
    } catch {
      if (end < bytes.length) continue; // the window may cut a character
      throw new CsvError(file, line, undefined, "not valid UTF-8");
    }
    const parsed = parseRecord(text, 0, end < bytes.length, (lineOffset, column, problem) => {
      throw new CsvError(file, line + lineOffset, column, problem, columns?.[column - 1]);
    });
    if (parsed) {
      const consumed = new TextEncoder().encode(text.slice(0, parsed.next)).length;
      return { fields: parsed.fields, end: pos + consumed, lines: parsed.lines };
    }
  }
}

/** Splits one CSV record held in a string (no line end needed); throws a CsvError naming `file` and `line`. */
export function parseCsvLine(text: string, file = "CSV", line = 1): string[] {
  const parsed = parseRecord(text, 0, false, (lineOffset, column, problem) => {
    throw new CsvError(file, line + lineOffset, column, problem);
  });
  return parsed!.fields;
}
