package kct

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

var (
	// a number as written: "17 688", "10,4", "9.5", "6 286 362"
	numberRe = regexp.MustCompile(`\d{1,3}(?:[  ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?`)
	scaleRe  = regexp.MustCompile(`^\s*(тыс|млн|млрд)`)
)

// parseValue keeps the text as written and adds the number when the text
// holds exactly one ("более 62 тыс." → 62000, "10,4 млн." → 10400000,
// "35%" → 35). Two numbers ("221 /91"), a broken one ("~40 0") or none
// ("учет не ведется") give no number.
func parseValue(text string) Value {
	text = collapseSpaces(text)
	v := Value{Text: text}
	locs := numberRe.FindAllStringIndex(text, -1)
	if len(locs) != 1 {
		return v
	}
	lit := text[locs[0][0]:locs[0][1]]
	// a number glued to letters ("0xx", "4G") is a code, not a quantity
	if next := firstRune(text[locs[0][1]:]); next != 0 && (isLetterNotUnit(next)) {
		return v
	}
	if locs[0][0] > 0 {
		if prev := lastRune(text[:locs[0][0]]); isLetterNotUnit(prev) {
			return v
		}
	}
	lit = strings.NewReplacer(" ", "", " ", "", ",", ".").Replace(lit)
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil {
		return v
	}
	if m := scaleRe.FindStringSubmatch(text[locs[0][1]:]); m != nil {
		switch m[1] {
		case "тыс":
			f *= 1e3
		case "млн":
			f *= 1e6
		case "млрд":
			f *= 1e9
		}
	}
	v.Number = &f
	return v
}

func isLetterNotUnit(r rune) bool {
	return r != 0 && r != '%' && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || isCyrillic(r))
}

var months = []string{"январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"}

var (
	yearRe  = regexp.MustCompile(`(?:^|\D)(20\d\d)(?:\D|$)`)
	monthRe = regexp.MustCompile(`(?i)(январ[а-я]*|феврал[а-я]*|март[а-я]*|апрел[а-я]*|ма[йяе]|июн[а-я]*|июл[а-я]*|август[а-я]*|сентябр[а-я]*|октябр[а-я]*|ноябр[а-я]*|декабр[а-я]*)`)
)

// parseDeadline reads "Ноябрь 2025 г." as 2025/11; what follows the date
// (a confirmation) is returned as the rest.
func parseDeadline(text string) (year, month int, rest string) {
	if m := yearRe.FindStringSubmatchIndex(text); m != nil {
		year, _ = strconv.Atoi(text[m[2]:m[3]])
		rest = text[m[3]:]
	}
	if m := monthRe.FindStringIndex(text); m != nil {
		w := strings.ToLower(text[m[0]:m[1]])
		for i, p := range months {
			if strings.HasPrefix(w, p) && (p != "ма" || w == "май" || w == "мая" || w == "мае") {
				month = i + 1
				break
			}
		}
	}
	rest = strings.TrimSpace(rest)
	rest = strings.TrimSpace(strings.TrimPrefix(rest, "г."))
	rest = strings.TrimSpace(strings.TrimPrefix(rest, "года"))
	rest = strings.TrimLeft(rest, ".,;/ ")
	return year, month, rest
}

// roadmap codes: R, F, D (a Cyrillic Р is read as R), "*" for budget-dependent
var codeCellRe = regexp.MustCompile(`^(?:[RFDР]\*?)(?:(?:,|;|/|\+|&|и)?[RFDР]\*?)*\*?$`)

// isCode reports whether a cell holds only roadmap codes ("R", "F*", "R и F").
func isCode(t string) bool {
	t = strings.ReplaceAll(strings.TrimSpace(t), " ", "")
	return t != "" && codeCellRe.MatchString(t)
}

// parseCodes returns the codes of a cell in order and whether it carries "*".
func parseCodes(t string) (codes []string, budget bool) {
	for _, r := range t {
		switch r {
		case 'R', 'Р':
			codes = append(codes, "R")
		case 'F':
			codes = append(codes, "F")
		case 'D':
			codes = append(codes, "D")
		case '*':
			budget = true
		}
	}
	return codes, budget
}

var plainNumberRe = regexp.MustCompile(`^[~≈<>≥≤]?\s*\d[\d  .,]*\s*%?$`)

var unitWords = map[string]bool{
	"%": true, "%.": true, "ед": true, "ед.": true, "шт": true, "шт.": true, "чел": true,
	"чел.": true, "тенге": true, "тыс.": true, "млн.": true, "раз": true, "дней": true,
	"единиц": true, "единица": true, "человек": true, "км": true, "мбит/с": true,
}

// isUnitLike reports whether a KPI cell reads as a unit ("%", "ед.", "%. .").
func isUnitLike(t string) bool {
	t = strings.TrimSpace(t)
	l := strings.ToLower(t)
	if unitWords[l] {
		return true
	}
	n := utf8.RuneCountInString(t)
	return n > 0 && n <= 6 && strings.Contains(t, "%") && !plainNumberRe.MatchString(t)
}

// isValueLike reports whether a cell is a short standalone value (a number,
// a percentage, a unit, a roadmap code or a dash): such cells never continue
// across a page break.
func isValueLike(t string) bool {
	t = strings.TrimSpace(t)
	switch {
	case t == "":
		return false
	case t == "-" || t == "–" || t == "—" || t == "+":
		return true
	case isCode(t), plainNumberRe.MatchString(t), isUnitLike(t):
		return true
	}
	return false
}

// normDigitization maps an entity's digitization status to FULL, PARTIAL or
// NONE ("" when unknown).
func normDigitization(t string) string {
	l := lowerTrim(t)
	switch {
	case l == "":
		return ""
	case strings.HasPrefix(l, "частичн"):
		return "PARTIAL"
	case strings.HasPrefix(l, "отсутств"), strings.HasPrefix(l, "не оцифр"), strings.HasPrefix(l, "нет"), l == "-":
		return "NONE"
	case strings.HasPrefix(l, "оцифрован"), strings.HasPrefix(l, "полност"), strings.HasPrefix(l, "имеется"):
		return "FULL"
	}
	return ""
}

// normReengineering maps a reengineering status to IN_PROGRESS, PLANNED,
// DONE or NOT_PLANNED ("" when unknown).
func normReengineering(t string) string {
	l := lowerTrim(t)
	switch {
	case l == "":
		return ""
	case strings.HasPrefix(l, "не планир"), strings.HasPrefix(l, "не требуется"), strings.HasPrefix(l, "не предусмотр"):
		return "NOT_PLANNED"
	case strings.HasPrefix(l, "в работе"), strings.HasPrefix(l, "в процессе"), strings.HasPrefix(l, "проводится"):
		return "IN_PROGRESS"
	case strings.HasPrefix(l, "планир"), strings.HasPrefix(l, "запланир"):
		return "PLANNED"
	case strings.HasPrefix(l, "заверш"), strings.HasPrefix(l, "проведен"), strings.HasPrefix(l, "выполнен"), strings.HasPrefix(l, "реализован"):
		return "DONE"
	}
	return ""
}

var aiRe = regexp.MustCompile(`(?i)(^|[^\p{L}])(ИИ|AI|ML|NLP|LLM)([^\p{L}]|$)|искусственн\p{L}* интеллект|машинн\p{L}* обучени|нейросет|нейронн\p{L}* сет|компьютерн\p{L}* зрени|обработк\p{L}* естественного языка|больших языковых|интеллектуальн`)

// mentionsAI reports whether a technologies text plans AI: ИИ/AI/ML/NLP/LLM,
// artificial intelligence, machine learning, neural networks, computer
// vision, natural-language processing, or an "интеллектуальная"
// (intelligent) system or module.
func mentionsAI(t string) bool { return aiRe.MatchString(t) }
