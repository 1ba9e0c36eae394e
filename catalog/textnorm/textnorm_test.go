package textnorm

import (
	"math"
	"testing"
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
