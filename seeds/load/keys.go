package load

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
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

// norm folds text for comparisons and keys: lower case, letters and digits
// only, single spaces.
func norm(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	return strings.ReplaceAll(b.String(), "ё", "е")
}

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
