// DuckDB peer for bench/run: tickets per agent over a month's chunk files,
// the count cs-kpi score reports in its tickets column.
const { DuckDBInstance } = require('@duckdb/node-api');
(async () => {
	const inst = await DuckDBInstance.create(':memory:', { threads: '2' });
	const con = await inst.connect();
	const r = await con.runAndReadAll(`SELECT agent, count(*) FROM
	    read_csv('${process.argv[2]}/*.csv', header = true, all_varchar = true)
	    GROUP BY agent`);
	for (const row of r.getRows()) console.log(`${row[0]},${row[1]}`);
})();
