package server

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect"

	"github.com/karta/karta/graph"
)

// DefaultMaxInFlight is the default of Config.MaxInFlight.
const DefaultMaxInFlight = 32

// Config is every setting of the server, built in one place from flags and
// environment variables (a flag wins over its variable).
type Config struct {
	// Addr is the listen address (ADDR, default ":8080").
	Addr string
	// DatabaseURL selects PostgreSQL when set (DATABASE_URL, postgres://…).
	DatabaseURL string
	// SQLitePath is the SQLite file used without DatabaseURL
	// (KARTA_SQLITE, default "karta.db" in the working directory).
	SQLitePath string
	// Seed loads the seed maps into an empty database on start (KARTA_SEED, default true).
	Seed bool
	// AllowedOrigins are the CORS origins (KARTA_CORS_ORIGINS, comma-separated).
	AllowedOrigins []string
	// AllowCredentials lets browsers send cookies cross-origin (KARTA_CORS_CREDENTIALS);
	// refused together with the "*" origin.
	AllowCredentials bool
	ReadTimeout      time.Duration // KARTA_READ_TIMEOUT
	WriteTimeout     time.Duration // KARTA_WRITE_TIMEOUT
	IdleTimeout      time.Duration // KARTA_IDLE_TIMEOUT
	RequestTimeout   time.Duration // KARTA_REQUEST_TIMEOUT: deadline of one request
	ShutdownTimeout  time.Duration // KARTA_SHUTDOWN_TIMEOUT
	MaxBodyBytes     int64         // KARTA_MAX_BODY_BYTES
	ComplexityLimit  int           // KARTA_COMPLEXITY_LIMIT: cost limit, introspection included
	// Limits bound one GraphQL request: KARTA_MAX_TOKENS,
	// KARTA_MAX_ALIASES, KARTA_MAX_FIELDS, KARTA_MAX_DEPTH,
	// KARTA_MAX_REPEATED_FIELD, KARTA_MAX_STRING_BYTES, KARTA_MAX_LIST_ITEMS,
	// KARTA_MAX_RESPONSE_BYTES, KARTA_MAX_INTROSPECTION (defaults: graph.DefaultLimits).
	Limits graph.Limits
	// MaxInFlight caps the requests served at once (KARTA_MAX_IN_FLIGHT,
	// DefaultMaxInFlight); one over it waits up to QueueTimeout
	// (KARTA_QUEUE_TIMEOUT), then gets 503.
	MaxInFlight  int
	QueueTimeout time.Duration
	// MaxInFlightPerClient caps the requests served at once for one client
	// address (KARTA_MAX_IN_FLIGHT_PER_CLIENT); more get 429.
	MaxInFlightPerClient int
	MaxPageSize          int           // KARTA_MAX_PAGE_SIZE
	SearchRefresh        time.Duration // KARTA_SEARCH_REFRESH: how often the search index and the analytics memo check for changes
	LogLevel             slog.Level    // KARTA_LOG_LEVEL: debug, info, warn, error
	LogFormat            string        // KARTA_LOG_FORMAT: text or json
	// ResponseCache answers repeated queries of one catalog version from
	// memory, with ETag/304 on GET and persisted queries
	// (KARTA_RESPONSE_CACHE: on or off, default on); ResponseCacheBytes
	// bounds its memory (KARTA_RESPONSE_CACHE_BYTES, default 64 MiB).
	ResponseCache      bool
	ResponseCacheBytes int64
	// Pool sizes the database connection pool (KARTA_DB_MAX_OPEN,
	// KARTA_DB_CONN_LIFETIME, KARTA_SQLITE_CACHE_KIB, KARTA_PG_STATEMENT_CACHE).
	Pool Pool
	// MemoryLimit is the Go runtime's soft memory limit in bytes
	// (KARTA_MEMORY_LIMIT_BYTES, default DefaultMemoryLimit, less
	// SQLiteMemoryReserve on SQLite, plus ResponseCacheBytes while the
	// response cache is on; 0: none, or
	// GOMEMLIMIT when that is set): past it the garbage collector runs
	// sooner and returns memory to the system, trading CPU for RSS. It is
	// not a cap: a request that needs more still gets it.
	MemoryLimit int64
}

// DefaultMemoryLimit is the soft memory limit of a PostgreSQL server that
// sets none and caches no responses (with the cache on, its budget is
// added): the catalog's live heap at 40 maps (search index, analytics memo:
// about 45 MiB) fits under it with room for requests. The process's
// resident memory is this plus what is not Go's, the binary's mapped code
// and data (about 45 MB resident), so 128 MiB keeps a replica under 200 MB
// (160–179 MB after the load of make bench-http).
const DefaultMemoryLimit = 128 << 20

// SQLiteMemoryReserve is taken from the default limit when the catalog is
// in SQLite: its engine lives outside the Go heap (its transpiled C code
// resident, about 10 MB more of the binary; its page caches,
// Pool.SQLiteCacheKiB per connection; its own allocations). After every
// frontend operation at 40 maps, 8 clients, a SQLite replica held 194–202
// MB at 128 MiB and 180–187 MB at 112 MiB, for 5–10 % more CPU per request
// in garbage collection; after the whole load of make bench-http, 204 MB.
const SQLiteMemoryReserve = 16 << 20

// DefaultOrigins are the local development origins allowed by default.
var DefaultOrigins = []string{
	"http://localhost:3000", "http://127.0.0.1:3000",
	"http://localhost:5173", "http://127.0.0.1:5173",
	"http://localhost:8080", "http://127.0.0.1:8080",
}

// ParseConfig builds a Config from command-line args (without the program
// and command names) and getenv.
func ParseConfig(name string, args []string, getenv func(string) string) (Config, error) {
	var c Config
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	env := func(key, def string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return def
	}
	var origins, level string
	var errs []error
	dur := func(p *time.Duration, flagName, key string, def time.Duration, usage string) {
		d := def
		if v := getenv(key); v != "" {
			parsed, err := time.ParseDuration(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s=%q: expected a duration such as 15s: %w", key, v, err))
			}
			d = parsed
		}
		fs.DurationVar(p, flagName, d, usage+" ("+key+")")
	}
	num := func(key string, def int64) int64 {
		v := getenv(key)
		if v == "" {
			return def
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s=%q: expected an integer", key, v))
		}
		return n
	}
	boolean := func(key string, def bool) bool {
		v := getenv(key)
		if v == "" {
			return def
		}
		b, err := strconv.ParseBool(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s=%q: expected true or false", key, v))
		}
		return b
	}
	onOff := func(key string, def bool) bool {
		switch v := strings.ToLower(getenv(key)); v {
		case "":
			return def
		case "on", "true", "1", "yes":
			return true
		case "off", "false", "0", "no":
			return false
		default:
			errs = append(errs, fmt.Errorf("%s=%q: expected on or off", key, v))
			return def
		}
	}
	fs.StringVar(&c.Addr, "addr", env("ADDR", ":8080"), "listen address (ADDR)")
	fs.StringVar(&c.DatabaseURL, "database-url", env("DATABASE_URL", ""), "PostgreSQL URL; SQLite when empty (DATABASE_URL)")
	fs.StringVar(&c.SQLitePath, "sqlite", env("KARTA_SQLITE", "karta.db"), "SQLite database file (KARTA_SQLITE)")
	fs.BoolVar(&c.Seed, "seed", boolean("KARTA_SEED", true), "load the seed maps into an empty database (KARTA_SEED)")
	fs.StringVar(&origins, "cors-origins", env("KARTA_CORS_ORIGINS", strings.Join(DefaultOrigins, ",")), "allowed CORS origins, comma-separated (KARTA_CORS_ORIGINS)")
	fs.BoolVar(&c.AllowCredentials, "cors-credentials", boolean("KARTA_CORS_CREDENTIALS", false), "allow credentials cross-origin (KARTA_CORS_CREDENTIALS)")
	dur(&c.ReadTimeout, "read-timeout", "KARTA_READ_TIMEOUT", 10*time.Second, "HTTP read timeout")
	dur(&c.WriteTimeout, "write-timeout", "KARTA_WRITE_TIMEOUT", 30*time.Second, "HTTP write timeout")
	dur(&c.IdleTimeout, "idle-timeout", "KARTA_IDLE_TIMEOUT", 120*time.Second, "HTTP idle timeout")
	dur(&c.RequestTimeout, "request-timeout", "KARTA_REQUEST_TIMEOUT", 20*time.Second, "deadline of one request")
	dur(&c.SearchRefresh, "search-refresh", "KARTA_SEARCH_REFRESH", 2*time.Second, "how often the search index and the analytics memo check the catalog version (one indexed read)")
	dur(&c.ShutdownTimeout, "shutdown-timeout", "KARTA_SHUTDOWN_TIMEOUT", 15*time.Second, "graceful shutdown timeout")
	fs.Int64Var(&c.MaxBodyBytes, "max-body-bytes", num("KARTA_MAX_BODY_BYTES", 1<<20), "request body limit in bytes (KARTA_MAX_BODY_BYTES)")
	d := graph.DefaultLimits
	limit := func(p *int, flagName, key string, def int, usage string) {
		fs.IntVar(p, flagName, int(num(key, int64(def))), usage+" ("+key+")")
	}
	limit(&c.ComplexityLimit, "complexity-limit", "KARTA_COMPLEXITY_LIMIT", 500000, "query cost limit, introspection included")
	limit(&c.Limits.Tokens, "max-tokens", "KARTA_MAX_TOKENS", d.Tokens, "lexer tokens of one GraphQL document")
	limit(&c.Limits.Aliases, "max-aliases", "KARTA_MAX_ALIASES", d.Aliases, "aliases of one operation, fragments expanded")
	limit(&c.Limits.Fields, "max-fields", "KARTA_MAX_FIELDS", d.Fields, "fields of one operation, fragments expanded")
	limit(&c.Limits.Depth, "max-depth", "KARTA_MAX_DEPTH", d.Depth, "nesting depth of selections")
	limit(&c.Limits.RepeatedField, "max-repeated-field", "KARTA_MAX_REPEATED_FIELD", d.RepeatedField, "repeats of one field in one selection set")
	limit(&c.Limits.StringBytes, "max-string-bytes", "KARTA_MAX_STRING_BYTES", d.StringBytes, "bytes of one string argument or variable")
	limit(&c.Limits.ListItems, "max-list-items", "KARTA_MAX_LIST_ITEMS", d.ListItems, "items of one list argument or variable")
	limit(&c.Limits.ResponseBytes, "max-response-bytes", "KARTA_MAX_RESPONSE_BYTES", d.ResponseBytes, "bytes of one GraphQL response")
	limit(&c.Limits.Introspection, "max-introspection", "KARTA_MAX_INTROSPECTION", d.Introspection, "values one operation's introspection may return")
	limit(&c.MaxInFlight, "max-in-flight", "KARTA_MAX_IN_FLIGHT", DefaultMaxInFlight, "requests served at once")
	limit(&c.MaxInFlightPerClient, "max-in-flight-per-client", "KARTA_MAX_IN_FLIGHT_PER_CLIENT", 8, "requests served at once for one client address")
	dur(&c.QueueTimeout, "queue-timeout", "KARTA_QUEUE_TIMEOUT", 2*time.Second, "how long a request waits for a slot when the server is busy")
	fs.IntVar(&c.MaxPageSize, "max-page-size", int(num("KARTA_MAX_PAGE_SIZE", 100)), "maximum first/last of a connection (KARTA_MAX_PAGE_SIZE)")
	fs.IntVar(&c.Pool.MaxOpen, "db-max-open", int(num("KARTA_DB_MAX_OPEN", int64(DefaultPool.MaxOpen))), "most open database connections, all kept idle between requests (KARTA_DB_MAX_OPEN)")
	fs.IntVar(&c.Pool.SQLiteCacheKiB, "sqlite-cache-kib", int(num("KARTA_SQLITE_CACHE_KIB", int64(DefaultPool.SQLiteCacheKiB))), "page cache of each SQLite connection in KiB, outside the Go heap; 0: SQLite's default (KARTA_SQLITE_CACHE_KIB)")
	fs.IntVar(&c.Pool.PGStatements, "pg-statement-cache", int(num("KARTA_PG_STATEMENT_CACHE", int64(DefaultPool.PGStatements))), "named prepared statements each PostgreSQL connection keeps, so statements are parsed and planned once per connection; 0: none (KARTA_PG_STATEMENT_CACHE)")
	dur(&c.Pool.ConnMaxLifetime, "db-conn-lifetime", "KARTA_DB_CONN_LIFETIME", DefaultPool.ConnMaxLifetime, "close a database connection after this long; 0: never")
	fs.BoolVar(&c.ResponseCache, "response-cache", onOff("KARTA_RESPONSE_CACHE", true), "cache query responses per catalog version, with ETag/304 (KARTA_RESPONSE_CACHE: on or off)")
	fs.Int64Var(&c.ResponseCacheBytes, "response-cache-bytes", num("KARTA_RESPONSE_CACHE_BYTES", 64<<20), "memory budget of the response cache in bytes (KARTA_RESPONSE_CACHE_BYTES)")
	memLimit := int64(DefaultMemoryLimit)
	if getenv("GOMEMLIMIT") != "" {
		memLimit = 0 // the runtime already took the operator's limit
	}
	fs.Int64Var(&c.MemoryLimit, "memory-limit-bytes", num("KARTA_MEMORY_LIMIT_BYTES", memLimit), "soft memory limit of the Go runtime in bytes, plus the response cache's budget while that is on unless set; 0: none, or GOMEMLIMIT's (KARTA_MEMORY_LIMIT_BYTES)")
	fs.StringVar(&level, "log-level", env("KARTA_LOG_LEVEL", "info"), "log level: debug, info, warn, error (KARTA_LOG_LEVEL)")
	fs.StringVar(&c.LogFormat, "log-format", env("KARTA_LOG_FORMAT", "text"), "log format: text or json (KARTA_LOG_FORMAT)")
	if err := errors.Join(errs...); err != nil {
		return c, err
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	memLimitSet := getenv("KARTA_MEMORY_LIMIT_BYTES") != "" || getenv("GOMEMLIMIT") != ""
	fs.Visit(func(f *flag.Flag) { memLimitSet = memLimitSet || f.Name == "memory-limit-bytes" })
	if !memLimitSet && DialectOf(c.DatabaseURL) == dialect.SQLite {
		c.MemoryLimit -= SQLiteMemoryReserve
	}
	if !memLimitSet && c.ResponseCache {
		c.MemoryLimit += c.ResponseCacheBytes // room for a full cache
	}
	if err := c.LogLevel.UnmarshalText([]byte(level)); err != nil {
		return c, fmt.Errorf("log level %q: expected debug, info, warn or error", level)
	}
	c.AllowedOrigins = splitList(origins)
	return c, c.Validate()
}

// Validate reports settings that cannot work together.
func (c Config) Validate() error {
	var errs []error
	if c.Addr == "" {
		errs = append(errs, errors.New("addr: expected a listen address such as :8080"))
	}
	for _, o := range c.AllowedOrigins {
		if o == "*" && c.AllowCredentials {
			errs = append(errs, errors.New("cors: the \"*\" origin cannot be combined with credentials; list the origins"))
		}
	}
	if c.MaxPageSize < 1 {
		errs = append(errs, fmt.Errorf("max page size: expected at least 1, got %d", c.MaxPageSize))
	}
	if c.Pool.MaxOpen < 1 {
		errs = append(errs, fmt.Errorf("db max open: expected at least 1 connection, got %d", c.Pool.MaxOpen))
	}
	if c.Pool.SQLiteCacheKiB < 0 {
		errs = append(errs, fmt.Errorf("sqlite cache: expected KiB ≥ 0, got %d", c.Pool.SQLiteCacheKiB))
	}
	if c.Pool.PGStatements < 0 {
		errs = append(errs, fmt.Errorf("pg statement cache: expected a number of statements ≥ 0 (0: none), got %d", c.Pool.PGStatements))
	}
	if c.Pool.ConnMaxLifetime < 0 {
		errs = append(errs, fmt.Errorf("db conn lifetime: expected 0 (never) or a positive duration, got %s", c.Pool.ConnMaxLifetime))
	}
	if c.ResponseCache && c.ResponseCacheBytes < 1<<20 {
		errs = append(errs, fmt.Errorf("response cache bytes: expected at least 1 MiB (1048576), got %d; set KARTA_RESPONSE_CACHE=off to switch the cache off", c.ResponseCacheBytes))
	}
	if c.SearchRefresh <= 0 {
		errs = append(errs, fmt.Errorf("search refresh: expected a positive duration such as 2s, got %s", c.SearchRefresh))
	}
	if c.MemoryLimit != 0 && c.MemoryLimit < 64<<20 {
		errs = append(errs, fmt.Errorf("memory limit bytes: expected 0 (none) or at least 64 MiB (67108864), got %d", c.MemoryLimit))
	}
	if c.MaxBodyBytes < 1024 {
		errs = append(errs, fmt.Errorf("max body bytes: expected at least 1024, got %d", c.MaxBodyBytes))
	}
	for name, v := range map[string]int{
		"complexity limit": c.ComplexityLimit, "max tokens": c.Limits.Tokens, "max aliases": c.Limits.Aliases,
		"max fields": c.Limits.Fields, "max depth": c.Limits.Depth, "max repeated field": c.Limits.RepeatedField,
		"max string bytes": c.Limits.StringBytes, "max list items": c.Limits.ListItems,
		"max response bytes": c.Limits.ResponseBytes, "max introspection": c.Limits.Introspection, "max in flight": c.MaxInFlight,
		"max in flight per client": c.MaxInFlightPerClient,
	} {
		if v < 1 {
			errs = append(errs, fmt.Errorf("%s: expected at least 1, got %d", name, v))
		}
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("log format %q: expected text or json", c.LogFormat))
	}
	for name, d := range map[string]time.Duration{"read timeout": c.ReadTimeout, "write timeout": c.WriteTimeout, "request timeout": c.RequestTimeout, "queue timeout": c.QueueTimeout} {
		if d <= 0 {
			errs = append(errs, fmt.Errorf("%s: expected a positive duration, got %s", name, d))
		}
	}
	return errors.Join(errs...)
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ImportConfig is the settings of `karta import`, built like Config from
// flags and environment variables (a flag wins over its variable).
type ImportConfig struct {
	// MaxDocumentBytes is the size limit of one map document
	// (KARTA_MAX_IMPORT_BYTES, -max-bytes; default 8 MiB): a larger one is
	// refused, naming the file, its size and the limit, before it is read.
	MaxDocumentBytes int64
	// LockWait is how long an import waits for another import of the same
	// catalog before failing (KARTA_IMPORT_LOCK_WAIT, -lock-wait; default 2m).
	LockWait time.Duration
}

// DefaultMaxImportBytes is ImportConfig.MaxDocumentBytes by default.
const DefaultMaxImportBytes = 8 << 20

// ImportFlags registers the import settings on fs with their defaults from
// getenv; call the returned check after fs.Parse.
func ImportFlags(fs *flag.FlagSet, getenv func(string) string) (*ImportConfig, func() error) {
	c := &ImportConfig{}
	var errs []error
	maxBytes := int64(DefaultMaxImportBytes)
	if v := getenv("KARTA_MAX_IMPORT_BYTES"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			errs = append(errs, fmt.Errorf("KARTA_MAX_IMPORT_BYTES=%q: expected a number of bytes", v))
		}
		maxBytes = n
	}
	wait := 2 * time.Minute
	if v := getenv("KARTA_IMPORT_LOCK_WAIT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("KARTA_IMPORT_LOCK_WAIT=%q: expected a duration such as 2m: %w", v, err))
		}
		wait = d
	}
	fs.Int64Var(&c.MaxDocumentBytes, "max-bytes", maxBytes, "size limit of one map document in bytes (KARTA_MAX_IMPORT_BYTES)")
	fs.DurationVar(&c.LockWait, "lock-wait", wait, "how long to wait for another import of the catalog before failing (KARTA_IMPORT_LOCK_WAIT)")
	return c, func() error {
		if c.MaxDocumentBytes < 1 {
			errs = append(errs, fmt.Errorf("max bytes: expected a positive number of bytes, got %d", c.MaxDocumentBytes))
		}
		if c.LockWait <= 0 {
			errs = append(errs, fmt.Errorf("lock wait: expected a positive duration, got %s", c.LockWait))
		}
		return errors.Join(errs...)
	}
}
