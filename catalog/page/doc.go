// Package page cuts one page out of an answer the catalog computes whole
// (the analytics' and the integration questions' lists, kept per catalog
// version in a memo): the first n items after a cursor, with the total and
// Relay's page info, so that a screen asks for the best first and "more"
// instead of the whole list.
//
// A cursor is entgql's (the API's Cursor scalar) holding the position of
// an item in the whole answer: it stays valid while the catalog version
// does; after an import the same position may hold another item. An
// absent first means every item (the answer as without bounds); a negative
// first or a cursor with a negative position is refused with ErrBadBound.
// A cursor past the end gives an empty page.
package page
