// Package web holds the Karta Explorer — the single-page app served at / —
// and the bundled GraphiQL served at /graphiql, both built by `make ui` from
// the npm project in this folder (Vite + React + TypeScript). The built files
// in dist/ are committed and embedded into the binary, so `make run` needs no
// Node and the pages load nothing from another host.
package web

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built bundle: index.html, graphiql.html, favicon.svg and
// assets/ (content-hashed JavaScript and CSS).
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // "dist" is embedded above: cannot happen
	}
	return sub
}
