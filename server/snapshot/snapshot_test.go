package snapshot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/karta/karta/graph"
	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/load"
	"github.com/karta/karta/server/storagetest"
)

// query reads the same facts through many statements: the spheres, then
// per sphere its entities and process groups, then the totals.
const query = `{
  spheres(first: 100, orderBy: [{field: KEY}]) { totalCount edges { node { key
    entities { totalCount } processGroups { totalCount } } } }
  entities { totalCount }
  processGroups { totalCount }
  attributes { totalCount }
}`

func post(t *testing.T, url string) (string, error) {
	body, _ := json.Marshal(map[string]string{"query": query})
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}

// While a map is re-imported in a loop, alternating two versions that
// differ in spheres' entities and process groups, every GraphQL response
// shows one committed version whole: its numbers all match one of the two
// states, never a mix.
func TestReadersSeeOneCommittedState(t *testing.T) {
	open := storagetest.Shared(t).Open
	reader, importer := open(t), open(t)
	ctx := context.Background()
	reg, err := identity.Default()
	if err != nil {
		t.Fatal(err)
	}
	docs := func(cut bool) []*kct.Document {
		ds, err := load.SeedDocuments()
		if err != nil {
			t.Fatal(err)
		}
		if cut {
			d := ds[2]
			for i := range d.Spheres {
				s := &d.Spheres[i]
				s.Entities = s.Entities[:min(1, len(s.Entities))]
				s.ProcessGroups = s.ProcessGroups[:min(1, len(s.ProcessGroups))]
			}
		}
		return ds
	}
	imp := func(cut bool) {
		t.Helper()
		if _, err := load.Import(ctx, importer, reg, docs(cut), load.Options{AllowRemovals: true}); err != nil {
			t.Error(err)
		}
	}
	ts := httptest.NewServer(graph.NewHandler(reader, graph.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	defer ts.Close()
	url := ts.URL

	// The two committed states, read while nothing runs.
	states := map[string]bool{}
	for _, cut := range []bool{true, false} {
		imp(cut)
		r, err := post(t, url)
		if err != nil {
			t.Fatal(err)
		}
		states[r] = true
	}
	if len(states) != 2 {
		t.Fatalf("the two versions read the same: %v", states)
	}

	var stop atomic.Bool
	var wg sync.WaitGroup
	var responses, mixed atomic.Int64
	var firstMixed atomic.Value
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				r, err := post(t, url)
				if err != nil {
					t.Error(err)
					return
				}
				responses.Add(1)
				if !states[r] {
					mixed.Add(1)
					firstMixed.CompareAndSwap(nil, r)
				}
			}
		}()
	}
	for i := range 6 {
		imp(i%2 == 0)
	}
	stop.Store(true)
	wg.Wait()
	t.Logf("%d responses during 6 imports, %d not a committed state", responses.Load(), mixed.Load())
	if mixed.Load() > 0 {
		t.Fatalf("%d of %d responses mixed two states, e.g. %s", mixed.Load(), responses.Load(), firstMixed.Load())
	}
	if responses.Load() < 10 {
		t.Fatalf("only %d responses while importing: the test proves nothing", responses.Load())
	}
}
