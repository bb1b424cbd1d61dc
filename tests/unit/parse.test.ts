import { describe, expect, it } from 'vitest';
import { parseNumeric, toHalfWidth } from '../../src/model/numeric';

describe('numbers as staff write them', () => {
  it.each([
    [1234.5, 1234.5],
    ['1,234.5', 1234.5],
    ['1,234,567', 1234567],
    ['101.99%', 1.0199],
    ['  42 ', 42],
    ['１２３．４', 123.4],
    ['８５％', 0.85],
    ['-3', -3],
    ['.5', 0.5],
  ])('%s → %d', (raw, want) => {
    expect(parseNumeric(raw)).toMatchObject({ kind: 'number', value: want });
  });

  it.each([['/'], ['／'], ['不适用']])('%s is not applicable', (raw) => {
    expect(parseNumeric(raw).kind).toBe('na');
  });

  it.each([[null], [''], ['  '], ['—'], ['-']])('%s is empty', (raw) => {
    expect(parseNumeric(raw).kind).toBe('empty');
  });

  it.each([['abc'], ['12,34'], ['1.2.3'], ['#DIV/0!'], [Number.NaN], [Infinity], ['1e999']])('%s is invalid', (raw) => {
    expect(parseNumeric(raw).kind).toBe('invalid');
  });

  it('full-width to half-width', () => {
    expect(toHalfWidth('（万元）１，２３４')).toBe('(万元)1,234');
  });
});
