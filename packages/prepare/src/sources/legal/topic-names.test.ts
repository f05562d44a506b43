import { describe, expect, it } from 'vitest';
import type { Heading, LegalUnit } from './legal-chunk.js';
import { LawTopics, topicNames } from './topic-names.js';

const h = (label: string, title: string, level: number): Heading => ({ label, title, level });
const unit = (...headings: Heading[]): LegalUnit => ({ kind: 'article', headings, line: 1, paragraphs: ['x'] });

describe('topicNames', () => {
  it('keeps a title that heads one place, and qualifies one that heads several by the headings above it', () => {
    const contract = h('第三编', '合同', 0);
    const units = [
      unit(h('第一编', '总则', 0), h('第一章', '基本规定', 2)),
      unit(h('第二编', '物权', 0), h('第一分编', '通则', 1), h('第一章', '一般规定', 2)),
      unit(h('第二编', '物权', 0), h('第一分编', '通则', 1), h('第一章', '一般规定', 2)),
      unit(contract, h('第一分编', '通则', 1), h('第一章', '一般规定', 2)),
      unit(contract, h('第二分编', '典型合同', 1), h('第九章', '买卖合同', 2)),
      unit(),
    ];
    const topic = topicNames(units);
    expect(units.map(topic)).toEqual([
      '基本规定',
      '一般规定（第二编 物权 › 第一分编 通则）',
      '一般规定（第二编 物权 › 第一分编 通则）',
      '一般规定（第三编 合同 › 第一分编 通则）',
      '买卖合同',
      '',
    ]);
  });

  it('uses the nearest heading above when it tells them apart, and the label when nothing above does', () => {
    const part = h('Part I', 'Sales', 0);
    const units = [
      unit(part, h('Chapter 1', 'General Provisions', 2)),
      unit(h('Part II', 'Leases', 0), h('Chapter 1', 'General Provisions', 2)),
      unit(part, h('Chapter 2', 'Definitions', 2)),
      unit(part, h('Chapter 3', 'Definitions', 2)),
    ];
    expect(units.map(topicNames(units))).toEqual([
      'General Provisions (Part I Sales)',
      'General Provisions (Part II Leases)',
      'Chapter 2 Definitions (Part I Sales)',
      'Chapter 3 Definitions (Part I Sales)',
    ]);
  });

  it("takes a unit's own title as its topic, qualified like a heading's when it repeats", () => {
    const titled = (label: string, title: string, ...headings: Heading[]): LegalUnit => ({
      ...unit(...headings),
      label,
      title,
    });
    const units = [
      titled('ARTICLE 5', 'CONFIDENTIALITY'),
      titled('ARTICLE 6', 'NOTICES'),
      titled('ARTICLE 9', 'NOTICES'),
      unit(h('ARTICLE 7', 'TERM', 0)),
    ];
    expect(units.map(topicNames(units))).toEqual(['CONFIDENTIALITY', 'ARTICLE 6 NOTICES', 'ARTICLE 9 NOTICES', 'TERM']);
  });

  it('qualifies a topic that an earlier document of the same law has by the document', () => {
    const topics = new LawTopics();
    const general = [unit(h('第一章', '一般规定', 2)), unit(h('第十章', '附则', 2))];
    const contracts = [unit(h('第一章', '一般规定', 2)), unit(h('第二章', '合同的订立', 2))];
    expect(general.map(topics.topicsOf('民法典', '总则', general))).toEqual(['一般规定', '附则']);
    expect(contracts.map(topics.topicsOf('民法典', '合同编', contracts))).toEqual(['一般规定（合同编）', '合同的订立']);
    // Another law may have the same topics.
    expect(contracts.map(topics.topicsOf('消费者权益保护法', '消法', contracts))).toEqual(['一般规定', '合同的订立']);
  });

  it('qualifies by the folders above a document when its name is taken too (versions of a law in folders)', () => {
    const topics = new LawTopics();
    const scope = [unit(h('Chapter 1', 'Scope', 2))];
    const asked = ['../data/v1/consumer', '../data/v2/consumer', '../data/v3/consumer'].map(
      (document) => scope.map(topics.topicsOf('Consumer Act', document, scope))[0],
    );
    expect(asked).toEqual(['Scope', 'Scope (consumer)', 'Scope (v3/consumer)']);
  });
});
