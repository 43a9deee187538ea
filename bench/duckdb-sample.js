// DuckDB peer for bench/run: 5 random records per agent of a CSV file.
const { DuckDBInstance } = require('@duckdb/node-api');
(async () => {
	const inst = await DuckDBInstance.create(':memory:', { threads: '2' });
	const con = await inst.connect();
	const r = await con.runAndReadAll(`SELECT count(*) FROM (SELECT * FROM
	    read_csv('${process.argv[2]}', header = true, all_varchar = true)
	    QUALIFY row_number() OVER (PARTITION BY agent ORDER BY random()) <= 5)`);
	console.log(String(r.getRows()[0][0]));
})();
