import { valuesAtCreation } from '../../../src/core/contracts/value-at-creation';

/** Which values of a client attribute decide the contract: those at creation, or the first ones given. */
test('an attribute never changed: its current values are those at creation', () => {
  expect(valuesAtCreation([], ['Alfa'])).toEqual(['Alfa']);
});

test('a client changed later: the value before the first change decides', () => {
  expect(
    valuesAtCreation(
      [
        { from: ['Alfa'], to: ['Beta'] },
        { from: ['Beta'], to: ['Gamma'] },
      ],
      ['Gamma'],
    ),
  ).toEqual(['Alfa']);
});

test('empty at creation: the first values it was given decide, not the later ones', () => {
  expect(
    valuesAtCreation(
      [
        { from: [], to: ['Beta'] },
        { from: ['Beta'], to: ['Gamma'] },
      ],
      ['Gamma'],
    ),
  ).toEqual(['Beta']);
});

test('set and cleared again without ever holding a value: empty', () => {
  expect(valuesAtCreation([{ from: [], to: [] }], [])).toEqual([]);
});
