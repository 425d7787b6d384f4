import { DateTime } from 'luxon';
import { minorToDecimal } from '../ledger/minor-units';
import { parseMonthId, type MonthId } from '../ledger/month-table';

/** Languages of the statement. */
export const LANGS = ['ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const NBSP = '\u00a0';

const MONTHS: Record<Lang, readonly string[]> = {
  ru: [
    'Январь',
    'Февраль',
    'Март',
    'Апрель',
    'Май',
    'Июнь',
    'Июль',
    'Август',
    'Сентябрь',
    'Октябрь',
    'Ноябрь',
    'Декабрь',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

const CURRENCY_SIGNS: Record<string, string> = { RUB: '₽', USD: '$', EUR: '€' };

/**
 * Numbers, money and dates in the reader's locale, written out here rather than through `Intl` so
 * that a statement reads the same on every Node and ICU version (goldens stay byte-stable):
 * ru-RU groups thousands with a no-break space and uses a decimal comma ("1 234,5", "20.11.2026");
 * en uses a comma and a point ("1,234.5", "Nov 20, 2026").
 *
 * @example
 * new StatementLocale('ru', 'RUB').money(123456); // "1 234,56 ₽"
 * new StatementLocale('en', 'RUB').number(1234.5); // "1,234.5"
 */
export class StatementLocale {
  private readonly group: string;
  private readonly decimal: string;

  constructor(
    readonly lang: Lang,
    readonly currency: string,
  ) {
    this.group = lang === 'ru' ? NBSP : ',';
    this.decimal = lang === 'ru' ? ',' : '.';
  }

  /** A number rounded half away from zero to `maxFraction` digits, trailing zeros kept down to `minFraction`. */
  number(value: number, maxFraction = 1, minFraction = 0): string {
    const scale = 10 ** maxFraction;
    const scaled = Math.round(Math.abs(value) * scale);
    const negative = value < 0 && scaled !== 0;
    const whole = Math.floor(scaled / scale);
    let fraction = maxFraction > 0 ? String(scaled - whole * scale).padStart(maxFraction, '0') : '';
    while (fraction.length > minFraction && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
    const digits = String(whole);
    let grouped = '';
    for (let index = 0; index < digits.length; index++) {
      if (index > 0 && (digits.length - index) % 3 === 0) grouped += this.group;
      grouped += digits[index];
    }
    return `${negative ? '−' : ''}${grouped}${fraction ? this.decimal + fraction : ''}`;
  }

  /** Hours from seconds, to 0.01 h. */
  hours(seconds: number): string {
    return this.number(seconds / 3_600, 2);
  }

  /** Hours with the unit: "27,25 ч", "27.25 h". */
  hoursWithUnit(seconds: number): string {
    return `${this.hours(seconds)}${NBSP}${this.lang === 'ru' ? 'ч' : 'h'}`;
  }

  /** Working minutes with the unit. */
  minutes(value: number | null): string {
    if (value === null) return '—';
    return `${this.number(value, 1)}${NBSP}${this.lang === 'ru' ? 'мин' : 'min'}`;
  }

  /** Minor units as grouped digits with two decimals, computed exactly (no exponent, no binary fraction). */
  private exactAmount(minor: number): string {
    const text = minorToDecimal(minor);
    const negative = text.startsWith('-');
    const [whole, fraction] = (negative ? text.slice(1) : text).split('.');
    let grouped = '';
    for (let index = 0; index < whole.length; index++) {
      if (index > 0 && (whole.length - index) % 3 === 0) grouped += this.group;
      grouped += whole[index];
    }
    return `${negative ? '−' : ''}${grouped}${this.decimal}${fraction}`;
  }

  /** Money from minor units: "1 234,50 ₽", "RUB 1,234.50". */
  money(minor: number): string {
    const text = this.exactAmount(minor);
    if (this.lang === 'ru') return `${text}${NBSP}${CURRENCY_SIGNS[this.currency] ?? this.currency}`;
    return text.startsWith('−') ? `−${this.currency}${NBSP}${text.slice(1)}` : `${this.currency}${NBSP}${text}`;
  }

  /** Money without the currency, for tables whose header names it. */
  amount(minor: number): string {
    return this.exactAmount(minor);
  }

  /** "95,5 %" (ru), "95.5%" (en); a dash when there is nothing to measure. */
  percent(value: number | null): string {
    if (value === null) return '—';
    return this.lang === 'ru' ? `${this.number(value, 1)}${NBSP}%` : `${this.number(value, 1)}%`;
  }

  /** A local date `YYYY-MM-DD`: "20.11.2026", "Nov 20, 2026". */
  date(isoDate: string): string {
    const [year, month, day] = isoDate.split('-');
    if (this.lang === 'ru') return `${day}.${month}.${year}`;
    return `${MONTHS.en[Number(month) - 1].slice(0, 3)} ${Number(day)}, ${year}`;
  }

  /** An instant in a zone: "20.11.2026 15:30", "Nov 20, 2026 15:30". */
  dateTime(instantMs: number, zone: string): string {
    const local = DateTime.fromMillis(instantMs, { zone });
    return `${this.date(local.toFormat('yyyy-MM-dd'))} ${local.toFormat('HH:mm')}`;
  }

  /** Day of month and short month for chart axes: "20.11", "11/20". */
  shortDate(isoDate: string): string {
    const [, month, day] = isoDate.split('-');
    return this.lang === 'ru' ? `${day}.${month}` : `${Number(month)}/${Number(day)}`;
  }

  /** "Ноябрь 2026", "November 2026". */
  month(month: MonthId): string {
    const parsed = parseMonthId(month);
    if (!parsed) return month;
    return `${MONTHS[this.lang][parsed.month - 1]} ${parsed.year}`;
  }
}
