/** The diagnostics report's last pass, on literal text: credentials in URLs and headers read ***, known secrets too. */
import { describe, expect, it } from 'vitest';
import { redactReport } from '../../../src-main/core/diagnostics/redactReport.js';

describe('redactReport', () => {
  it.each([
    ['connect to neo4j://neo4j:hunter2-pw@db.example:7687 failed', 'connect to neo4j://***@db.example:7687 failed'],
    ['bolt+s://user@db.example', 'bolt+s://***@db.example'],
    ['GET https://abcd.supabase.co/rest/v1/t?apikey=sb_secret_abc123&select=* -> 401', 'GET https://abcd.supabase.co/rest/v1/t?apikey=***&select=* -> 401'],
    ['https://h/x?select=id&access_token=eyJhbGciOi.x.y#top', 'https://h/x?select=id&access_token=***#top'],
    ['https://h/?PASSWORD=a;b', 'https://h/?PASSWORD=***;b'],
    ['Authorization: Bearer sbp_0123456789abcdef', 'Authorization: Bearer ***'],
    ['https://h/?select=id&limit=1', 'https://h/?select=id&limit=1'],
    ['"https://h/?apikey=abc" and more', '"https://h/?apikey=***" and more'],
  ])('%s', (text, expected) => {
    expect(redactReport(text, [])).toBe(expected);
  });

  it('masks every known secret, raw and URL-encoded, but not values too short to tell from words', () => {
    expect(redactReport('key a+b/c= and a%2Bb%2Fc%3D; pw "neo"', ['a+b/c=', 'neo'])).toBe('key *** and ***; pw "neo"');
  });
});
