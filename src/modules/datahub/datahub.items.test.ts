import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_ITEMS, DATA_SOURCES, findItem } from './datahub.items.js';
import { maskRecord, subjectsFor } from './datahub.subjects.js';

// Every `datahub: { source, item, fields? }` the seed catalog names, read from the YAML text.
const catalogPairs = (() => {
  const dir = path.join(process.cwd(), 'catalog');
  const files = ['materials', 'matters'].flatMap((d) =>
    fs.readdirSync(path.join(dir, d)).map((f) => path.join(dir, d, f)),
  );
  const pairs = new Set<string>();
  for (const f of files)
    for (const m of fs
      .readFileSync(f, 'utf8')
      .matchAll(/datahub: \{ source: ([\w-]+), item: ([\w-]+)[ ,]/g))
      pairs.add(`${m[1]}/${m[2]}`);
  return [...pairs];
})();

describe('the data hub registry', () => {
  it('declares every item the catalog names for a connected source, with fields', () => {
    const connected = new Set(DATA_SOURCES.map((s) => s.code));
    const wanted = catalogPairs.filter((p) => connected.has(p.split('/')[0]!));
    expect(wanted.length).toBeGreaterThan(20);
    for (const p of wanted) {
      const [source, item] = p.split('/') as [string, string];
      expect(findItem(source, item), p).toBeDefined();
    }
    for (const i of DATA_ITEMS) expect(i.fields.length, `${i.source}/${i.item}`).toBeGreaterThan(0);
  });

  it('masks sensitive fields and finds the subjects of a newborn’s materials in the form', () => {
    const item = findItem('psb', 'population-basic')!;
    const masked = maskRecord(item.fields, {
      name: '张伟',
      idNumber: '330681199003071233',
      address: '浙江省诸暨市暨阳街道艮塔西路 18 号',
    });
    expect(masked.name).toBe('张伟');
    expect(masked.idNumber).toBe('330681********1233');
    expect(masked.address).toMatch(/^浙江.*\*+.*号$/);
    const ctx = {
      personKey: '330681199003071233',
      orgKey: null,
      form: { fatherIdNumber: '330681199003071233', motherIdNumber: '33040220000229002X' },
    };
    expect(subjectsFor('parents-identity', item, ctx)).toEqual([
      '330681199003071233',
      '33040220000229002X',
    ]);
    expect(subjectsFor('delivery-record', findItem('health', 'delivery-record')!, ctx)).toEqual([
      '33040220000229002X',
    ]);
    expect(subjectsFor('applicant-identity', item, ctx)).toEqual(['330681199003071233']);
  });
});
