package kct

import (
	"html"
	"regexp"
	"strings"
)

// The HTML the conversion leaves in table cells: paragraphs, lists, bold,
// underline, line breaks. Anything else that looks like a tag (an autolink
// "<https://…>") is text.
var tagRe = regexp.MustCompile(`(?i)<(/?)(p|ol|ul|li|b|u|i|em|strong|br|span|div|sup|sub|s|strike|font)(\s[^<>]*)?/?>`)

// htmlBlock is one paragraph or list item of a cell.
type htmlBlock struct {
	text string
	// list is true inside <ol>/<ul>; item is true for an <li>.
	list, item bool
}

// htmlBlocks splits raw cell text into its paragraphs and list items. Inline
// tags are dropped, entities decoded, markdown emphasis removed and spaces
// collapsed; empty blocks are skipped.
func htmlBlocks(raw string) []htmlBlock {
	if !strings.Contains(raw, "<") {
		t := stripMarkdown(html.UnescapeString(raw))
		if t == "" {
			return nil
		}
		return []htmlBlock{{text: t}}
	}
	var out []htmlBlock
	var cur strings.Builder
	depth := 0
	item := false
	flush := func() {
		t := stripMarkdown(html.UnescapeString(cur.String()))
		cur.Reset()
		if t != "" {
			out = append(out, htmlBlock{text: t, list: depth > 0, item: item})
		}
		item = false
	}
	pos := 0
	for _, m := range tagRe.FindAllStringSubmatchIndex(raw, -1) {
		cur.WriteString(raw[pos:m[0]])
		pos = m[1]
		closing := m[3] > m[2]
		name := strings.ToLower(raw[m[4]:m[5]])
		switch name {
		case "p", "div", "br":
			flush()
		case "ol", "ul":
			flush()
			if closing {
				if depth > 0 {
					depth--
				}
			} else {
				depth++
			}
		case "li":
			flush()
			item = !closing
		}
		// inline tags (<b>, <u>, …) are dropped: the source puts the spaces
		// it needs outside them.
	}
	cur.WriteString(raw[pos:])
	flush()
	return out
}

// htmlBlockTexts is the text of each block.
func htmlBlockTexts(raw string) []string {
	bl := htmlBlocks(raw)
	out := make([]string, len(bl))
	for i, b := range bl {
		out[i] = b.text
	}
	return out
}
