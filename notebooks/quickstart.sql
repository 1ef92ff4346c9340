-- LaminarDB quick start: run with `npm start` (or `node dist/cli/main.js run notebooks/quickstart.sql`).

-- A deterministic stream of trades: 100,000 events, one per millisecond of event time.
CREATE SOURCE trades FROM GENERATOR (kind = 'trades', seed = 42, events = 100000, symbols = 5);

-- Every input is finite, so this query runs to its complete result.
SELECT symbol, count(*) AS trades, round(avg(price), 2) AS avg_price, sum(volume) AS volume
FROM trades
WHERE volume >= 100
GROUP BY symbol
ORDER BY volume DESC;

-- Files are sources too.
CREATE SOURCE orders (order_id INT NOT NULL, customer VARCHAR, amount DOUBLE, placed_at TIMESTAMP)
  FROM FILE (path = 'notebooks/data/orders.csv');

SELECT customer, count(*) AS orders, sum(amount) AS spent, max(placed_at) AS last_order
FROM orders
GROUP BY customer
ORDER BY spent DESC NULLS LAST;

-- A materialized view is kept up to date as its inputs change.
CREATE TABLE fx (currency VARCHAR PRIMARY KEY, usd_rate DOUBLE);
INSERT INTO fx VALUES ('EUR', 1.10), ('GBP', 1.27);
CREATE MATERIALIZED VIEW rates AS SELECT count(*) AS currencies, max(usd_rate) AS best FROM fx;
INSERT INTO fx VALUES ('EUR', 1.09), ('CHF', 1.14);
SELECT * FROM rates;

-- How a query runs, operator by operator.
EXPLAIN SELECT symbol, max(price) FROM trades WHERE symbol LIKE 'A%' GROUP BY symbol;
