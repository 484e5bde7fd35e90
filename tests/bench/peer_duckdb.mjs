// peer_duckdb.mjs - the bench's grouped report in DuckDB, two ways:
//   exact    read_csv with every column as text, then SQL with the validity
//            rules of METRICS.md 6 as regular expressions, and the figures
//            from integer counts: the same numbers as cxstat;
//   analyst  the query an analyst would write: read_csv with its own type
//            detection, count(*) FILTER (WHERE nps >= 9) ... GROUP BY store,
//            answers cast with TRY_CAST; no validity rules (labelled or
//            decimal answers are lost or counted differently), so its figures
//            are only timed, not compared.
//
// Usage: node tests/bench/peer_duckdb.mjs FILE [NODE_PREFIX [exact|analyst [COLUMN]]]
//   NODE_PREFIX: where `npm install --prefix NODE_PREFIX @duckdb/node-api` put
//   the package (default build/bench at the top of the repository).
//   COLUMN: group by this column instead of store (the memory bench groups by
//   id: a group per record); the rows are then written by DuckDB itself
//   (COPY ... TO '/dev/stdout'), not gathered in JavaScript, so that the peak
//   memory is DuckDB's.
//
// Prints store,nps,csat,ces_mean: one row per store in byte order of the name,
// NPS (0-10) and CSAT % (1-5, satisfied 4-5) to 1 decimal, the CES mean (1-7)
// to 2, rounded half away from zero; empty where a store has no valid answer.
//
// Valid: with spaces and tabs around it taken off, a whole number on the scale
// with optional leading zeros, an optional decimal part of zeros (.0, ,00) and
// an optional label that starts with a space, '-', '(' or ':' and has no digit;
// or a label with no digit that ends with its number ("Very likely - 9",
// "Satisfied (5)"); never a sign.  The number is matched as at most two digits
// after leading zeros: longer ones are off every scale here.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [file, prefixArg, modeArg, columnArg] = process.argv.slice(2);
const mode = modeArg ?? 'exact';
if (!file) {
  process.stderr.write('usage: node peer_duckdb.mjs FILE [NODE_PREFIX]\n');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const prefix = resolve(prefixArg ?? join(here, '..', '..', 'build', 'bench'));
const require = createRequire(join(prefix, 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const LEADING = String.raw`^0*([0-9]{1,2})(?:[.,]0+)?(?:[ (:-][^0-9]*)?$`;
const TRAILING_OPEN = String.raw`^(?:[^0-9+-][^0-9]*)?[ :]0*([0-9]{1,2})$`;
const TRAILING_CLOSED = String.raw`^(?:[^0-9+-][^0-9]*)?\(0*([0-9]{1,2})\)$`;

const lit = (s) => `'${s.replaceAll("'", "''")}'`;
const group = `"${(columnArg ?? 'store').replaceAll('"', '""')}"`;

const sql = `
CREATE MACRO score(x) AS
  nullif(regexp_extract(trim(x, ' ' || chr(9)), ${lit(LEADING)}, 1)
      || regexp_extract(trim(x, ' ' || chr(9)), ${lit(TRAILING_OPEN)}, 1)
      || regexp_extract(trim(x, ' ' || chr(9)), ${lit(TRAILING_CLOSED)}, 1), '')::INTEGER;
-- num/den rounded half away from zero at d decimals, as text; '' when den is 0
CREATE MACRO shown(num, den, d) AS
  CASE WHEN den = 0 THEN '' ELSE
    (SELECT CASE WHEN num < 0 AND r <> 0 THEN '-' ELSE '' END
            || (r // p)::VARCHAR || '.' || lpad((r % p)::VARCHAR, d, '0')
     FROM (SELECT (2 * abs(num)::HUGEINT * p + den) // (2 * den) AS r, p
           FROM (SELECT (10 ** d)::HUGEINT AS p)))
  END;
WITH scored AS (
  SELECT ${group} AS store, score(nps) AS n, score(csat) AS c, score(ces) AS e
  FROM read_csv(${lit(file)}, header = true, delim = ',', quote = '"', escape = '"',
                all_varchar = true)
), counts AS (
  SELECT store,
         count(*) FILTER (WHERE n BETWEEN 0 AND 10) AS nps_n,
         count(*) FILTER (WHERE n BETWEEN 9 AND 10) AS promoters,
         count(*) FILTER (WHERE n BETWEEN 0 AND 6) AS detractors,
         count(*) FILTER (WHERE c BETWEEN 1 AND 5) AS csat_n,
         count(*) FILTER (WHERE c BETWEEN 4 AND 5) AS satisfied,
         count(*) FILTER (WHERE e BETWEEN 1 AND 7) AS ces_n,
         coalesce(sum(e) FILTER (WHERE e BETWEEN 1 AND 7), 0) AS ces_sum
  FROM scored GROUP BY store
)
SELECT store,
       shown(100 * (promoters - detractors), nps_n, 1) AS nps,
       shown(100 * satisfied, csat_n, 1) AS csat,
       shown(ces_sum, ces_n, 2) AS ces_mean
FROM counts ORDER BY store;
`;

// The analyst's query: typed reading, plain comparisons, the same output columns.
const analystSql = `
SELECT store,
       round(100.0 * (count(*) FILTER (WHERE n >= 9) - count(*) FILTER (WHERE n <= 6))
             / nullif(count(n), 0), 1) AS nps,
       round(100.0 * count(*) FILTER (WHERE c >= 4) / nullif(count(c), 0), 1) AS csat,
       round(avg(e), 2) AS ces_mean
FROM (SELECT store, TRY_CAST(nps AS INTEGER) AS n, TRY_CAST(csat AS INTEGER) AS c,
             TRY_CAST(ces AS INTEGER) AS e
      FROM read_csv(${lit(file)}))
GROUP BY store ORDER BY store;
`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const statements = (mode === 'analyst' ? analystSql : sql).split(/;\s*$/m).map((s) => s.trim()).filter(Boolean);
if (columnArg) {
  const last = statements.pop();
  for (const s of statements)
    await connection.run(s);
  await connection.run(`COPY (${last}) TO '/dev/stdout' (FORMAT csv, HEADER)`);
  process.exit(0);
}
let reader;
for (const s of statements)
  reader = await connection.runAndReadAll(s);
const lines = ['store,nps,csat,ces_mean'];
for (const row of reader.getRows())
  lines.push(row.map((v) => (v === null ? '' : String(v))).join(','));
process.stdout.write(lines.join('\n') + '\n');
