/**
 * Oracle: TIMESTAMP and INTERVAL — literals, arithmetic, EXTRACT, DATE_TRUNC — across year,
 * month, leap-day and week boundaries, microsecond fractions, out-of-order event times and
 * timestamps before 1970.
 */
import { oracleSuite, type OracleQuery } from './harness.js';

const TS0 = "TIMESTAMP '2024-01-01 00:00:00'";

const TIME: readonly OracleQuery[] = [
  {
    name: 'EXTRACT year … quarter',
    laminar:
      'SELECT id, EXTRACT(year FROM ts), EXTRACT(month FROM ts), EXTRACT(day FROM ts), EXTRACT(hour FROM ts), EXTRACT(minute FROM ts), EXTRACT(second FROM ts), EXTRACT(epoch FROM ts), EXTRACT(dow FROM ts), EXTRACT(doy FROM ts), EXTRACT(week FROM ts), EXTRACT(quarter FROM ts) FROM readings',
  },
  {
    name: 'EXTRACT millisecond, microsecond, isodow, isoyear; DATE_TRUNC quarter and second',
    laminar:
      "SELECT id, EXTRACT(millisecond FROM ts), EXTRACT(microsecond FROM ts), EXTRACT(isodow FROM ts), EXTRACT(isoyear FROM ts), DATE_TRUNC('quarter', ts), DATE_TRUNC('second', ts) FROM readings",
  },
  {
    name: 'DATE_TRUNC minute … year',
    laminar:
      "SELECT id, DATE_TRUNC('minute', ts), DATE_TRUNC('hour', ts), DATE_TRUNC('day', ts), DATE_TRUNC('week', ts), DATE_TRUNC('month', ts), DATE_TRUNC('year', ts) FROM readings",
  },
  {
    name: 'timestamp ± interval',
    laminar:
      "SELECT id, ts + INTERVAL '1 day', ts - INTERVAL '90 minutes', ts + INTERVAL '36 hours 30 minutes', ts + INTERVAL '1 hour' * 3, ts - INTERVAL '1 day' / 2 FROM readings",
  },
  {
    name: 'timestamp − timestamp, and EXTRACT from the interval',
    laminar: `SELECT id, ts - ${TS0}, EXTRACT(epoch FROM ts - ${TS0}), EXTRACT(day FROM ts - TIMESTAMP '2023-12-01 00:00:00'), EXTRACT(hour FROM ts - TIMESTAMP '2023-12-01 00:00:00') FROM readings`,
  },
  {
    name: 'INTERVAL literals and interval arithmetic',
    laminar:
      "SELECT INTERVAL '1 day 2 hours 3 minutes 4.5 seconds', INTERVAL '3 days', INTERVAL '10 seconds', INTERVAL '1 week', INTERVAL '-2 hours', INTERVAL '1 day' + INTERVAL '2 hours', INTERVAL '90 minutes' * 2, -INTERVAL '1 hour'",
  },
  {
    name: 'TIMESTAMP literals across leap day, year end and a microsecond',
    laminar:
      "SELECT TIMESTAMP '2024-02-29 23:59:59.999999' + INTERVAL '1 microsecond', TIMESTAMP '2023-12-31 23:00:00' + INTERVAL '2 hours', TIMESTAMP '2024-03-01 00:00:00' - TIMESTAMP '2024-02-28 00:00:00', TIMESTAMP '2024-01-01 00:00:00' - INTERVAL '1 microsecond'",
  },
  {
    name: 'filter on an interval',
    laminar: `SELECT id FROM readings WHERE ts - ${TS0} > INTERVAL '30 days'`,
  },
  {
    name: 'filter on a month range',
    laminar:
      "SELECT id FROM readings WHERE ts >= TIMESTAMP '2024-02-01 00:00:00' AND ts < TIMESTAMP '2024-03-01 00:00:00'",
  },
  {
    name: 'seq: every EXTRACT field over 29 out-of-order days',
    laminar:
      'SELECT id, EXTRACT(second FROM ts), EXTRACT(minute FROM ts), EXTRACT(hour FROM ts), EXTRACT(day FROM ts), EXTRACT(month FROM ts), EXTRACT(quarter FROM ts), EXTRACT(dow FROM ts), EXTRACT(doy FROM ts), EXTRACT(week FROM ts), EXTRACT(epoch FROM ts) FROM seq',
  },
  {
    name: 'seq: days with MIN / MAX time',
    laminar:
      "SELECT DATE_TRUNC('day', ts) AS d, COUNT(*), MIN(ts), MAX(ts) FROM seq GROUP BY DATE_TRUNC('day', ts)",
  },
  {
    name: 'seq: weeks (Monday start)',
    laminar: "SELECT DATE_TRUNC('week', ts) AS w, COUNT(*), AVG(value) FROM seq GROUP BY 1",
  },
  {
    name: 'seq: month, year and hour buckets',
    laminar:
      "SELECT DATE_TRUNC('month', ts), DATE_TRUNC('year', ts), DATE_TRUNC('hour', ts), COUNT(*) FROM seq GROUP BY 1, 2, 3",
  },
  {
    name: 'seq: dow / week / doy groups',
    laminar:
      'SELECT EXTRACT(dow FROM ts), EXTRACT(week FROM ts), EXTRACT(doy FROM ts), COUNT(*) FROM seq GROUP BY 1, 2, 3',
  },
  {
    name: 'seq: interval arithmetic on sampled rows',
    laminar:
      "SELECT id, ts, ts - TIMESTAMP '2024-02-20 21:30:00', EXTRACT(epoch FROM ts), ts + INTERVAL '2 days 3 hours', ts - INTERVAL '1 week' FROM seq WHERE id % 97 = 0",
  },
  {
    name: 'seq: span per key (MAX − MIN)',
    laminar: 'SELECT key, MIN(ts), MAX(ts), MAX(ts) - MIN(ts) FROM seq GROUP BY key',
  },
  {
    name: 'seq: the leap day',
    laminar: 'SELECT id, ts FROM seq WHERE EXTRACT(day FROM ts) = 29 AND EXTRACT(month FROM ts) = 2',
  },
  {
    name: 'seq: BETWEEN across the month boundary',
    laminar:
      "SELECT key, COUNT(*) FROM seq WHERE ts BETWEEN TIMESTAMP '2024-02-28 00:00:00' AND TIMESTAMP '2024-03-02 00:00:00' GROUP BY key",
  },
  {
    name: 'table: timestamps before 1970 and at fractions of a second',
    laminar:
      "SELECT id, opened, EXTRACT(year FROM opened), EXTRACT(second FROM opened), EXTRACT(millisecond FROM opened), EXTRACT(dow FROM opened), EXTRACT(doy FROM opened), EXTRACT(epoch FROM opened), DATE_TRUNC('second', opened), DATE_TRUNC('day', opened), DATE_TRUNC('week', opened), DATE_TRUNC('month', opened), opened - TIMESTAMP '1970-01-01 00:00:00' FROM accounts",
  },
  {
    name: 'trades: per-second ranges',
    laminar:
      "SELECT DATE_TRUNC('second', ts) AS sec, symbol, COUNT(*), MAX(price) - MIN(price), MAX(ts) - MIN(ts) FROM trades GROUP BY DATE_TRUNC('second', ts), symbol",
  },
  {
    name: 'trades: GROUP BY EXTRACT',
    laminar:
      'SELECT EXTRACT(second FROM ts) AS s, EXTRACT(minute FROM ts) AS m, COUNT(*) FROM trades GROUP BY 1, 2',
  },
];

oracleSuite('oracle: time', { datasets: ['readings', 'seq', 'trades', 'accounts'], queries: TIME });
