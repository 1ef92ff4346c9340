import type { Column } from '../../../exec/batch/column.js';
import { stringsColumn } from '../columns.js';
import { FIELD } from '../fields.js';
import { EventRandom, fieldKey } from '../random.js';
import { notNull } from '../schema.js';
import { dateTimes, int64Of, pickPerEvent, type NexmarkContext } from './context.js';
import { FIRST_PERSON_ID, lastPersonId } from './model.js';
import { nextExtra, slice } from './strings.js';

/** Nexmark's Person, with the field names of the Flink/RisingWave Nexmark SQL tables. */
export const PERSON_SCHEMA = [
  notNull('id', 'BIGINT'),
  notNull('name', 'VARCHAR'),
  notNull('email_address', 'VARCHAR'),
  notNull('credit_card', 'VARCHAR'),
  notNull('city', 'VARCHAR'),
  notNull('state', 'VARCHAR'),
  notNull('date_time', 'TIMESTAMP'),
  notNull('extra', 'VARCHAR'),
];

// The reference's small value lists, so that queries filtering on them find rows.
const FIRST_NAMES = ['Peter', 'Paul', 'Luke', 'John', 'Saul', 'Vicky', 'Kate', 'Julie', 'Sarah', 'Deiter', 'Walter'];
const LAST_NAMES = ['Shultz', 'Abrams', 'Spencer', 'White', 'Bartels', 'Walton', 'Smith', 'Jones', 'Noris'];
/** Every "First Last" name: a person's name is a code into this shared dictionary. */
const NAMES: readonly string[] = FIRST_NAMES.flatMap((f) => LAST_NAMES.map((l) => `${f} ${l}`));
export const US_CITIES: readonly string[] = ['Phoenix', 'Los Angeles', 'San Francisco', 'Boise', 'Portland', 'Bend', 'Redmond', 'Seattle', 'Kent', 'Cheyenne'];
export const US_STATES: readonly string[] = ['AZ', 'CA', 'ID', 'OR', 'WA', 'WY'];
const AVG_PERSON_BYTES = 200;
const CREDIT_CARD_LENGTH = 19;

/**
 * The email stream draws both part lengths first (user 3–6 letters, host 3–4, as the
 * reference's nextString(7) and nextString(5)), so `extra` can size itself without the text.
 */
function emailUserLength(rng: EventRandom): number {
  return 3 + rng.below(4);
}

function emailHostLength(rng: EventRandom): number {
  return 3 + rng.below(2);
}

export function personColumn(ctx: NexmarkContext, c: number, events: Float64Array): Column {
  const seed = ctx.common.seed;
  const n = events.length;
  switch (c) {
    case 0: {
      const ids = new Float64Array(n);
      for (let j = 0; j < n; j++) ids[j] = lastPersonId(events[j]!) + FIRST_PERSON_ID;
      return int64Of('BIGINT', ids);
    }
    case 1:
      return pickPerEvent(ctx, FIELD.personName, events, NAMES);
    case 2: {
      const key = fieldKey(seed, FIELD.personEmail);
      const rng = new EventRandom();
      const out: string[] = new Array<string>(n);
      for (let j = 0; j < n; j++) {
        const user = emailUserLength(rng.reset(key, events[j]!));
        const host = emailHostLength(rng);
        out[j] = `${slice(ctx.pools.letters, rng, user)}@${slice(ctx.pools.letters, rng, host)}.com`;
      }
      return stringsColumn(out);
    }
    case 3: {
      const key = fieldKey(seed, FIELD.personCreditCard);
      const rng = new EventRandom();
      const out: string[] = new Array<string>(n);
      for (let j = 0; j < n; j++) {
        rng.reset(key, events[j]!);
        out[j] = `${digits4(rng.below(10000))} ${digits4(rng.below(10000))} ${digits4(rng.below(10000))} ${digits4(rng.below(10000))}`;
      }
      return stringsColumn(out);
    }
    case 4:
      return pickPerEvent(ctx, FIELD.personCity, events, US_CITIES);
    case 5:
      return pickPerEvent(ctx, FIELD.personState, events, US_STATES);
    case 6:
      return int64Of('TIMESTAMP', dateTimes(ctx, events));
    default:
      return personExtra(ctx, events);
  }
}

/** `extra` pads the row to 200 idealized bytes on average, counting the other fields' sizes. */
function personExtra(ctx: NexmarkContext, events: Float64Array): Column {
  const seed = ctx.common.seed;
  const nameKey = fieldKey(seed, FIELD.personName);
  const emailKey = fieldKey(seed, FIELD.personEmail);
  const cityKey = fieldKey(seed, FIELD.personCity);
  const extraKey = fieldKey(seed, FIELD.personExtra);
  const rng = new EventRandom();
  const out: string[] = new Array<string>(events.length);
  for (let j = 0; j < events.length; j++) {
    const e = events[j]!;
    const name = NAMES[rng.reset(nameKey, e).below(NAMES.length)]!;
    const user = emailUserLength(rng.reset(emailKey, e));
    const host = emailHostLength(rng);
    const city = US_CITIES[rng.reset(cityKey, e).below(US_CITIES.length)]!;
    const size = 8 + name.length + (user + 1 + host + 4) + CREDIT_CARD_LENGTH + city.length + 2;
    out[j] = nextExtra(ctx.pools, rng.reset(extraKey, e), size, AVG_PERSON_BYTES);
  }
  return stringsColumn(out);
}

function digits4(v: number): string {
  return v < 10 ? `000${v}` : v < 100 ? `00${v}` : v < 1000 ? `0${v}` : String(v);
}
