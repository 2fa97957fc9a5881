/**
 * parseDotEnv against an independent model of the documented .env rules, on random inputs built
 * from the characters that matter (quotes, backslashes, #, =, blanks, line breaks, "export").
 *
 * The rules:
 *  1. A byte order mark at the start is ignored; CRLF is read as LF; lines end at LF.
 *  2. A blank line, or one whose first non-blank character is #, is skipped.
 *  3. Otherwise the line must be [export<blanks>]NAME<blanks>=… with NAME a letter or _ followed by
 *     letters, digits, _ . -; any other line is reported as "line N" (never quoted) and skipped;
 *     past 100 such lines, one last entry counts the rest ("N more lines").
 *  4. After = and any blanks, the value is
 *     - '…': everything up to the next ', as written, across lines if need be;
 *     - "…": everything up to the next " that no backslash escapes, across lines if need be, then
 *       \n \r \t \" \\ are decoded and any other backslash is kept;
 *       (the rest of the line after a closing quote is ignored)
 *     - an opening quote never closed: reported under NAME, and the rest of the file is skipped;
 *     - otherwise everything up to the first # that follows a blank (an inline comment), trimmed.
 *  5. A later line for the same NAME wins.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDotEnv, type DotEnvParse } from '../../../src-main/core/credentials/envImport.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const DECODED: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** Where the quoted text in `body` ends, or -1. */
function closingQuote(body: string, quote: string): number {
  for (let k = 0; k < body.length; k++) {
    if (quote === '"' && body[k] === '\\') k++;
    else if (body[k] === quote) return k;
  }
  return -1;
}

function decodeDoubleQuoted(inner: string): string {
  let out = '';
  for (let k = 0; k < inner.length; k++) {
    const next = inner[k + 1];
    if (inner[k] === '\\' && next !== undefined && next in DECODED) {
      out += DECODED[next];
      k++;
    } else {
      out += inner[k];
    }
  }
  return out;
}

/** Slow on purpose (it re-reads growing text), but plainly the rules above. */
function model(content: string): DotEnvParse {
  const text = (content.startsWith('\uFEFF') ? content.slice(1) : content).split('\r\n').join('\n');
  const lines = text.split('\n');
  const vars = new Map<string, string>();
  const malformed: DotEnvParse['malformed'] = [];
  let badLines = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const eq = line.indexOf('=');
    let name = eq < 0 ? '' : line.slice(0, eq).trim();
    if (!NAME.test(name) && /^export\s/.test(name)) name = name.slice('export'.length).trim();
    if (!NAME.test(name)) {
      if (badLines++ < 100) malformed.push({ name: `line ${i + 1}`, reason: 'not a KEY=value line; skipped' });
      continue;
    }
    const value = line.slice(eq + 1).trimStart();
    const quote = value[0];
    if (quote === '"' || quote === "'") {
      let body = value.slice(1);
      let last = i;
      while (closingQuote(body, quote) < 0 && last + 1 < lines.length) body += '\n' + lines[++last]!;
      const end = closingQuote(body, quote);
      if (end < 0) {
        malformed.push({ name, reason: `line ${i + 1}: the ${quote} quote is never closed; the rest of the file was skipped` });
        break;
      }
      vars.set(name, quote === '"' ? decodeDoubleQuoted(body.slice(0, end)) : body.slice(0, end));
      i = last;
      continue;
    }
    let comment = -1;
    for (let k = 1; k < value.length && comment < 0; k++) if (value[k] === '#' && /\s/.test(value[k - 1]!)) comment = k;
    vars.set(name, (comment < 0 ? value : value.slice(0, comment)).trim());
  }
  if (badLines > 100) malformed.push({ name: `${badLines - 100} more lines`, reason: 'not KEY=value lines; skipped' });
  return { vars, malformed };
}

const PIECES = [
  'A', 'b_1', 'X.y-z', '__proto__', 'export', 'export ', 'export\t', ' ', '\t', '\u00a0', '=', 'A=', 'export A=', '"', "'", '`',
  '\\', '\\n', '\\"', '#', ' #', 'x', 'n', 'é', '\n', '\r\n', '\r', '\uFEFF', '1 2',
  // whole lines, so that multi-line values and the lines after them are common
  '\nA="x\ny"', "\nB='\n'", '\nbad line\n', '\nC=1 # c\n', '\nbad\n'.repeat(60),
];
const content = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

describe('parseDotEnv follows the documented rules', () => {
  it('agrees with the model on random input', () => {
    fc.assert(
      fc.property(content, (text) => {
        expect(parseDotEnv(text)).toEqual(model(text));
      }),
      { numRuns: 5_000 },
    );
  });

  it('model and parser both give the literal result for each rule', () => {
    const text = [
      '\uFEFFA=1',
      'export B = two words  # note',
      'C=x#y',
      '# comment',
      '  D="multi\r\nline \\"q\\" \\\\ \\q"',
      "E='lit \\n #'",
      'F="tab\\tend"  trailing junk',
      'bad line',
      '=nope',
      'export=1',
      'export  export =2',
      'I=',
      'J=""',
      "K=''",
      'I=later',
      '__proto__=p',
      'L=  #not a comment',
      'G="never closed',
      'H=lost',
    ].join('\n');
    const expected: DotEnvParse = {
      vars: new Map([
        ['A', '1'],
        ['B', 'two words'],
        ['C', 'x#y'],
        ['D', 'multi\nline "q" \\ \\q'],
        ['E', 'lit \\n #'],
        ['F', 'tab\tend'],
        ['export', '2'],
        ['I', 'later'],
        ['J', ''],
        ['K', ''],
        ['__proto__', 'p'],
        ['L', '#not a comment'],
      ]),
      malformed: [
        { name: 'line 9', reason: 'not a KEY=value line; skipped' },
        { name: 'line 10', reason: 'not a KEY=value line; skipped' },
        { name: 'G', reason: 'line 19: the " quote is never closed; the rest of the file was skipped' },
      ],
    };
    expect(model(text)).toEqual(expected);
    expect(parseDotEnv(text)).toEqual(expected);
  });
});
