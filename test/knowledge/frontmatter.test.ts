import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { listMarkdown } from '../../src/knowledge/corpus.js';
import { readFrontMatter } from '../../src/knowledge/frontmatter.js';

/** Every front-matter block of the shipped base. */
const blocks = listMarkdown(join(import.meta.dirname, '../../data/knowledge')).flatMap((f) =>
  [...readFileSync(f, 'utf8').matchAll(/^---\n([\s\S]*?)\n---\n/gm)].map((m) => ({ f, yaml: m[1] })),
);

describe('the fast front-matter reader', () => {
  it('reads every shipped block exactly as the YAML library does', () => {
    expect(blocks.length).toBeGreaterThan(100);
    let fast = 0;
    for (const { f, yaml } of blocks) {
      const r = readFrontMatter(yaml);
      if (r === undefined) continue;
      fast++;
      expect(r, f).toEqual(parse(yaml));
    }
    expect(fast).toBeGreaterThan(blocks.length * 0.9);
  });

  it('gives up on anything beyond key: value lines, so YAML decides', () => {
    for (const y of ['a: b # note', 'a:\n  b: c', 'a: |\n  text', 'a: [x, [y]]', 'a: "open', "a: 'it''s", 'a: b\na: c', '- a', 'a: {b: 1}', 'a: x: y'])
      expect(readFrontMatter(y), y).toBeUndefined();
    expect(readFrontMatter(`id: x\narticle: "23"\nclause: 1\nsuperseded_by: null\ntags: [a, 'b, c', "d"]\nkeywords: []\ntitle: Tiêu chuẩn "LĐTT"`)).toEqual({
      id: 'x', article: '23', clause: 1, superseded_by: null, tags: ['a', 'b, c', 'd'], keywords: [], title: 'Tiêu chuẩn "LĐTT"',
    });
  });
});
