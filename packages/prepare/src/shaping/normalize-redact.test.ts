import { checkStepConformance, makeRecord, runStep } from '@tunekit/core/testing';
import { describe, expect, it } from 'vitest';
import { normalizeStep } from './normalize.js';
import { isValidCnId, passesLuhn } from './pii-detectors.js';
import { redactPiiStep } from './redact-pii.js';

describe('normalize', () => {
  it('cleans whitespace and control characters by default, NFKC and full-width on request', async () => {
    const record = makeRecord({
      q: '  消费者\u200b 权益\r\n\r\n\r\n\r\n第一条\u0007 ',
      n: 3,
      list: ['ＡＢＣ　１２３'],
    });
    const plain = await runStep(normalizeStep, {}, [record]);
    expect(plain.out[0]!.data).toEqual({ q: '消费者 权益\n\n第一条', n: 3, list: ['ＡＢＣ　１２３'] });
    expect(plain.counters.changed).toBe(1);
    const wide = await runStep(normalizeStep, { fullwidth: true }, [record]);
    expect((wide.out[0]!.data as { list: string[] }).list).toEqual(['ABC 123']);
    const nfkc = await runStep(normalizeStep, { nfkc: true, whitespace: false }, [makeRecord({ t: 'ﬁ①' })]);
    expect(nfkc.out[0]!.data).toEqual({ t: 'fi1' });
    await checkStepConformance(normalizeStep, {}, [record]);
  });
});

describe('redact-pii', () => {
  it('verifies checksums', () => {
    expect(isValidCnId('11010519491231002X')).toBe(true);
    expect(isValidCnId('110105194912310021')).toBe(false);
    // The checksum passes, but 0717-82-34 and 1990-13-01 are no birth dates: a credit code, an order number.
    expect(isValidCnId('911100007178234561')).toBe(false);
    expect(isValidCnId('440300199013011235')).toBe(false);
    expect(passesLuhn('4111 1111 1111 1111')).toBe(true);
    expect(passesLuhn('4111 1111 1111 1112')).toBe(false);
  });

  it('replaces each kind with a typed placeholder and counts per kind', async () => {
    const text =
      '联系张三：zhang.san@example.com，手机 138 1234 5678 或 +86 13912345678，身份证 11010519491231002X（假号 110105194912310021）。' +
      ' Card 4111-1111-1111-1111, not 4111-1111-1111-1112. SSN 123-45-6789. Call +44 20 7946 0958 or (555) 123-4567. ' +
      'Server 192.168.1.20 and 2001:db8::1; version 1.2.3 stays.';
    const r = await runStep(redactPiiStep, {}, [makeRecord({ messages: [{ role: 'user', content: text }] })]);
    const out = (r.out[0]!.data as { messages: { content: string }[] }).messages[0]!.content;
    expect(out).toBe(
      '联系张三：[EMAIL]，手机 [PHONE] 或 [PHONE]，身份证 [CN_ID]（假号 110105194912310021）。' +
        ' Card [CARD], not 4111-1111-1111-1112. SSN [SSN]. Call [PHONE] or [PHONE]. ' +
        'Server [IP] and [IP]; version 1.2.3 stays.',
    );
    expect(r.counters).toMatchObject({ email: 1, phone: 4, cn_id: 1, card: 1, ssn: 1, ip: 2 });
    await checkStepConformance(redactPiiStep, {}, [makeRecord({ t: text })]);
  });

  it('finds North American numbers without parentheses and Chinese landlines, not case numbers, dates or ISBNs', async () => {
    const text =
      'Call 415-555-2671, 415.555.2671 or 1-800-555-0199; 电话010-62345678、0755-88886666。' +
      '（2019）京01民终1234号，2019-01-01，No. 2019-123-4567，ISBN 978-7-111-12345-6，第1234条，555-123-45678。';
    const r = await runStep(redactPiiStep, { kinds: ['phone'] }, [makeRecord({ t: text })]);
    expect((r.out[0]!.data as { t: string }).t).toBe(
      'Call [PHONE], [PHONE] or [PHONE]; 电话[PHONE]、[PHONE]。' +
        '（2019）京01民终1234号，2019-01-01，No. 2019-123-4567，ISBN 978-7-111-12345-6，第1234条，555-123-45678。',
    );
    expect(r.counters).toEqual({ phone: 5 });
  });
});
