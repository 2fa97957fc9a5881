import { describe, expect, it } from 'vitest';
import { gatewayNote } from '../../../src-main/core/probes/gatewayNote.js';

const JSON_TYPE = 'application/json; charset=utf-8';

describe('gatewayNote', () => {
  it('quotes the message and adds the hint', () => {
    expect(gatewayNote(JSON_TYPE, '{"message":"Project paused","hint":"Restore it."}')).toBe('"Project paused" — Restore it.');
  });

  it('a message without hint (or with an empty or non-text hint) is the message alone', () => {
    expect(gatewayNote('application/json', '{"message":"Invalid API key"}')).toBe('"Invalid API key"');
    expect(gatewayNote('application/json', '{"message":"Invalid API key","hint":"  "}')).toBe('"Invalid API key"');
    expect(gatewayNote('application/json', '{"message":"Invalid API key","hint":42}')).toBe('"Invalid API key"');
  });

  it('reads JSON media types with a suffix, in any case', () => {
    expect(gatewayNote('application/problem+json', '{"message":"m"}')).toBe('"m"');
    expect(gatewayNote('Application/JSON', '{"message":"m"}')).toBe('"m"');
  });

  it('never shows an HTML page or text that is not such JSON', () => {
    expect(gatewayNote('text/html; charset=UTF-8', '<html><body>{"message":"x"}</body></html>')).toBeNull();
    expect(gatewayNote('text/html', '{"message":"looks like json"}')).toBeNull();
    expect(gatewayNote(null, '{"message":"no type"}')).toBeNull();
    expect(gatewayNote('text/plain; x=application/json', '{"message":"x"}')).toBeNull();
    expect(gatewayNote('application/jsonp', '{"message":"x"}')).toBeNull();
    expect(gatewayNote(JSON_TYPE, '<html>')).toBeNull();
    expect(gatewayNote(JSON_TYPE, 'null')).toBeNull();
    expect(gatewayNote(JSON_TYPE, '"a string"')).toBeNull();
    expect(gatewayNote(JSON_TYPE, '[{"message":"in an array"}]')).toBeNull();
    expect(gatewayNote(JSON_TYPE, '{"hint":"hint alone"}')).toBeNull();
    expect(gatewayNote(JSON_TYPE, '{"message":""}')).toBeNull();
    expect(gatewayNote(JSON_TYPE, '{"message":{"nested":"x"}}')).toBeNull();
  });

  it('is one line of at most 200 characters', () => {
    const note = gatewayNote(JSON_TYPE, JSON.stringify({ message: 'line one\nline   two', hint: 'h'.repeat(500) }))!;
    expect(note).toBe(`"line one line two" — ${'h'.repeat(177)}…`);
    expect(note).toHaveLength(200);
  });
});
