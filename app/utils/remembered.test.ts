import { describe, expect, it } from 'vitest';
import { remembered } from './remembered';

describe('remembered', () => {
  it('computes each key once, keeps no failure, and starts again past its bound', () => {
    const asked: string[] = [];
    const length = remembered((key: string) => {
      asked.push(key);
      if (key === 'bad') throw new Error('no answer');
      return key.length;
    }, 3);
    expect([length('a'), length('bb'), length('a'), length('bb')]).toEqual([1, 2, 1, 2]);
    expect(asked).toEqual(['a', 'bb']);
    expect(() => length('bad')).toThrow('no answer');
    expect(() => length('bad')).toThrow('no answer');
    expect(asked).toEqual(['a', 'bb', 'bad', 'bad']);
    length('ccc'); // the third answer kept
    length('dddd'); // over the bound: everything is forgotten, then this one kept
    length('a');
    expect(asked).toEqual(['a', 'bb', 'bad', 'bad', 'ccc', 'dddd', 'a']);
  });
});
