import { describe, expect, it } from 'vitest';
import { createLogger, findIdNumbers, scrubLogLine } from './index.js';

const ID = '330681199003071233';
const FATHER = '11010519491231002X';

/** A logger at info whose lines land in `lines`, as the platform writes them. */
function captured() {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'info',
    pretty: false,
    destination: { write: (line: string) => void lines.push(line) },
  });
  return { logger, lines, text: () => lines.join('') };
}

describe('the platform logger', () => {
  it('redacts keys naming an identity number at any depth', () => {
    const { logger, lines, text } = captured();
    logger.info(
      {
        applicant: { person: { idNumber: ID, name: '张三' } },
        form: { fatherIdNumber: FATHER, mother_id_number: '33068119900307', spouseIDNumber: 42 },
        legalRepIdNumbers: [ID, FATHER],
        subjectKey: ID,
        idCard: { number: ID },
        idNumberChecked: null,
      },
      'nested',
    );
    logger.child({ holderIdNumber: ID }).info('child binding');
    expect(findIdNumbers(text())).toEqual([]);
    const first = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(first).toMatchObject({
      applicant: { person: { idNumber: '[redacted]', name: '张三' } },
      // A typed number with a wrong check character is still a person's number.
      form: {
        fatherIdNumber: '[redacted]',
        mother_id_number: '[redacted]',
        spouseIDNumber: '[redacted]',
      },
      legalRepIdNumbers: '[redacted]',
      subjectKey: '[redacted]',
      idCard: '[redacted]',
      idNumberChecked: null,
    });
    // Redacted at the key: the safety net had nothing left to mask.
    expect(first.maskedIdNumbers).toBeUndefined();
    expect(JSON.parse(lines[1] ?? '{}')).toMatchObject({ holderIdNumber: '[redacted]' });
  });

  it('redacts the detail of a database error, keeping its constraint', () => {
    const { logger, lines } = captured();
    const pgError = Object.assign(
      new Error('duplicate key value violates unique constraint "persons_id_number_key"'),
      {
        code: '23505',
        detail: `Key (id_number)=(${ID}) already exists.`,
        table: 'persons',
        constraint: 'persons_id_number_key',
      },
    );
    logger.error({ err: pgError }, 'unhandled error');
    logger.error({ err: new Error('insert failed', { cause: pgError }) }, 'wrapped');
    expect(findIdNumbers(lines.join(''))).toEqual([]);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      err: { code: '23505', detail: '[redacted]', constraint: 'persons_id_number_key' },
    });
    // pino folds a cause into the message and stack, without its fields.
    expect(lines[1]).not.toContain('Key (id_number)');
  });

  it('masks a number anywhere else and marks the line, so the leak can be found', () => {
    const { logger, lines } = captured();
    logger.info({ note: `applicant ${ID}` }, `looked up ${FATHER.toLowerCase()}`);
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({
      note: 'applicant 330681********1233',
      msg: 'looked up 110105********002X',
      maskedIdNumbers: 2,
    });
  });

  it('leaves alone what is not an identity number', () => {
    const { logger, lines } = captured();
    const others = 'order 33068119900307123, check 330681199003071234, run 13306811990030712331';
    logger.info({ receiptNo: '330681199003071234', size: 3306811990030712 }, others);
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ receiptNo: '330681199003071234', msg: others });
    expect(line.maskedIdNumbers).toBeUndefined();
  });

  it('logs a request URL with the query values left out', () => {
    const { logger, lines } = captured();
    const req = { method: 'GET', url: `/api/v1/hand-overs?q=${ID}&state=all`, ip: '127.0.0.1' };
    logger.info({ req }, 'incoming request');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      req: { method: 'GET', url: '/api/v1/hand-overs?q=*&state=*', remoteAddress: '127.0.0.1' },
    });
  });
});

describe('scrubLogLine', () => {
  it('keeps a line with nothing to scrub byte for byte', () => {
    const line = '{"level":30,"msg":"request completed","res":{"statusCode":200}}\n';
    expect(scrubLogLine(line)).toBe(line);
  });

  it('does not take a quoted key inside a string value for a key', () => {
    const line = '{"msg":"body was {\\"idNumber\\":1}","detail":{"a":[1,{"b":"}"}]},"n":1}\n';
    expect(scrubLogLine(line)).toBe(
      '{"msg":"body was {\\"idNumber\\":1}","detail":"[redacted]","n":1}\n',
    );
  });
});
