// Command benchhttp is the side-by-side HTTP benchmark of `make bench-http`:
// Karta on PostgreSQL, Karta on SQLite, PostGraphile v4 on the same
// PostgreSQL database and hand-written SQL, at 3 and 40 maps (seeds/synth),
// driven by wrk. It checks first that every server returns the same data,
// counts Karta's SQL statements per request, then runs every query at each
// concurrency, interleaved and repeated, and prints req/s, p50/p99 and the
// ratios Karta/PostGraphile and Karta/raw SQL.
//
//	go run ./cmd/benchhttp [-maps 3,40] [-conc 1,8,32] [-duration 2s] [-rounds 2]
//	go run ./cmd/benchhttp serve -addr … (-database-url … | -sqlite …)   # one Karta server, used by the above
//	go run ./cmd/benchhttp prepare -maps 40 (-database-url … | -sqlite …) # a catalog kept for profiling and A/B runs
package main

import (
	"fmt"
	"os"
)

func main() {
	var err error
	switch {
	case len(os.Args) > 1 && os.Args[1] == "serve":
		err = serve(os.Args[2:])
	case len(os.Args) > 1 && os.Args[1] == "prepare":
		err = prepareCmd(os.Args[2:])
	default:
		err = run(os.Args[1:])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchhttp:", err)
		os.Exit(1)
	}
}
