/**
 * Oracle: string functions over unicode, quotes, commas, empty strings and NULLs. Positions
 * and lengths count code points in both engines (the data has emoji outside the BMP).
 */
import { oracleSuite, type OracleQuery } from './harness.js';

const STRINGS: readonly OracleQuery[] = [
  {
    name: 'LOWER, LENGTH, SUBSTRING, CONCAT, ||',
    laminar:
      "SELECT id, LOWER(name), LENGTH(name), SUBSTRING(name, 2, 3), SUBSTRING(name, 3), CONCAT(name, '-', city), name || '/' || city FROM readings",
  },
  {
    name: 'TRIM family, REPLACE, LEFT, RIGHT, REVERSE, STRPOS, LPAD, RPAD',
    laminar:
      "SELECT id, TRIM(name), LTRIM(name), RTRIM(name), REPLACE(name, 'a', 'A'), LEFT(name, 3), RIGHT(name, 2), REVERSE(name), STRPOS(name, 'a'), LPAD(name, 8, '*'), RPAD(city, 10, '.') FROM readings",
  },
  {
    name: 'zero and negative positions and lengths',
    laminar:
      "SELECT id, SUBSTRING(name, -3), SUBSTRING(name, 0, 3), SUBSTRING(name, -3, 2), LEFT(name, -2), RIGHT(name, -2), STRPOS(name, 'ß'), STRPOS(name, '🙂') FROM readings",
  },
  {
    name: 'SPLIT_PART (negative and out-of-range index), padding with cut and multi-char fill, TRIM of characters',
    laminar:
      "SELECT id, SPLIT_PART(note, ' ', -1), SPLIT_PART(note, ',', 2), SPLIT_PART(note, ',', 5), SPLIT_PART(note, ' ', 0), LPAD(name, 3, 'xy'), RPAD(name, 12, 'xy'), LPAD(name, 12, '🙂'), TRIM(note, ' s'), LTRIM(note, 'sa '), RTRIM(note, 'e ') FROM readings",
  },
  {
    name: 'SQL-standard SUBSTRING / TRIM forms, REPEAT, UPPER of city names',
    laminar:
      "SELECT id, SUBSTRING(name FROM 2 FOR 3), SUBSTRING(name FROM 4), REPEAT(city, 2), LOWER(city), UPPER(city), TRIM(BOTH 'x' FROM name), TRIM(LEADING ' ' FROM name), TRIM(TRAILING FROM name) FROM readings",
  },
  {
    name: 'strings with quotes and commas',
    laminar:
      "SELECT id, LENGTH(note), STRPOS(note, '\"'), REPLACE(note, '\"', ''''), REPLACE(note, '', 'x'), SPLIT_PART(note, ' ', 1) FROM readings",
  },
  {
    name: 'CONCAT and || with numbers and booleans',
    laminar:
      "SELECT id, CONCAT(qty, '|', amount, '|', flag, '|', big), qty || '', big || 'x' FROM readings WHERE ABS(amount) >= 0.001 OR amount = 0",
  },
  {
    name: 'CONCAT skips NULLs, || does not; STARTS_WITH, CONTAINS',
    laminar:
      "SELECT id, CONCAT(name, city), CONCAT(name, NULL, city), name || city, STARTS_WITH(name, 'a'), CONTAINS(note, 'a') FROM readings",
  },
  {
    name: 'CONCAT of one VARCHAR column and literals (NULL skipped)',
    laminar: "SELECT id, CONCAT(name, '!'), CONCAT('<', city, '>') FROM readings",
  },
  {
    name: 'SPLIT_PART with an empty delimiter splits into characters',
    laminar:
      "SELECT id, SPLIT_PART(note, '', 1), SPLIT_PART(note, '', 2), SPLIT_PART(name, '', -1) FROM readings",
  },
  {
    name: 'REVERSE keeps code points whole',
    laminar: 'SELECT id, LENGTH(REVERSE(name)), REVERSE(REVERSE(name)) = name FROM readings',
  },
  {
    name: 'persons: e-mail and card parts',
    laminar:
      "SELECT id, LENGTH(name), UPPER(SUBSTRING(email_address, 1, STRPOS(email_address, '@') - 1)), SPLIT_PART(email_address, '@', 2), LEFT(credit_card, 4), RIGHT(credit_card, 4), REPLACE(credit_card, ' ', '') FROM persons",
  },
  {
    name: 'bids: URL parts grouped',
    laminar:
      "SELECT SPLIT_PART(url, '/', 3), SPLIT_PART(SPLIT_PART(url, '?', 2), '&', -1) LIKE 'channel_id=%', COUNT(*) FROM bids GROUP BY 1, 2",
  },
  {
    name: 'auctions: long descriptions',
    laminar:
      "SELECT id, item_name, LENGTH(description), UPPER(LEFT(item_name, 5)), REPLACE(description, ' ', '_'), STRPOS(description, 'a') FROM auctions WHERE reserve > initial_bid * 10",
  },
];

oracleSuite('oracle: string functions', { datasets: ['readings', 'nexmark'], queries: STRINGS });
