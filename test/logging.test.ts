import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactText } from '../src/telemetry/redact.js';
import { captureLogs } from './helpers/logs.js';


describe('log redaction', () => {
  const planted = {
    email: 'jane.doe+cv@example.co.uk',
    phone: '+44 20 7946 0958',
    usPhone: '(415) 555-0100',
    openaiKey: 'sk-proj-abcdefghijklmnopqrstuvwxyz123456',
    hfToken: 'hf_abcdefghijklmnopqrstuvwxyzABCD',
    awsKey: 'AKIAIOSFODNN7EXAMPLE',
  };

  it('redacts personal data and secrets in messages and fields', () => {
    const { lines, logger } = captureLogs();
    logger.info({ user: planted.email, nested: { phones: [planted.phone, planted.usPhone] } }, `contact ${planted.email} ${planted.phone}`);
    logger.warn({ headers: { authorization: `Bearer ${planted.openaiKey}` }, token: planted.hfToken, key: planted.awsKey }, 'call failed');
    logger.error({ err: new Error(`bad key ${planted.openaiKey} for ${planted.email}`) }, 'oops');
    const out = lines.join('');
    for (const value of Object.values(planted)) assert.ok(!out.includes(value), `leaked ${value}`);
    assert.match(out, /\[email\]/);
    assert.match(out, /\[phone\]/);
  });

  it('leaves ordinary numbers alone', () => {
    assert.equal(redactText('parsed 12 resumes in 345 ms'), 'parsed 12 resumes in 345 ms');
  });
});
