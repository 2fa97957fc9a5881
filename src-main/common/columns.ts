/** Text for a terminal or a pasted report: lines of at most MAX_COLUMNS columns. Browser-safe. */
export const MAX_COLUMNS = 100;
/** A note longer than this many lines is cut (the CLI's; the log file has it whole). */
export const MAX_NOTE_LINES = 4;

export function cut(text: string, width: number): string {
  return text.length > width ? text.slice(0, width - 1) + '…' : text;
}

export interface WrapOptions {
  /** More lines than this end in "…" (default MAX_NOTE_LINES). */
  maxLines?: number;
  /** A word longer than a line stays whole on its own line instead of being cut (a URL in a report). */
  keepLongWords?: boolean;
}

/**
 * Words wrapped to MAX_COLUMNS after `first` (the first line's lead) and `rest` (the others'); a word
 * longer than a line is cut unless kept, and more than `maxLines` lines end in "…".
 */
export function wrap(text: string, first: string, rest: string, options: WrapOptions = {}): string[] {
  const maxLines = options.maxLines ?? MAX_NOTE_LINES;
  const fit = (word: string, room: number) => (options.keepLongWords ? word : cut(word, room));
  const lines: string[] = [];
  let line = first;
  let lead = first;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const piece = fit(word, MAX_COLUMNS - lead.length);
    if (line.length > lead.length && line.length + 1 + piece.length > MAX_COLUMNS) {
      lines.push(line);
      line = lead = rest;
    }
    line += (line.length > lead.length ? ' ' : '') + fit(word, MAX_COLUMNS - lead.length);
  }
  lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = cut(kept[maxLines - 1]!, MAX_COLUMNS - 1) + '…';
  return kept;
}
