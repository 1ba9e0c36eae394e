package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/maypok86/otter/v2"
	"github.com/vektah/gqlparser/v2/formatter"

	"github.com/karta/karta/catalog/search"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/catalogstate"
)

// ResponseCache keeps encoded GraphQL responses of queries, keyed by the
// catalog version and the request: the normalised operation document, the
// operation name and the coerced variables. The catalog changes only by an
// import, which bumps the version row (catalog_states) in its own
// transaction; every cached request reads that row first, inside the
// request's snapshot (server/snapshot), so a key names exactly the catalog
// state its response reflects, on every replica sharing the database. When
// a newer version shows up, every entry is dropped.
//
// The cache is bounded by bytes (the encoded responses plus their keys); the
// least valuable entries are evicted first (otter's W-TinyLFU). Responses
// with errors, of requests whose deadline passed, and of searches answered
// from an index of another version are never stored.
//
// Over HTTP, a cached query answers with a strong ETag derived from the
// version and the key; a GET or a persisted query (APQ) sent again with
// If-None-Match answers 304 without running. Such responses carry
// Cache-Control: no-cache — a client may keep them but must revalidate each
// time, because an import may change the catalog at any moment; the
// revalidation costs one indexed read. A max-age would let clients show a
// catalog older than the last import for that long.
type ResponseCache struct {
	client *ent.Client
	budget uint64
	c      *otter.Cache[string, []byte]
	docs   *lru.LRU[string] // sha256 of a document's text → its normalised hash

	mu      sync.Mutex
	version int64 // newest version seen; entries of older ones are dropped
}

// NewResponseCache returns a cache of at most budget bytes reading the
// catalog version through client.
func NewResponseCache(client *ent.Client, budget int64) *ResponseCache {
	if budget < 1 {
		budget = 1
	}
	return &ResponseCache{
		client: client,
		budget: uint64(budget),
		c: otter.Must(&otter.Options[string, []byte]{
			MaximumWeight: uint64(budget),
			Weigher:       entryWeight,
		}),
		docs: lru.New[string](1000),
	}
}

// entryOverhead approximates the bytes an entry costs beyond its key and
// response (map slot, node, slice header).
const entryOverhead = 128

func entryWeight(key string, body []byte) uint32 {
	n := len(key) + len(body) + entryOverhead
	if n > 1<<31 {
		return 1 << 31
	}
	return uint32(n)
}

// Bytes reports the weight of the cached entries (after pending evictions).
func (rc *ResponseCache) Bytes() uint64 {
	rc.c.CleanUp()
	return rc.c.WeightedSize()
}

// Len reports the number of cached responses.
func (rc *ResponseCache) Len() int {
	rc.c.CleanUp()
	return rc.c.EstimatedSize()
}

// Version reads the catalog version: one indexed read of the one-row
// version table (0 before the first import).
func (rc *ResponseCache) Version(ctx context.Context) (int64, error) {
	var vs []struct {
		Version int64 `json:"version"`
	}
	err := rc.client.CatalogState.Query().
		Order(catalogstate.ByID()).Limit(1).
		Select(catalogstate.FieldVersion).Scan(ctx, &vs)
	if err != nil || len(vs) == 0 {
		return 0, err
	}
	return vs[0].Version, nil
}

// observe records version and drops every entry when it is newer than the
// newest seen; it reports whether version is still current (a request that
// read an older snapshot neither reads nor stores entries).
func (rc *ResponseCache) observe(version int64) bool {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	switch {
	case version > rc.version:
		rc.version = version
		rc.c.InvalidateAll()
		return true
	case version < rc.version:
		return false
	}
	return true
}

func (rc *ResponseCache) get(key string) ([]byte, bool) { return rc.c.GetIfPresent(key) }

func (rc *ResponseCache) put(version int64, key string, body []byte) {
	if uint64(len(body)) > rc.budget/8 {
		return // one response may not take most of the budget
	}
	if rc.observe(version) {
		rc.c.Set(key, body)
	}
}

// requestKey is the cache key of an operation at a catalog version, and the
// ETag of its response in media type.
func (rc *ResponseCache) requestKey(ctx context.Context, oc *graphql.OperationContext, version int64, media string) (key, etag string, err error) {
	vars, err := json.Marshal(oc.Variables) // map keys sorted: a canonical form
	if err != nil {
		return "", "", err
	}
	h := sha256.New()
	h.Write([]byte(rc.normalised(ctx, oc)))
	h.Write([]byte{0})
	h.Write([]byte(oc.OperationName))
	h.Write([]byte{0})
	h.Write(vars)
	sum := h.Sum(nil)
	v := strconv.FormatInt(version, 10)
	key = v + ":" + string(sum)
	h.Write([]byte{0})
	h.Write([]byte(media))
	return key, `"v` + v + "-" + hex.EncodeToString(h.Sum(nil)[:16]) + `"`, nil
}

// normalised returns the hash of the request's document printed in
// canonical form (no comments, one layout), so documents that differ only
// in whitespace, commas or comments share entries; memoised by the hash of
// the text as sent.
func (rc *ResponseCache) normalised(ctx context.Context, oc *graphql.OperationContext) string {
	raw := sha256.Sum256([]byte(oc.RawQuery))
	rawKey := string(raw[:])
	if n, ok := rc.docs.Get(ctx, rawKey); ok {
		return n
	}
	var b strings.Builder
	formatter.NewFormatter(&b).FormatQueryDocument(oc.Doc)
	sum := sha256.Sum256([]byte(b.String()))
	n := string(sum[:])
	rc.docs.Add(ctx, rawKey, n)
	return n
}

// etagMatches reports whether an If-None-Match header lists etag (or is "*").
func etagMatches(header, etag string) bool {
	for part := range strings.SplitSeq(header, ",") {
		p := strings.TrimSpace(part)
		if p == "*" || p == etag {
			return true
		}
	}
	return false
}

// cacheHeaders marks a response that may be revalidated by its ETag.
func cacheHeaders(w http.ResponseWriter, etag string) {
	w.Header().Set("ETag", etag)
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Vary", "Accept")
}

// cacheState is what the resolvers of one cached request may need to know:
// the version its key names, and whether something made its response
// unfit for the cache.
type cacheState struct {
	version string // "v<n>", as the search index names versions
	mu      sync.Mutex
	noStore bool
}

type cacheStateKey struct{}

// responseVersion returns the catalog version the request's response will
// be cached under ("" when it is not cached).
func responseVersion(ctx context.Context) string {
	if s, ok := ctx.Value(cacheStateKey{}).(*cacheState); ok {
		return s.version
	}
	return ""
}

// noStore keeps the request's response out of the response cache.
func noStore(ctx context.Context) {
	if s, ok := ctx.Value(cacheStateKey{}).(*cacheState); ok {
		s.mu.Lock()
		s.noStore = true
		s.mu.Unlock()
	}
}

func (s *cacheState) storable() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.noStore
}

// searchAtVersion runs a search through s, and keeps the response out of
// the response cache unless the index it used was built from the version
// the response is cached under: the index of a replica follows imports a
// little later than the database.
func searchAtVersion(ctx context.Context, s *search.Service, q search.Query) (*search.Result, error) {
	want := responseVersion(ctx)
	if want == "" {
		return s.Search(ctx, q)
	}
	before := s.Index()
	res, err := s.Search(ctx, q)
	after := s.Index()
	if before == nil || after == nil || before.Version() != want || after.Version() != want {
		noStore(ctx)
	}
	return res, err
}
