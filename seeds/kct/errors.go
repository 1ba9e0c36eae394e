package kct

import "fmt"

// ParseError reports input the parser cannot make sense of: a table whose
// header row cannot be recognised, a roadmap quarter cell that is not an
// R/F/D code, a row with too few columns. Everything else parses; text that
// cannot be attached goes to Document.Unattached instead.
type ParseError struct {
	// File is the base name of the source file.
	File string
	// Line is the 1-based line where the offending element starts.
	Line int
	// Field names the element being read ("integration plan row").
	Field string
	// Expected says what the parser needed, Got what it found.
	Expected string
	Got      string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%s:%d: %s: expected %s, got %s", e.File, e.Line, e.Field, e.Expected, e.Got)
}
