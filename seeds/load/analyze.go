package load

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/karta/karta/ent"
)

// staleTablesQuery lists the tables of the current schema whose rows
// changed, counting the import's own uncommitted changes, by more than
// autovacuum's analyze threshold since their last ANALYZE: autovacuum
// would analyze them, but only on its next round (autovacuum_naptime, a
// minute by default), and until then the planner reads the freshly written
// tables with no statistics, or with those of a much smaller catalog. The
// import's changes are counted from pg_stat_xact_user_tables (this
// transaction's counts, not yet in pg_stat_user_tables, which a backend
// updates only after commit). A table the import changed that was never
// analyzed (reltuples -1) is analyzed too, however few its rows: autovacuum
// would leave it without column statistics until it passes the threshold,
// and an ANALYZE of a small table is cheap.
const staleTablesQuery = `SELECT format('%I.%I', s.schemaname, s.relname)
FROM pg_stat_user_tables s
JOIN pg_stat_xact_user_tables x ON x.relid = s.relid
JOIN pg_class c ON c.oid = s.relid
WHERE s.schemaname = current_schema()
  AND x.n_tup_ins + x.n_tup_upd + x.n_tup_del > 0
  AND (c.reltuples < 0 OR
       s.n_mod_since_analyze + x.n_tup_ins + x.n_tup_upd + x.n_tup_del >
       current_setting('autovacuum_analyze_threshold')::float8 +
       current_setting('autovacuum_analyze_scale_factor')::float8 * c.reltuples)
ORDER BY 1`

// staleTables runs staleTablesQuery in the import's transaction c.
func staleTables(ctx context.Context, c *ent.Client) ([]string, error) {
	rows, err := c.QueryContext(ctx, staleTablesQuery)
	if err != nil {
		return nil, fmt.Errorf("read table statistics: %w", err)
	}
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, errors.Join(err, rows.Close())
		}
		out = append(out, name)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("read table statistics: %w", err)
	}
	return out, nil
}

// analyze runs ANALYZE on tables (already quoted) after the import
// committed, in a transaction of its own: ent offers raw statements on a
// transaction whatever the client's driver.
func analyze(ctx context.Context, c *ent.Client, tables []string) error {
	if len(tables) == 0 {
		return nil
	}
	tx, err := c.Tx(ctx)
	if err == nil {
		_, err = tx.ExecContext(ctx, "ANALYZE "+strings.Join(tables, ", "))
		if err == nil {
			err = tx.Commit()
		} else {
			err = errors.Join(err, tx.Rollback())
		}
	}
	if err != nil {
		return fmt.Errorf("analyze %s after the import: %w", strings.Join(tables, ", "), err)
	}
	return nil
}
