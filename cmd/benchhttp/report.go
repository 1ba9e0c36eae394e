package main

import (
	"fmt"
	"os"
	"sort"
	"text/tabwriter"
	"time"

	"github.com/karta/karta/cmd/benchhttp/sidebyside"
)

// summary of the runs of one job key over the rounds: mean req/s, median
// p50 and worst p99.
type summary struct {
	rps      float64
	p50, p99 time.Duration
}

func summarize(rs []wrkResult) summary {
	var s summary
	var p50s []int64
	for _, r := range rs {
		s.rps += r.rps() / float64(len(rs))
		p50s = append(p50s, r.P50)
		if d := time.Duration(r.P99) * time.Microsecond; d > s.p99 {
			s.p99 = d
		}
	}
	sort.Slice(p50s, func(i, j int) bool { return p50s[i] < p50s[j] })
	s.p50 = time.Duration(p50s[len(p50s)/2]) * time.Microsecond
	return s
}

func (h *harness) report(n int, jobs []job, results map[string][]wrkResult, idle map[string]int) {
	get := func(op, t string, c int) (summary, bool) {
		rs, ok := results[fmt.Sprintf("%s|%s|%d", op, t, c)]
		if !ok {
			return summary{}, false
		}
		return summarize(rs), true
	}
	stmts := map[string]float64{}
	for _, j := range jobs {
		stmts[j.op+"|"+j.target.name] = j.stmts
	}
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Printf("\n%d maps — side by side (req/s; p50/p99 ms; SQL statements per request — on PostgreSQL a request's round trips are these plus BEGIN and ROLLBACK of its read snapshot)\n", n)
	fmt.Fprintln(w, "query\tc\tkarta-pg\tp50/p99\tstmts\tkarta-sqlite\tp50/p99\tstmts\tpostgraphile\tp50/p99\traw-sql\tp50/p99\tK/PG\tK/raw\t")
	for _, q := range sidebyside.Queries {
		for _, c := range h.o.conc {
			k, _ := get(q.Name, "karta-pg", c)
			s, _ := get(q.Name, "karta-sqlite", c)
			p, _ := get(q.Name, "postgraphile", c)
			r, _ := get(q.Name, "raw-sql", c)
			fmt.Fprintf(w, "%s\t%d\t%.0f\t%s/%s\t%.0f\t%.0f\t%s/%s\t%.0f\t%.0f\t%s/%s\t%.0f\t%s/%s\t%.2f\t%.2f\t\n", q.Name, c,
				k.rps, ms(k.p50), ms(k.p99), stmts[q.Name+"|karta-pg"],
				s.rps, ms(s.p50), ms(s.p99), stmts[q.Name+"|karta-sqlite"],
				p.rps, ms(p.p50), ms(p.p99), r.rps, ms(r.p50), ms(r.p99), k.rps/p.rps, k.rps/r.rps)
		}
	}
	w.Flush()
	fmt.Printf("\n%d maps — frontend operations (req/s; p50/p99 ms; SQL statements per request, plus BEGIN and ROLLBACK on PostgreSQL); karta-pg and karta-sqlite uncached, karta-pg-cached with the response cache (same request repeated: hits)\n", n)
	fmt.Fprintln(w, "operation\tc\tkarta-pg\tp50/p99\tstmts\tkarta-sqlite\tp50/p99\tstmts\tkarta-pg-cached\tp50/p99\tstmts\t")
	seen := map[string]bool{}
	for _, j := range jobs {
		if j.op[:3] != "op:" || seen[j.op] {
			continue
		}
		seen[j.op] = true
		for _, c := range h.o.opsConc {
			k, _ := get(j.op, "karta-pg", c)
			s, _ := get(j.op, "karta-sqlite", c)
			kc, _ := get(j.op, "karta-pg-cached", c)
			fmt.Fprintf(w, "%s\t%d\t%.0f\t%s/%s\t%.0f\t%.0f\t%s/%s\t%.0f\t%.0f\t%s/%s\t%.1f\t\n", j.op[3:], c,
				k.rps, ms(k.p50), ms(k.p99), stmts[j.op+"|karta-pg"], s.rps, ms(s.p50), ms(s.p99), stmts[j.op+"|karta-sqlite"],
				kc.rps, ms(kc.p50), ms(kc.p99), stmts[j.op+"|karta-pg-cached"])
		}
	}
	w.Flush()
	fmt.Printf("\n%d maps — server RSS (MB): idle after start → after the load\n", n)
	for _, t := range h.servers() {
		fmt.Printf("  %-15s %6.0f → %6.0f\n", t.name, float64(idle[t.name])/1024, float64(rssKB(t.proc.Process.Pid))/1024)
	}
}
