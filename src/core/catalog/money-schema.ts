import { z } from 'zod';
import { MAX_PRICE } from '../errors/input-bounds';

/** At most two decimals, as written: 2500.55 is a price, 2500.555 has a fraction of a kopeck. */
const WHOLE_MINOR_UNITS = /^\d+(\.\d{1,2})?$/;

/** An amount of money in the catalog's currency: bounded, never negative, in whole kopecks (cents). */
export const moneySchema = z
  .number({ error: 'expected an amount of money' })
  .nonnegative({ error: 'expected an amount >= 0' })
  .max(MAX_PRICE, { error: `expected an amount of at most ${MAX_PRICE}` })
  .refine((amount) => WHOLE_MINOR_UNITS.test(String(amount)), {
    message: 'expected at most two decimals (whole kopecks/cents), e.g. 2500.55',
  });
