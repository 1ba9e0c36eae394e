package server

import (
	"log/slog"
	"math"
	"runtime/debug"
)

// ApplyMemoryLimit sets the Go runtime's soft memory limit to
// cfg.MemoryLimit (zero leaves the runtime's own: GOMEMLIMIT's, or none)
// and logs the limit in force. Call it once at start, before the search
// index is built: the build's garbage is what a limit returns first.
func ApplyMemoryLimit(cfg Config, log *slog.Logger) {
	if cfg.MemoryLimit > 0 {
		debug.SetMemoryLimit(cfg.MemoryLimit)
	}
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		log.Info("soft memory limit", "MiB", l>>20)
	}
}
