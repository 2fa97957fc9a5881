/** Lines of at most 100 columns, for the CLI's notes (cut after 4 lines, long words cut) and the diagnostics report (whole). */
import { describe, expect, it } from 'vitest';
import { cut, wrap } from '../../src-main/common/columns.js';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${String(i).padStart(2, '0')}`).join(' ');

describe('columns', () => {
  it('cut ends an over-long text in "…" at the width, and leaves a fitting one alone', () => {
    expect(cut('abcdef', 4)).toBe('abc…');
    expect(cut('abcd', 4)).toBe('abcd');
  });

  it('wraps after the first lead, continues under the other, and never passes 100 columns', () => {
    const lines = wrap(words(20), '  What to do: ', '    ');
    expect(lines).toEqual([
      '  What to do: word00 word01 word02 word03 word04 word05 word06 word07 word08 word09 word10 word11',
      '    word12 word13 word14 word15 word16 word17 word18 word19',
    ]);
  });

  it('cuts after 4 lines by default with "…", or keeps every line when asked', () => {
    const cutShort = wrap(words(80), '', '  ');
    expect(cutShort).toHaveLength(4);
    expect(cutShort[3]).toMatch(/…$/);
    expect(cutShort[3]!.length).toBeLessThanOrEqual(100);
    expect(wrap(words(80), '', '  ', { maxLines: Infinity })).toHaveLength(6);
  });

  it('cuts a word longer than a line, or keeps it whole on its own line for a report', () => {
    const long = 'x'.repeat(120);
    expect(wrap(`a ${long}`, 'Lead: ', '  ')).toEqual(['Lead: a', `  ${'x'.repeat(97)}…`]);
    expect(wrap(`a ${long} b`, 'Lead: ', '  ', { keepLongWords: true })).toEqual(['Lead: a', `  ${long}`, '  b']);
  });

  it('keeps a line of exactly 100 columns whole, and exactly 4 lines without "…"', () => {
    const hundred = `${'x'.repeat(49)} ${'y'.repeat(50)}`;
    expect(wrap(hundred, '', '  ')).toEqual([hundred]);
    expect(wrap(`${hundred} z`, '', '  ')).toEqual([`${'x'.repeat(49)} ${'y'.repeat(50)}`, '  z']);
    const four = wrap(`${'a'.repeat(99)} ${'b'.repeat(97)} ${'c'.repeat(97)} ${'d'.repeat(97)}`, '', '  ');
    expect(four).toEqual(['a'.repeat(99), `  ${'b'.repeat(97)}`, `  ${'c'.repeat(97)}`, `  ${'d'.repeat(97)}`]);
  });

  it('never leaves the first lead alone on a line, drops trailing blanks, and cuts a full last line to 100 with "…"', () => {
    expect(wrap('x'.repeat(120), 'Lead: ', '  ')).toEqual([`Lead: ${'x'.repeat(93)}…`]);
    expect(wrap('a ', 'L: ', '  ')).toEqual(['L: a']);
    const five = wrap(`${'a'.repeat(100)} ${'b'.repeat(98)} ${'c'.repeat(98)} ${'d'.repeat(98)} e`, '', '  ');
    expect(five).toEqual(['a'.repeat(100), `  ${'b'.repeat(98)}`, `  ${'c'.repeat(98)}`, `  ${'d'.repeat(96)}……`]);
  });
});
