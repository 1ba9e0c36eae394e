// Package versioned keeps values derived from one catalog version — the
// aggregate tables the analytics and integration questions are answered
// from — so that each is computed once per version instead of once per
// request.
//
// The catalog changes only by an import, and every import that changes it
// bumps the one version row (catalog_states) inside its own transaction.
// A request reads that row in its own snapshot (server/snapshot) and asks
// the Memo for a value of that version: a value is computed from, and
// served to, exactly one version, so an answer is never mixed from two.
// Replicas share nothing but the database; each keeps its own Memo, keyed
// by the database's version, and is correct whatever the others do.
//
// A Memo keeps the values of the newest two versions it has seen (a request
// that began its snapshot just before an import still finds its own);
// a request of an older version computes its value without keeping it.
// Concurrent requests for the same value of the same version wait for one
// computation (the first request's, in its snapshot); if that one fails —
// its request timed out, say — the next waiting request computes it.
package versioned
