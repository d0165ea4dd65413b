import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import {
  buildRecord,
  commitmentOf,
  dataHash,
  ledgerOrigin,
  ledgerTime,
  openingProblem,
} from './ledger.record.js';

const input = {
  type: 'case',
  action: 'case.submitted',
  actor: 'acct-1',
  actorRole: 'person',
  purpose: 'YCB2026120100000001',
  subjectIdNumber: '33040220000229002x',
  data: { applicationId: 'a-1', seq: 1, note: undefined, at: new Date('2026-12-01T02:00:00Z') },
  at: new Date('2026-12-01T02:00:00.123Z'),
};

describe('ledger records', () => {
  it('keep the record (canonical JSON, HMAC subject, data hash) as content, never the identity number', () => {
    const { record, content } = buildRecord(input, 'k'.repeat(32));
    expect(content).toBe(
      `{"action":"case.submitted","actor":"acct-1","actorRole":"person","dataHash":"${record.dataHash}","purpose":"YCB2026120100000001",` +
        `"subject":"${record.subject}","time":"2026-12-01T10:00:00.123+08:00","type":"case"}`,
    );
    expect(record.subject).toBe(
      createHmac('sha256', 'k'.repeat(32)).update('33040220000229002X').digest('hex'),
    );
    expect(content).not.toContain('33040220000229002');
  });

  it('publish only a salted commitment, the kind and the time as the leaf', () => {
    const { record, content, salt, entry } = buildRecord(input, 'k'.repeat(32), 'c2FsdA');
    // `salt` sorts between `purpose` and `subject` in canonical JSON.
    const salted = content.replace(',"subject"', ',"salt":"c2FsdA","subject"');
    expect(commitmentOf(record, salt)).toBe(createHash('sha256').update(salted).digest('base64'));
    expect(entry).toBe(
      `{"commitment":"${commitmentOf(record, salt)}","kind":"case","time":"2026-12-01T10:00:00.123+08:00"}`,
    );
    expect(entry).not.toContain(record.subject!);
    expect(entry).not.toContain(record.purpose);
    expect(openingProblem(entry, content, salt)).toBeUndefined();
  });

  it('make two entries of one person unlinkable, and refuse an opening that was edited', () => {
    const a = buildRecord(input, 'k'.repeat(32));
    const b = buildRecord(input, 'k'.repeat(32));
    expect(a.salt).not.toBe(b.salt);
    expect(a.entry).not.toBe(b.entry);
    expect(openingProblem(a.entry, b.content, b.salt)).toMatch(/commitment/);
    const edited = a.content.replace('case.submitted', 'case.withdrawn');
    expect(openingProblem(a.entry, edited, a.salt)).toMatch(/commitment/);
    expect(openingProblem(a.entry, a.content, 'x')).toMatch(/commitment/);
    expect(openingProblem(a.entry, '{"type":"case"}', a.salt)).toMatch(/not a ledger record/);
  });

  it('hash data as JSON carries it, so the stored case action reproduces the hash', () => {
    const stored = JSON.parse(JSON.stringify(input.data)) as unknown;
    expect(dataHash(input.data)).toBe(dataHash(stored));
    const canonical = '{"applicationId":"a-1","at":"2026-12-01T02:00:00.000Z","seq":1}';
    expect(dataHash(input.data)).toBe(createHash('sha256').update(canonical).digest('base64'));
    expect(dataHash(undefined)).toBe(createHash('sha256').update('null').digest('base64'));
  });

  it('have no subject without an identity number and refuse empty or over-long fields', () => {
    expect(buildRecord({ ...input, subjectIdNumber: null }, 'k').record.subject).toBeNull();
    expect(() => buildRecord({ ...input, action: '' }, 'k')).toThrow(/action/);
    expect(() => buildRecord({ ...input, purpose: 'x'.repeat(65) }, 'k')).toThrow(/purpose/);
    expect(() => buildRecord({ ...input, at: new Date('nope') }, 'k')).toThrow(/time/);
  });

  it('keep milliseconds in China time and name the origin after the public URL', () => {
    expect(ledgerTime(new Date('2026-12-31T16:30:00.5Z'))).toBe('2027-01-01T00:30:00.500+08:00');
    expect(ledgerOrigin('https://zwfw.jiaxing.gov.cn/')).toBe('zwfw.jiaxing.gov.cn/ledger');
    expect(ledgerOrigin('http://localhost:3000/onetrip')).toBe('localhost:3000/onetrip/ledger');
  });
});
