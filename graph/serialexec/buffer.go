package serialexec

import (
	"bytes"
	"sync"

	"github.com/99designs/gqlgen/graphql"
)

// maxPooled is the largest buffer kept for the next response: the largest
// answers at 40 maps are ~0.5 MB; a rare larger one is not kept alive.
const maxPooled = 1 << 20

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Marshal returns data's JSON. gqlgen marshals a response into a new
// bytes.Buffer, which doubles its way up to the answer's size (a 400 kB
// answer allocates and copies ~800 kB on the way); Marshal writes into a
// pooled buffer and copies the answer out once, at its size.
func Marshal(data graphql.Marshaler) []byte {
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	data.MarshalGQL(buf)
	out := bytes.Clone(buf.Bytes())
	if buf.Cap() <= maxPooled {
		buffers.Put(buf)
	}
	return out
}
