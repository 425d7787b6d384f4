import { StatementLocale } from '../../../src/core/statement/statement-locale';

const NBSP = '\u00a0';

describe('numbers, money and dates in the reader’s locale', () => {
  const ru = new StatementLocale('ru', 'RUB');
  const en = new StatementLocale('en', 'RUB');

  test('Russian groups thousands with a no-break space and uses a decimal comma', () => {
    expect(ru.number(1234.5)).toBe(`1${NBSP}234,5`);
    expect(ru.number(1234567.25, 2)).toBe(`1${NBSP}234${NBSP}567,25`);
    expect(ru.number(999)).toBe('999');
  });

  test('English groups with commas and uses a decimal point', () => {
    expect(en.number(1234.5)).toBe('1,234.5');
    expect(en.number(1234567.25, 2)).toBe('1,234,567.25');
  });

  test('Rounding is half away from zero, and trailing zeros are dropped unless asked for', () => {
    expect(en.number(2.25, 1)).toBe('2.3');
    expect(en.number(-2.25, 1)).toBe('−2.3');
    expect(en.number(2.5, 0)).toBe('3');
    expect(en.number(27.0, 2)).toBe('27');
    expect(en.number(27, 2, 2)).toBe('27.00');
    expect(en.number(-0.001, 2)).toBe('0');
  });

  test('Money is written from kopecks with two decimals and the currency', () => {
    expect(ru.money(123_456)).toBe(`1${NBSP}234,56${NBSP}₽`);
    expect(en.money(123_456)).toBe(`RUB${NBSP}1,234.56`);
    expect(ru.money(-287_500)).toBe(`−2${NBSP}875,00${NBSP}₽`);
    expect(new StatementLocale('ru', 'KZT').money(100)).toBe(`1,00${NBSP}KZT`);
  });

  test('Dates read as 20.11.2026 in Russian and Nov 20, 2026 in English; instants in the given zone', () => {
    expect(ru.date('2026-11-20')).toBe('20.11.2026');
    expect(en.date('2026-11-20')).toBe('Nov 20, 2026');
    const instant = Date.parse('2026-11-20T12:30:00Z');
    expect(ru.dateTime(instant, 'Europe/Moscow')).toBe('20.11.2026 15:30');
    expect(en.dateTime(instant, 'America/New_York')).toBe('Nov 20, 2026 07:30');
  });

  test('Month titles and percents follow the language', () => {
    expect(ru.month('2026-11')).toBe('Ноябрь 2026');
    expect(en.month('2026-11')).toBe('November 2026');
    expect(ru.percent(83.333)).toBe(`83,3${NBSP}%`);
    expect(en.percent(null)).toBe('—');
  });
});
