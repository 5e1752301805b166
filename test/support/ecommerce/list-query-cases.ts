/** Boundary cases shared by the list query schemas (`listQuerySchema`): [value, accepted]. */
export const limitCases: [unknown, boolean][] = [
  [0, false],
  [1, true],
  [1000, true],
  [1001, false],
  [2.5, false],
  ['10', false],
];

export const sortDirectionCases: [string, boolean][] = [
  ['asc', true],
  ['desc', true],
  ['ASC', false],
  ['DESC', false],
  ['', false],
];
