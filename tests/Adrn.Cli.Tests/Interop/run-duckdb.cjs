// Runs SQL statements with the DuckDB Node client (npm @duckdb/node-api, installed by scripts/test-prerequisites.sh
// under .test-work/duckdb) in the current folder, and prints one JSON array of result rows per statement.
// Usage: node run-duckdb.cjs NODE_MODULES_DIR < statements   (statements separated by lines holding only ";")
const path = require('path');
const { createRequire } = require('module');
const modules = process.argv[2];
const { DuckDBInstance } = createRequire(path.join(modules, 'noop.js'))('@duckdb/node-api');
const input = require('fs').readFileSync(0, 'utf8');
const statements = input.split(/^;\s*$/m).map(s => s.trim()).filter(s => s.length > 0);
(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  for (const sql of statements) {
    const result = await connection.runAndReadAll(sql);
    console.log(JSON.stringify(result.getRowObjectsJson()));
  }
})().catch(e => { console.error(String(e && e.message || e)); process.exit(1); });
