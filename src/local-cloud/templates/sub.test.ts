import { describe, expect, it } from 'vitest';
import { parseSub, subVariables } from './sub.ts';

describe('parseSub', () => {
  it('splits literals and variables, keeping ${!x} and unclosed ${ literal', () => {
    expect(parseSub('a-${B}-${C.Arn}${!D}-${E')).toEqual([{ literal: 'a-' }, { variable: 'B' }, { literal: '-' }, { variable: 'C.Arn' }, { literal: '${D}-${E' }]);
    expect(parseSub('')).toEqual([]);
  });

  it('lists the variable names', () => {
    expect(subVariables('${AWS::Region}/${Table.StreamArn}/${!Not}')).toEqual(['AWS::Region', 'Table.StreamArn']);
  });
});
