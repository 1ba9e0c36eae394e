package search

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/karta/karta/catalog/breadcrumb"
	"github.com/karta/karta/ent"
	"github.com/karta/karta/ent/registry"
)

// nodeTypes lists the GraphQL node types the index covers (the types of
// the registry with search fields), in the order facets list types with
// equal counts.
var nodeTypes = func() []string {
	var out []string
	for _, t := range registry.Indexed() {
		out = append(out, t.Name)
	}
	return out
}()

// Types returns the GraphQL node types the index covers (the values of
// Query.Types and of the type facet).
func Types() []string { return append([]string(nil), nodeTypes...) }

var typeOrder = func() map[string]int {
	m := make(map[string]int, len(nodeTypes))
	for i, t := range nodeTypes {
		m[t] = i
	}
	return m
}()

// part is one text of a node and the GraphQL field it comes from.
type part = registry.Part

// node is what the index keeps of one catalog node in Go memory: the texts
// (for snippets) and the facts a hit reports. Nothing is stored in bleve.
type node struct {
	typ       string
	typeIdx   int // typeOrder[typ]
	id        int
	docID     string // its bleve document ID (see docIDs)
	key       string
	name      string // display name
	nameField string // GraphQL field the name comes from
	alt       []part // short names, codes, aliases
	text      []part // every other text
	// The skeletons of the name and of each alt (the exact-match form),
	// computed once for the index and the snippets.
	nameSkeleton string
	altSkeletons []string
	ministry     []int // top bodies the node belongs to; the first is the hit's
	crumbs       []breadcrumb.Crumb
}

type ministryInfo struct {
	key, name, shortName string
}

// Index is an immutable in-memory full-text index of the catalog. It is
// safe for concurrent use; Close frees it once running searches are done.
type Index struct {
	bleve     bleve.Index // shared's
	shared    *shared
	reindexed int
	// reader is the index's one snapshot, open for the index's life: the
	// index never changes after Build, and every search reads it, so the
	// internal document numbers of byNum stay valid.
	reader       index.IndexReader
	byNum        []*node // by bleve's internal document number
	sorted       []*node // by ID
	nodes        map[string]*node
	ministryByID map[int]ministryInfo
	ministryIDs  map[string]int // top body ID by key
	vocab        vocab
	exact        exactIndex            // the whole-value fields, by bleve's numbers
	nearMu       sync.Mutex            // guards both caches
	nearCache    map[string][]nearTerm // by folded word (the distance follows from it)
	prefixCache  map[string][]string   // a prefix's terms, by field "\x00" prefix (exec.go)
	stop         analysis.TokenFilter  // Russian stop words, as the stemmed analyzer drops them
	version      string
	builtAt      time.Time

	mu     sync.RWMutex // held for reading by each search, for writing by Close
	closed bool
}

// Len is the number of nodes in the index.
func (ix *Index) Len() int { return len(ix.nodes) }

// Version is the catalog version the index was built from ("" when built
// by Build, which does not read it; see Service).
func (ix *Index) Version() string { return ix.version }

// BuiltAt is when the index was built.
func (ix *Index) BuiltAt() time.Time { return ix.builtAt }

// Close frees the index after the searches running on it finish; later
// searches return ErrClosed.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil
	}
	ix.closed = true
	err := ix.reader.Close()
	if cerr := ix.shared.release(); err == nil {
		err = cerr
	}
	return err
}

// batchSize is the number of documents indexed at once (see Build); a
// variable only for the test that builds in many small batches.
var batchSize = 8000

// docIDs returns the bleve document IDs of nodes, cut from one string
// rather than made one by one. A node's ID is its ent ID zero-padded to
// 20 digits (as "%020d" formats it), so that sorting by document ID (the
// tie-break) sorts by ent ID.
func docIDs(nodes []*node) []string {
	const width = 20 // of docID's format; an int64 has at most 19 digits
	buf := make([]byte, width*len(nodes))
	for i, n := range nodes {
		slot := buf[i*width : (i+1)*width]
		for j := range slot {
			slot[j] = '0'
		}
		v := uint64(n.id) // IDs are positive
		for j := width - 1; v > 0; j-- {
			slot[j] = byte('0' + v%10)
			v /= 10
		}
	}
	all := string(buf)
	ids := make([]string, len(nodes))
	for i := range ids {
		ids[i] = all[i*width : (i+1)*width]
	}
	return ids
}

// Build reads the whole catalog and indexes it in memory. It sends a fixed
// number of SQL queries (per node type: the nodes, then one eager load per
// parent edge), whatever the catalog's size.
func Build(ctx context.Context, client *ent.Client) (*Index, error) {
	return build(ctx, client, nil)
}

// shared is a bleve index shared by the successive Index versions that an
// incremental update made from one full build; the last to close closes it.
type shared struct {
	bleve   bleve.Index
	mu      sync.Mutex
	refs    int
	updates int // incremental updates since the full build
	churn   int // documents (re)indexed or deleted by them
}

func (sh *shared) release() error {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.refs--
	if sh.refs == 0 {
		return sh.bleve.Close()
	}
	return nil
}

// Incremental updates add segments and leave deleted documents in the
// old ones (an in-memory scorch index never merges), so after this many
// updates, or once they have touched this share of the documents, the next
// refresh builds afresh.
const (
	maxUpdates   = 8
	maxChurnPart = 4 // a quarter
)

// update returns the index of the catalog as it is now, made from prev by
// re-indexing only the nodes whose indexed texts (name, aliases, texts)
// changed, indexing the new ones and deleting the removed ones, in prev's
// bleve index. prev keeps its own snapshot, so searches on it go on
// unchanged until it is closed. It builds afresh (Build) when prev has been
// updated too often; see maxUpdates.
func (prev *Index) update(ctx context.Context, client *ent.Client) (*Index, error) {
	sh := prev.shared
	sh.mu.Lock()
	fresh := sh.updates >= maxUpdates
	sh.mu.Unlock()
	if fresh {
		return Build(ctx, client)
	}
	return build(ctx, client, prev)
}

// build indexes the catalog: everything in a new bleve index when prev is
// nil, else the differences from prev in prev's (see update).
func build(ctx context.Context, client *ent.Client, prev *Index) (*Index, error) {
	l := &loader{ctx: ctx, c: client}
	if err := l.load(); err != nil {
		return nil, fmt.Errorf("search: read catalog: %w", err)
	}
	m, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("search: mapping: %w", err)
	}
	ix := &Index{
		nodes:        make(map[string]*node, len(l.nodes)),
		ministryByID: l.ministries,
		ministryIDs:  make(map[string]int, len(l.ministries)),
	}
	for id, info := range l.ministries {
		ix.ministryIDs[info.key] = id
	}
	// What to index: every node, or those whose texts changed.
	todo := make([]*node, 0, len(l.nodes))
	var remove []string
	for i, id := range docIDs(l.nodes) {
		n := l.nodes[i]
		n.docID = id
		if _, dup := ix.nodes[id]; dup {
			return nil, fmt.Errorf("search: node ID %d is not unique across types (%s)", n.id, n.typ)
		}
		ix.nodes[id] = n
		if prev == nil || !sameTexts(prev.nodes[id], n) {
			todo = append(todo, n)
		}
	}
	if prev != nil {
		for id := range prev.nodes {
			if _, ok := ix.nodes[id]; !ok {
				remove = append(remove, id)
			}
		}
		sh := prev.shared
		sh.mu.Lock()
		churn := sh.churn + len(todo) + len(remove)
		if churn*maxChurnPart > len(ix.nodes) {
			sh.mu.Unlock()
			return Build(ctx, client)
		}
		sh.refs++
		sh.updates++
		sh.churn = churn
		sh.mu.Unlock()
		ix.shared = sh
	} else {
		// scorch with no path keeps its segments in memory only.
		// (NewMemOnly would use the legacy upsidedown engine on a gtreap
		// store, an order of magnitude slower to search.)
		bi, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
		if err != nil {
			return nil, fmt.Errorf("search: new index: %w", err)
		}
		ix.shared = &shared{bleve: bi, refs: 1}
	}
	ix.bleve = ix.shared.bleve
	fail := func(format string, args ...any) (*Index, error) {
		if ix.reader != nil {
			ix.reader.Close()
		}
		ix.shared.release()
		return nil, fmt.Errorf(format, args...)
	}
	db, err := newDocBuilder(m)
	if err != nil {
		return fail("%w", err)
	}
	ix.stop = db.stop
	ix.reindexed = len(todo) + len(remove)
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return fail("search: index: %w", err)
	}
	// The documents go to scorch's own batches (index.Batch takes any
	// index.Document; bleve's Batch only its document.Document).
	// The removed nodes go with the first batch (or alone).
	for start := 0; start < len(todo) || start == 0 && len(remove) > 0; start += batchSize {
		if err := ctx.Err(); err != nil {
			return fail("%w", err)
		}
		// A batch is analysed whole before it becomes a segment: batches
		// of batchSize documents bound the memory a build holds at once,
		// at the price of one term dictionary per segment to search.
		part := todo[start:min(start+batchSize, len(todo))]
		batch := &index.Batch{IndexOps: make(map[string]index.Document, len(part)+len(remove)), InternalOps: map[string][]byte{}}
		for _, id := range remove {
			batch.Delete(id)
		}
		remove = nil
		docs := db.documents(part)
		for i := range docs {
			batch.Update(&docs[i])
		}
		if err := adv.Batch(batch); err != nil {
			return fail("search: index batch: %w", err)
		}
	}
	if ix.reader, err = adv.Reader(); err != nil {
		return fail("search: open reader: %w", err)
	}
	if err := ix.number(); err != nil {
		return fail("search: number documents: %w", err)
	}
	ix.exact = newExactIndex(ix.byNum)
	if ix.vocab, err = readVocab(ix.reader); err != nil {
		return fail("search: read vocabulary: %w", err)
	}
	ix.builtAt = time.Now()
	return ix, nil
}

// sameTexts reports whether a and b index the same texts (nil a: no).
func sameTexts(a, b *node) bool {
	return a != nil && a.name == b.name && slices.Equal(a.alt, b.alt) && slices.Equal(a.text, b.text)
}

// Reindexed is the number of documents the build of the index indexed or
// deleted: every node for a full build, the changed ones for an update.
func (ix *Index) Reindexed() int { return ix.reindexed }

// number maps bleve's internal document numbers of the reader's snapshot
// to nodes (reading each live document's ID, which zap keeps uncompressed)
// and lists the nodes by ID.
func (ix *Index) number() error {
	all, err := ix.reader.DocIDReaderAll()
	if err != nil {
		return err
	}
	defer all.Close()
	ix.byNum = make([]*node, len(ix.nodes))
	found := 0
	for {
		iid, err := all.Next()
		if err != nil {
			return err
		}
		if iid == nil {
			break
		}
		ext, err := ix.reader.ExternalID(iid)
		if err != nil {
			return err
		}
		n := ix.nodes[ext]
		if n == nil {
			return fmt.Errorf("document %q is no node", ext)
		}
		num := iid.Value()
		if num >= uint64(len(ix.byNum)) {
			ix.byNum = append(ix.byNum, make([]*node, num+1-uint64(len(ix.byNum)))...)
		}
		ix.byNum[num] = n
		found++
	}
	if found != len(ix.nodes) {
		return fmt.Errorf("%d documents for %d nodes", found, len(ix.nodes))
	}
	ix.sorted = make([]*node, 0, len(ix.nodes))
	for _, n := range ix.nodes {
		ix.sorted = append(ix.sorted, n)
	}
	sort.Slice(ix.sorted, func(i, j int) bool { return ix.sorted[i].id < ix.sorted[j].id })
	return nil
}

// loader reads the catalog type by type (registry.Indexed, one query per
// type plus one per parent edge) and resolves each node's breadcrumb and top
// body in Go from the parents it read: every parent of an indexed node is
// indexed too, so no further query is needed.
type loader struct {
	ctx        context.Context
	c          *ent.Client
	nodes      []*node
	ministries map[int]ministryInfo
}

// nodeBlock is the number of nodes the loader allocates at once: the
// catalog's rows are streamed, so their number is not known beforehand.
const nodeBlock = 1024

// loading is what the loader keeps of a node until its breadcrumb and top
// bodies are resolved: made in blocks like the nodes (no slice grown by
// doubling, no map by ID) and dropped when load returns.
type loading struct {
	n      *node
	step   registry.Step
	bodies []int
	top    int // the top body of the node's path, 0 when its path has none
}

func (l *loader) load() error {
	// The rows of every type are streamed into nodes and their loading
	// entries (both made in blocks).
	var (
		blocks [][]loading // full blocks of nodeBlock entries, and the last
		block  []node
		total  int
	)
	for _, t := range registry.Indexed() {
		err := t.Docs(l.ctx, l.c, func(d registry.Doc) {
			if len(block) == 0 {
				block = make([]node, nodeBlock)
			}
			n := &block[0]
			block = block[1:]
			if total%nodeBlock == 0 {
				blocks = append(blocks, make([]loading, 0, nodeBlock))
			}
			last := &blocks[len(blocks)-1]
			*last = append(*last, loading{n: n, step: d.Step, bodies: d.Bodies})
			total++
			*n = node{
				typ: t.Name, typeIdx: typeOrder[t.Name], id: d.ID, key: d.Key, name: d.Name, nameField: d.NameField,
				alt: d.Alt, text: d.Text, nameSkeleton: skeleton(d.Name),
			}
			if len(d.Alt) > 0 {
				n.altSkeletons = make([]string, len(d.Alt))
			}
			for i, p := range d.Alt {
				n.altSkeletons[i] = skeleton(p.Value)
			}
			if t.Name == ministryType {
				if l.ministries == nil {
					l.ministries = map[int]ministryInfo{}
				}
				info := ministryInfo{key: d.Key, name: d.Name}
				for _, p := range d.Alt {
					if p.Field == "shortName" {
						info.shortName = p.Value
						break
					}
				}
				l.ministries[d.ID] = info
			}
		})
		if err != nil {
			return fmt.Errorf("%s: %w", t.Name, err)
		}
	}
	// The entries by ID (unique across types; build checks), for the
	// breadcrumbs' steps and the bodies' top bodies.
	l.nodes = make([]*node, 0, total)
	byID := make([]*loading, 0, total)
	for _, b := range blocks {
		for i := range b {
			l.nodes = append(l.nodes, b[i].n)
			byID = append(byID, &b[i])
		}
	}
	slices.SortFunc(byID, func(a, b *loading) int { return cmp.Compare(a.n.id, b.n.id) })
	find := func(id int) *loading {
		i, ok := slices.BinarySearchFunc(byID, id, func(e *loading, id int) int { return cmp.Compare(e.n.id, id) })
		if !ok {
			return nil
		}
		return byID[i]
	}
	step := func(r registry.Ref) (registry.Step, bool) {
		if e := find(r.ID); e != nil {
			return e.step, true
		}
		return registry.Step{}, false
	}
	// top is the top body of a node: the first crumb of its path when that
	// is a body. The nodes under one top body share its one-element list.
	tops := map[int][]int{}
	for _, e := range byID {
		n := e.n
		n.crumbs = breadcrumb.Path(registry.Ref{Type: n.typ, ID: n.id}, step)
		if len(n.crumbs) > 0 && n.crumbs[0].Type == ministryType {
			e.top = n.crumbs[0].ID
			if tops[e.top] == nil {
				tops[e.top] = []int{e.top}
			}
			n.ministry = tops[e.top]
		}
	}
	// A node without a parent but with bodies (a service and its process
	// groups) belongs to the top bodies of those nodes, in the order of
	// their IDs; it is reported under the first.
	for _, b := range blocks {
		for i := range b {
			n, bodies := b[i].n, b[i].bodies
			if len(n.ministry) > 0 || len(bodies) == 0 {
				continue
			}
			ids := append([]int(nil), bodies...)
			sort.Ints(ids)
			seen := map[int]bool{}
			for _, id := range ids {
				if e := find(id); e != nil && e.top != 0 && !seen[e.top] {
					seen[e.top] = true
					n.ministry = append(n.ministry, e.top)
				}
			}
		}
	}
	return nil
}

// ministryType is the type of the top bodies facets count by.
const ministryType = "Ministry"
