import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addItem, conversionUrl, isSku, itemCount, maxQuantity, parseBag } from '../src/lib/bag.ts';

describe('the bag in localStorage', () => {
  it('reads what it wrote', () => {
    const bag = addItem(addItem(addItem({}, 'jacket'), 'jacket'), 'trail-boots');
    expect(parseBag(JSON.stringify(bag))).toEqual({ jacket: 2, 'trail-boots': 1 });
    expect(itemCount(bag)).toBe(3);
  });

  it.each([
    [null, {}],
    ['', {}],
    ['not json', {}],
    ['{"jacket":', {}],
    ['null', {}],
    ['[1,2]', {}],
    ['"jacket"', {}],
    ['{"jacket":"2","../x":1,"":1,"Trail":1,"boots":0,"hat":-1,"cap":1.5}', {}],
    ['{"jacket":1000000,"boots":2}', { jacket: maxQuantity, boots: 2 }],
    ['{"__proto__":{"polluted":1},"jacket":1}', { jacket: 1 }],
  ])('reads %j as %j, never throwing', (stored, expected) => {
    expect(parseBag(stored)).toEqual(expected);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never throws and keeps only valid lines, whatever the storage holds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (stored) => {
        const bag = parseBag(stored);
        for (const [sku, quantity] of Object.entries(bag)) {
          expect(isSku(sku)).toBe(true);
          expect(Number.isInteger(quantity) && quantity >= 1 && quantity <= maxQuantity).toBe(true);
        }
      }),
    );
  });

  it('stops a line at the maximum quantity', () => {
    expect(addItem({ jacket: maxQuantity }, 'jacket')).toEqual({ jacket: maxQuantity });
  });

  it('names the product in the conversion request', () => {
    expect(conversionUrl('/bag/add.json', 'trail-boots')).toBe('/bag/add.json?sku=trail-boots');
  });
});
