package textnorm

import (
	"math"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"eQonaq", "еqоnаq"},
		{"еQonaq", "еqоnаq"},
		{"Қазақстан", "казакстан"},
		{"Ёлка", "елка"},
		{"Өтініш", "отиниш"},
	} {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if Fold("E-License") != Fold("Е-Lісеnsе") {
		t.Errorf("look-alike spellings fold apart: %q %q", Fold("E-License"), Fold("Е-Lісеnsе"))
	}
	if l, ok := LatinBack('н'); !ok || l != 'h' {
		t.Errorf("LatinBack('н') = %q, %v", l, ok)
	}
}

// TestFoldTable checks the table and AppendFold against the folding
// computed (foldRune, strings.Map) for every rune and for invalid UTF-8.
func TestFoldTable(t *testing.T) {
	var all []byte
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := FoldRune(r), foldRune(r); got != want {
			t.Fatalf("FoldRune(%U) = %U, want %U", r, got, want)
		}
		if r < 0x3000 {
			all = utf8.AppendRune(all, r)
		}
	}
	all = append(all, 0xC0, 0x80, 0xC2, 'A', 0xD0, 0xE0, 0xA0, 0x80, 0xF0, 0x9F, 0x98, 0x80, 0xFF, 0xD0)
	for _, s := range []string{string(all), "", "\xd0", "Ёлка E-License «МИИЦР» Қазақстан \xc3\x28 \xe2\x82"} {
		want := strings.Map(foldRune, s)
		if got := string(AppendFold(nil, s)); got != want {
			t.Errorf("AppendFold(%q) = %q, want %q", s, got, want)
		}
		if got := string(AppendFold([]byte("x"), []byte(s))); got != "x"+want {
			t.Errorf("AppendFold(%q) as bytes = %q, want %q", s, got, want)
		}
	}
}

func TestWordsAndKeys(t *testing.T) {
	if got := Key("  ГБД «Е-лицензирование», Ёж "); got != "гбд е лицензирование еж" {
		t.Errorf("Key = %q", got)
	}
	if got := Letters("ГБД «ЕЛ»"); got != "гбдел" {
		t.Errorf("Letters = %q", got)
	}
	if got := Lower("ЁЛКА"); got != "елка" {
		t.Errorf("Lower = %q", got)
	}
}

func TestFixLookalikes(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Фιο", "Фио"},
		{"КPI", "KPI"},
		{"eGov и ИС", "eGov и ИС"},
		{"Спoрт", "Спорт"},
	} {
		if got := FixLookalikes(c.in); got != c.want {
			t.Errorf("FixLookalikes(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestStems(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"спортсменах", "спортсмен"},
		{"спортсмена", "спортсмен"},
		{"лицензий", "лиценз"},
		{"ИИН", "ИИН"},
	} {
		if got := Stem(c.in); got != c.want {
			t.Errorf("Stem(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	a := PrefixSet("Сфера физической культуры и спорта", 5, 4, func(w string) bool { return w == "сфера" })
	b := PrefixSet("Физическая культура и спорт", 5, 4, nil)
	if got := Cover(a, b); got != 1 {
		t.Errorf("Cover = %v, want 1 (%v %v)", got, a, b)
	}
	if p, full := Prefix("спорт", 5); p != "спорт" || !full {
		t.Errorf("Prefix = %q %v", p, full)
	}
	if _, full := Prefix("дом", 5); full {
		t.Error("Prefix of a short word reported full")
	}
}

func TestSimilarity(t *testing.T) {
	if !SameWord("туризма", "туризм") || SameWord("спорт", "спирт") {
		t.Error("SameWord")
	}
	if got := NameScore("Ввоз РЭС и ВЧУ", "ввоз рэс, вчу"); got != 1 {
		t.Errorf("NameScore same letters = %v", got)
	}
	if got := NameScore("Получение разрешительных документов на", "Получение разрешительных документов"); got != 0.95 {
		t.Errorf("NameScore truncation = %v", got)
	}
	d, common := Dice([]string{"а", "б"}, []string{"б", "в", "г"}, func(x, y string) bool { return x == y })
	if common != 1 || math.Abs(d-0.4) > 1e-9 {
		t.Errorf("Dice = %v %d", d, common)
	}
	if got := Similarity("управление национальными ресурсами связи", "управление ресурсами в области связи национальными"); got < 0.9 {
		t.Errorf("Similarity = %v", got)
	}
}

func TestStemGroups(t *testing.T) {
	for _, group := range [][]string{
		{"спортсмен", "спортсмена", "спортсменах", "спортсменов", "спортсмены", "спортсменами"},
		{"лицензия", "лицензии", "лицензий", "лицензиях", "лицензиями", "лицензию", "лицензией"},
		{"турист", "туристы", "туристах", "туристов"},
		{"учетный", "учетного", "учетные", "учетной"},
		{"задолженность", "задолженности", "задолженностей"},
		{"лицо", "лица", "лицах"},
	} {
		want := Stem(group[0])
		for _, w := range group[1:] {
			if got := Stem(w); got != want {
				t.Errorf("Stem(%q) = %q, Stem(%q) = %q", w, got, group[0], want)
			}
		}
	}
	if Stem("спортивный") == Stem("спортсмен") {
		t.Error("«спортивный» and «спортсмен» must not share a stem")
	}
}
