package load

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/karta/karta/catalog/textnorm"
)

// hash8 is a short stable hash of normalized text, for keys.
func hash8(parts ...string) string {
	h := sha256.New()
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write([]byte(norm(p)))
	}
	return hex.EncodeToString(h.Sum(nil))[:10]
}

// norm folds text for comparisons and keys: lower case, ё → е, letters
// and digits only, single spaces (textnorm.Key; keys depend on it).
func norm(s string) string { return textnorm.Key(s) }

// keyer hands out keys under one parent, suffixing repeats (~2, ~3) so that
// two equal rows of a document stay two nodes.
type keyer map[string]int

func (k keyer) key(base string) string {
	k[base]++
	if n := k[base]; n > 1 {
		return fmt.Sprintf("%s~%d", base, n)
	}
	return base
}

// digest is the content digest of a node's import input.
func digest(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("load: digest: %v", err)) // inputs are plain data
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// textDigest stands for a long text (a map's source) in a node's digest
// input, so the digest does not copy the text through JSON.
func textDigest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}
