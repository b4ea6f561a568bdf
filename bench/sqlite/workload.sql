-- wasmc benchmark: SQLite workload.
-- Run as:  sqlite3 /data/bench.db < workload.sql   (on a fresh, empty database)
-- Deterministic: no random(), no dates; pseudo-random values come from integer
-- hashing (64-bit multiply + modulo), and every float is rounded on output.
.bail on
PRAGMA page_size = 4096;
PRAGMA cache_size = -32000;
PRAGMA synchronous = OFF;
PRAGMA temp_store = MEMORY;

CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT NOT NULL, region INTEGER NOT NULL,
                       signup INTEGER NOT NULL, email TEXT);
CREATE TABLE products(id INTEGER PRIMARY KEY, name TEXT NOT NULL, category INTEGER NOT NULL,
                      price INTEGER NOT NULL);
CREATE TABLE orders(id INTEGER PRIMARY KEY, customer INTEGER NOT NULL, product INTEGER NOT NULL,
                    qty INTEGER NOT NULL, day INTEGER NOT NULL, note TEXT);
CREATE TABLE kv(k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID;

-- Bulk inserts, each in one transaction.
BEGIN;
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 40000)
INSERT INTO customers
SELECT x,
       'customer-' || ((x * 2654435761) % 1000003),
       (x * 7919) % 48,
       (x * 104729) % 3650,
       CASE WHEN x % 5 = 0 THEN NULL ELSE 'c' || x || '@example.org' END
FROM c;
COMMIT;

BEGIN;
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000)
INSERT INTO products
SELECT x, 'product ' || hex((x * 40503) % 65536), (x * 31) % 37, 100 + (x * 9973) % 20000 FROM c;
COMMIT;

BEGIN;
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 250000)
INSERT INTO orders
SELECT x,
       1 + (x * 2654435761) % 40000,
       1 + (x * 40503 + (x / 7)) % 5000,
       1 + (x * 11) % 9,
       (x * 6700417) % 3650,
       CASE WHEN x % 17 = 0 THEN 'gift wrap ' || (x % 100) ELSE NULL END
FROM c;
COMMIT;

BEGIN;
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 60000)
INSERT INTO kv SELECT printf('key:%08d', (x * 48271) % 2147483647 % 100000000), x FROM c;
COMMIT;

-- Indexes.
CREATE INDEX orders_customer ON orders(customer);
CREATE INDEX orders_product ON orders(product, day);
CREATE INDEX customers_region ON customers(region, signup);

SELECT 'rows', (SELECT count(*) FROM customers), (SELECT count(*) FROM products),
       (SELECT count(*) FROM orders), (SELECT count(*) FROM kv);

-- Indexed point lookups (many, driven by a CTE).
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 30000)
SELECT 'lookup', count(*), sum(o.qty), sum(o.day % 13)
FROM c JOIN orders o ON o.customer = 1 + (c.x * 7) % 40000;

WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 40000)
SELECT 'kv', count(v), sum(v) FROM c JOIN kv ON kv.k = printf('key:%08d', (x * 48271) % 2147483647 % 100000000);

-- Range scans on a composite index.
SELECT 'range', count(*), sum(qty) FROM orders WHERE product BETWEEN 100 AND 900 AND day BETWEEN 1000 AND 2000;

-- Joins and aggregates.
SELECT 'region', c.region, count(*) AS n, sum(o.qty * p.price) AS revenue
FROM orders o JOIN customers c ON c.id = o.customer JOIN products p ON p.id = o.product
GROUP BY c.region ORDER BY revenue DESC LIMIT 5;

SELECT 'category', p.category, count(DISTINCT o.customer), sum(o.qty), printf('%.3f', avg(p.price * o.qty))
FROM orders o JOIN products p ON p.id = o.product
GROUP BY p.category ORDER BY p.category LIMIT 8;

SELECT 'month', o.day / 30 AS month, count(*), sum(o.qty), max(o.qty * p.price)
FROM orders o JOIN products p ON p.id = o.product
GROUP BY month ORDER BY sum(o.qty) DESC, month LIMIT 5;

-- Top customers (aggregate + sort), then a window function over regions.
SELECT 'top', customer, total FROM (
  SELECT o.customer, sum(o.qty * p.price) AS total
  FROM orders o JOIN products p ON p.id = o.product GROUP BY o.customer)
ORDER BY total DESC, customer LIMIT 5;

SELECT 'rank', region, id, total FROM (
  SELECT c.region, c.id, t.total, rank() OVER (PARTITION BY c.region ORDER BY t.total DESC, c.id) AS r
  FROM customers c JOIN (SELECT customer, sum(qty) AS total FROM orders GROUP BY customer) t ON t.customer = c.id)
WHERE r = 1 ORDER BY region LIMIT 6;

-- Sorting: full sort of a large derived set, plus string work.
SELECT 'sorted', count(*), sum(rn * qty % 1000) FROM (
  SELECT qty, row_number() OVER (ORDER BY note, qty * 7919 % 1000, id) AS rn FROM orders);

SELECT 'names', count(*), sum(length(name)), max(name), min(substr(name, 10))
FROM (SELECT name FROM customers ORDER BY substr(name, 10) DESC, id);

SELECT 'like', count(*) FROM customers WHERE email LIKE '%7@example.org' OR name LIKE 'customer-99%';

SELECT 'group_concat', length(group_concat(name, ',')) FROM (SELECT name FROM products ORDER BY name);

-- Updates and deletes in a transaction.
BEGIN;
UPDATE orders SET qty = qty + 1 WHERE day % 10 = 3;
UPDATE products SET price = price * 11 / 10 WHERE category < 5;
DELETE FROM orders WHERE customer % 97 = 0;
INSERT INTO kv SELECT 'cust:' || id, region FROM customers WHERE region < 4;
COMMIT;

SELECT 'after', count(*), sum(qty), (SELECT sum(price) FROM products), (SELECT count(*) FROM kv) FROM orders;

-- Subqueries and EXISTS.
SELECT 'no_orders', count(*) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer = c.id);

SELECT 'above_avg', count(*) FROM products p
JOIN (SELECT category, avg(price) AS a FROM products GROUP BY category) q ON q.category = p.category
WHERE p.price > q.a;

PRAGMA quick_check;
