package integrations

import (
	"strings"
	"testing"
)

func TestNeedTerms(t *testing.T) {
	for _, c := range []struct{ need, want string }{
		{"данные о спортсменах", "спортсмен"},
		{"Получения данных по стажу спортсменов/тренеров", "стаж спортсмен тренер"},
		{"Сведения об отсутствии (наличии) задолженностей", "задолженност"},
		{"ИИН и БИН", "иин бин"},
		{"данные", "данн"}, // nothing but stop words: keep them
		{"о, и; а", ""},
		{"Учётный номер", "учетн номер"},
	} {
		var got []string
		for _, tm := range needTerms(c.need) {
			got = append(got, tm.stem)
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("needTerms(%q) = %q, want %q", c.need, g, c.want)
		}
	}
}

func TestMatchText(t *testing.T) {
	for _, c := range []struct {
		need, text string
		score      int
	}{
		{"данные о спортсменах", "Спортсмен", 2},
		{"данные о спортсменах", "Спортивный разряд/звание", 1},
		{"данные о спортсменах", "Тренер", 0},
		{"лицензия", "Дата выдачи лицензии", 2},
		{"лицензия", "ГБД «Е-лицензирование»", 1},
		{"лицензия тренера", "Сведения о лицензиях тренеров", 4},
		{"учетный номер", "Учётный номер", 4},
		{"ЛИЦЕНЗИЯ", "лицензии", 2},
		{"ИИН", "ИИН спортсмена", 2},
		{"лица", "лицензия", 0},
	} {
		got, ms := matchText(needTerms(c.need), c.text)
		if got != c.score {
			t.Errorf("matchText(%q, %q) = %d %+v, want %d", c.need, c.text, got, ms, c.score)
		}
	}
}
