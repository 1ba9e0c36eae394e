package storagetest

import "syscall"

// ProcessCPU is the user and system CPU time the process has used, in ns:
// every goroutine's, and on SQLite the database's too. Benchmarks report
// its difference per operation (cpu-ms/op), steadier than wall time on a
// shared machine.
func ProcessCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
