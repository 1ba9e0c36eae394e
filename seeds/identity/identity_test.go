package identity_test

import (
	"strings"
	"testing"

	"github.com/karta/karta/seeds/identity"
)

func registry(t *testing.T) *identity.Registry {
	t.Helper()
	reg, err := identity.Default()
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// TestAliasGroups checks that every spelling of a group resolves to one key
// and that the groups stay apart.
func TestAliasGroups(t *testing.T) {
	reg := registry(t)
	tests := []struct {
		name     string
		system   bool
		scope    string // resolve within this body's maps ("" = global)
		spelling []string
	}{
		{"ГБД ЕЛ", true, "", []string{"E-License", "e-license", "elicense", "eLicense", "ИС «Е-лицензирование»", "Е-лицензирование", "ГБД ЕЛ", "ИС ГБД ЕЛ", "ГБ ИС «Е-лицензирование»", "Государственная база данных «Е-лицензирование»", "ГБД «Е-лицензирование»", "e-License"}},
		{"eGov", true, "", []string{"eGov", "Egov", "egov", "Портал «электронного правительства»", "Портал электронного правительства", "Портал eGov", "Портал «электронного правительства» (egov)", "egov.kz"}},
		{"ИС МП", true, "", []string{"ИС МП (mGov)", "ИС МП", "mGov"}},
		{"Е-Архив", true, "", []string{"ИС «Е-Архив»", "Е-Архив", "e-Архив", "«e-Архив»", "АИС «Е-Архив»"}},
		{"eQonaq", true, "", []string{"ИС «eQonaq»", "eQonaq", "«eQonaq»", "ИС eQonaq", "eqonaq"}},
		{"НОБД", true, "", []string{"ИС НОБД", "ИС «НОБД»", "НОБД", "Национальная образовательная база данных"}},
		{"Беркут", true, "", []string{"ЕИС «Беркут»", "ИС «Беркут»", "Беркут"}},
		{"Төрелік", true, "", []string{"АИАС СО РК «Төрелік»", "Төрелік", "Торелик"}},
		{"МИИЦР", false, "", []string{"МИИЦР", "МИИЦР РК", "Министерство искусственного интеллекта и цифрового развития", "Министерство Искусственного интеллекта и цифрового развития Республики Казахстан", "Министерство цифрового развития, инноваций и аэрокосмической промышленности", "Министерство цифрового развития, инноваций и аэрокосмической промышленности РК", "Министерство цифрового развития инноваций и аэрокосмической промышленности Республики Казахстан", "МЦРИАП", "МЦРИАП РК"}},
		{"МКИ", false, "", []string{"МКИ", "МКИ РК", "Министерство культуры и информации", "Министерство культуры и информации Республики Казахстан"}},
		{"КГД", false, "", []string{"Комитет государственных доходов МФ", "Комитет государственных доходов МФ РК", "Комитет государственных доходов Министерства финансов", "Комитет государственных доходов Министерства финансов Республики Казахстан", "КГД МФ", "РГУ «Комитет государственных доходов Министерства финансов Республики Казахстан»"}},
		{"КДСФК", false, "МТС", []string{"Комитет по делам спорта и физической культуры Министерства туризма и спорта", "Комитет по делам спорта и физической культуры Министерства туризма и спорта Республики Казахстан", "Комитет по делам спорта и физической культуры", "КДСФК", "КДСФК МТС"}},
		{"КТ", false, "МИИЦР", []string{"КТ", "Комитет телекоммуникаций", "Комитет телекоммуникации", "Комитет телекоммуникаций Министерства цифрового развития, инноваций и аэрокосмической промышленности Республики Казахстан", "Комитет телекоммуникаций Министерства искусственного интеллекта и цифрового развития Республики Казахстан", "КТ МИИЦР"}},
		{"КАДКД", false, "МКИ", []string{"КАДКД", "Комитет архивов, документации и книжного дела", "РГУ «Комитет архивов, документации и книжного дел»"}},
		{"Госкорпорация", false, "", []string{"Некоммерческое акционерное общество «Государственная корпорация «Правительство для граждан»", "НАО «Государственная корпорация «Правительство для граждан»»", "Госкорпорация «Правительство для граждан»", "Госкорпорация"}},
		{"КТЖ", false, "", []string{"АО «НК «Қазақстан темір жолы»", "Казахстан темир жолы", "КТЖ", "НК «Казахстан темир жолы»"}},
		{"НИТ", false, "", []string{"АО «НИТ»", "НИТ", "Национальные информационные технологии", "АО «Национальные информационные технологии»"}},
		{"Нацархив", false, "", []string{"Национальный архив РК", "РГУ «Национальный архив Республики Казахстан»", "Национальный архив Республики Казахстан"}},
		{"НЦЭЛС", false, "", []string{"Республиканское государственное предприятие на праве хозяйственного ведения \"Национальный центр экспертизы лекарственных средств и медицинских изделий\" Комитета медицинского и фармацевтического контроля Министерства здравоохранения", "Национальный центр экспертизы лекарственных средств и медицинских изделий", "РГП на ПХВ «Национальный центр экспертизы лекарственных средств и медицинских изделий»"}},
	}
	keys := map[string]string{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var key string
			for _, s := range tt.spelling {
				var k string
				var m identity.Match
				switch {
				case tt.system:
					sys := reg.System(s)
					k, m = sys.Key, sys.Match
				case tt.scope != "":
					b := reg.Scope(tt.scope).Body(s)
					k, m = b.Key, b.Match
				default:
					b := reg.Body(s)
					k, m = b.Key, b.Match
				}
				if m != identity.Known {
					t.Errorf("%q: %s, want known", s, m)
					continue
				}
				if key == "" {
					key = k
				}
				if k != key {
					t.Errorf("%q -> %s, want %s (as %q)", s, k, key, tt.spelling[0])
				}
			}
			if other, ok := keys[key]; ok {
				t.Errorf("group %s has the key of group %s", tt.name, other)
			}
			keys[key] = tt.name
		})
	}
}

// TestEveryTableSpellingResolves resolves every spelling of every record of
// the table to the record (locals within the parent's maps, homonyms next to
// the owner).
func TestEveryTableSpellingResolves(t *testing.T) {
	reg := registry(t)
	nb, ns, nu := 0, 0, 0
	for _, b := range reg.Bodies() {
		sc := reg.Scope(b.Key)
		if b.Parent != "" {
			sc = reg.Scope(b.Parent)
		}
		for _, s := range append(append([]string{b.Name}, b.Aliases...), b.Former...) {
			nb++
			if got := sc.Body(s); got.Key != b.Key || got.Match != identity.Known {
				t.Errorf("body %q (line %d): %q -> %s %s", b.Name, b.Line, s, got.Match, got.Key)
			}
		}
	}
	for _, sys := range reg.Systems() {
		for _, s := range append(append([]string{sys.Name}, sys.Aliases...), sys.Former...) {
			ns++
			if got := reg.SystemOf(s, sys.Owner); got.Key != sys.Key || got.Match != identity.Known {
				t.Errorf("system %q (line %d): %q -> %s %s", sys.Name, sys.Line, s, got.Match, got.Key)
			}
		}
	}
	for _, u := range reg.Units() {
		for _, s := range append([]string{u.Name}, u.Aliases...) {
			nu++
			if got := reg.Scope(u.Parent).Unit(s); got.Key != u.Key || got.Match != identity.Known {
				t.Errorf("unit %q (line %d): %q -> %s %s", u.Name, u.Line, s, got.Match, got.Key)
			}
		}
	}
	t.Logf("table: %d bodies (%d spellings), %d systems (%d spellings), %d units (%d spellings)",
		len(reg.Bodies()), nb, len(reg.Systems()), ns, len(reg.Units()), nu)
}

// TestMustNotMerge lists names that the table or the maps show are
// different nodes.
func TestMustNotMerge(t *testing.T) {
	reg := registry(t)
	systems := [][2]string{
		{"ГБД ЕЛ", "ГБД АР"},
		{"ГБД ЕЛ", "ГБД ЮЛ"},
		{"ИС ГБД ЕЛ", "ГБД АР"},
		{"ИС МП (mGov)", "eGov"},
		{"ИС МП (mGov)", "Портал «электронного правительства»"},
		{"eGov", "eGov Mobile"},
		{"Приложение «eGov Mobile»", "ИС МП"},
		{"Е-АБИС", "Е-Архив"},
		{"ИС «Е-АБИС»", "ИС «Е-Архив»"},
		{"ИС «Е-Архив»", "ИС ЕАЭД"},
		{"ИС «Е-Архив»", "Национальный цифровой архив"},
		{"e-Библиотека", "Е-АБИС"},
		{"Damu Bala", "Dara Bala"},
		{"ЦБДАН", "БДИК"},
		{"ЕСУ", "ЕСУТД"},
		{"ИС ПЭП РК", "ИС СЭП"},
		{"ИАС ТБД", "ЕИС «Техосмотр»"},
		{"АИС СЦ", "СУР"},
		{"ИС «ЕРАП»", "ИС «ЕПВО»"},
		{"Единый медиапортал", "Портал «электронного правительства»"},
		{"ИС «Foo»", "ИС «Bar»"},
		{"ГБД ЕЛ", "ГБД ЕК"},
	}
	for _, p := range systems {
		a, b := reg.System(p[0]), reg.System(p[1])
		if a.Key == b.Key {
			t.Errorf("systems %q and %q merged into %s", p[0], p[1], a.Key)
		}
	}
	bodies := [][2]string{
		{"МКИ", "Министерство культуры и спорта"},
		{"МКИ", "МИИЦР"},
		{"МТС", "МТСЗН"},
		{"МП", "МПС"},
		{"МЮ", "МЗ"},
		{"МФ", "Комитет государственных доходов МФ"},
		{"Правительство Республики Казахстан", "Государственная корпорация «Правительство для граждан»"},
		{"Правительство", "Правительство для граждан"},
		{"Комитет телекоммуникаций", "Комитет транспорта"},
		{"Комитет информации", "Комитет культуры"},
		{"Национальный архив Республики Казахстан", "Центральный государственный архив"},
		{"Центральный государственный архив", "Центральный государственный архив научно-технической документации"},
		{"Центральный государственный архив научно-технической документации", "Центральный государственный архив кино-фотодокументов и звукозаписи"},
		{"Национальная библиотека Республики Казахстан", "Национальная академическая библиотека Республики Казахстан"},
		{"Центр олимпийской подготовки «Алматы»", "Центр олимпийской подготовки «Астана»"},
		{"Центр олимпийской подготовки по зимним видам спорта", "Республиканская школа высшего спортивного мастерства по зимним видам спорта «Алатау»"},
		{"Национальный антидопинговый центр", "Антидопинговая лаборатория спортсменов"},
		{"ТОО «Freedom Holding»", "ТОО «Freedom Telecom Holding»"},
		{"Комитет национальной безопасности", "Служба государственной охраны"},
		{"Национальный архив", "Национальный архив Республики Казахстан"},
	}
	for _, p := range bodies {
		a, b := reg.Body(p[0]), reg.Body(p[1])
		if a.Key == b.Key {
			t.Errorf("bodies %q and %q merged into %s", p[0], p[1], a.Key)
		}
	}
	// КТ is Комитет телекоммуникаций only in МИИЦР's maps; the Latin "KT"
	// (Korea Telecom) never is.
	if b := reg.Body("КТ"); b.Match != identity.Unknown {
		t.Errorf("КТ outside a scope: %s %s, want unknown", b.Match, b.Key)
	}
	if b := reg.Scope("МТ").Body("КТ"); b.Match != identity.Unknown {
		t.Errorf("КТ in МТ's maps: %s %s, want unknown", b.Match, b.Key)
	}
	if ms := reg.Scope("МИИЦР").Find("операторы SK Telecom и KT внедрили"); len(ms) != 0 {
		t.Errorf("Find found %v in a text about Korea Telecom", ms)
	}
	// ДЦТРУ and ДЦТРГУ stay apart until a human confirms they are one unit.
	if a, b := reg.Scope("МТС").Unit("ДЦТРУ"), reg.Scope("МТС").Unit("ДЦТРГУ"); a.Key == b.Key {
		t.Errorf("ДЦТРУ and ДЦТРГУ merged")
	}
}

func TestHomonyms(t *testing.T) {
	reg := registry(t)
	labor := reg.SystemOf("ЕСУТД", "МТСЗН РК")
	transport := reg.SystemOf("ЕСУТД", "Комитет транспорта Министерства транспорта")
	if labor.Match != identity.Known || transport.Match != identity.Known || labor.Key == transport.Key {
		t.Fatalf("ЕСУТД: labor %s %s, transport %s %s", labor.Match, labor.Key, transport.Match, transport.Key)
	}
	if s := reg.SystemOf("ЕСУТД", "Министерство транспорта"); s.Key != transport.Key {
		t.Errorf("ЕСУТД next to МТ -> %s, want %s", s.Key, transport.Key)
	}
	if s := reg.Scope("МТСЗН").System("ЕСУТД"); s.Key != labor.Key {
		t.Errorf("ЕСУТД in МТСЗН's maps -> %s, want %s", s.Key, labor.Key)
	}
	s := reg.System("ЕСУТД")
	if s.Match != identity.Ambiguous || len(s.Candidates) != 2 {
		t.Errorf("ЕСУТД without hints: %s %v, want ambiguous with 2 candidates", s.Match, s.Candidates)
	}
	ms := reg.SplitMentions("МФ РК, МТСЗН РК (ГБД ЕЛ с ЕСУТД)")
	if len(ms) != 4 || ms[3].Key() != labor.Key {
		t.Errorf("cell with МТСЗН: %v", keysOf(ms))
	}
}

func keysOf(ms []identity.Mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, string(m.Type)+":"+m.Key())
	}
	return out
}

func TestSplit(t *testing.T) {
	reg := registry(t)
	key := func(name string, system bool) string {
		if system {
			return "system:" + reg.System(name).Key
		}
		return "body:" + reg.Body(name).Key
	}
	unitKey := func(scope, name string) string { return "unit:" + reg.Scope(scope).Unit(name).Key }
	tests := []struct {
		scope string
		cell  string
		want  []string
	}{
		{"", "МФ РК, МИИЦР РК (ГБД ЕЛ с ЕГКН)", []string{key("МФ", false), key("МИИЦР", false), key("ГБД ЕЛ", true), key("ЕГКН", true)}},
		{"МКИ", "МКИ РК, МИИЦР РК (ИС ЕАЭД с НПИИ)", []string{key("МКИ", false), key("МИИЦР", false), key("ИС ЕАЭД", true), key("НПИИ", true)}},
		{"", "eGov, e-license", []string{key("eGov", true), key("ГБД ЕЛ", true)}},
		{"", "eGov. elicense", []string{key("eGov", true), key("ГБД ЕЛ", true)}},
		{"", "Частично автоматизировано в информационных системах: Портал «электронного правительства» (egov), ИИС ЦОН АРМ ГО", []string{key("eGov", true), key("eGov", true), key("ИИС ЦОН АРМ ГО", true)}},
		{"", "ЦБДАН и БДИК (ИИН, номер, IMEI)", []string{key("ЦБДАН", true), key("БДИК", true), "other:", "other:", "other:"}},
		{"", "Отсутствует, процесс не автоматизирован", nil},
		{"", "Не автоматизировано", nil},
		{"МКИ", "Комитет информации, Департамент цифровой трансформации и проектного менеджмента", []string{"body:" + reg.Scope("МКИ").Body("Комитет информации").Key, unitKey("МКИ", "Департамент цифровой трансформации и проектного менеджмента")}},
		{"МКИ", "Министерство труда и социальной защиты населения; Комитет архивов, документации и книжного дела", []string{key("МТСЗН", false), "body:" + reg.Scope("МКИ").Body("Комитет архивов, документации и книжного дела").Key}},
	}
	for _, tt := range tests {
		var ms []identity.Mention
		if tt.scope == "" {
			ms = reg.SplitMentions(tt.cell)
		} else {
			ms = reg.Scope(tt.scope).SplitMentions(tt.cell)
		}
		got := keysOf(ms)
		if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
			t.Errorf("%q:\n got %v\nwant %v", tt.cell, got, tt.want)
		}
	}

	// A department is never a body, with or without a scope.
	for _, text := range []string{"Департамент цифровой трансформации и проектного менеджмента", "Управление делами", "Департамент юридической службы"} {
		if !reg.IsUnit(text) {
			t.Errorf("IsUnit(%q) = false", text)
		}
		for _, b := range reg.SplitBodies(text) {
			t.Errorf("SplitBodies(%q) returned body %q", text, b.Name)
		}
	}
	if reg.IsUnit("Комитет информации") {
		t.Errorf("Комитет информации is a body (committee), not a unit")
	}

	// Unit columns: committees are units with Body set.
	us := reg.Scope("МТС").SplitUnits("1. КДСФК 2. ДЦТРГУ")
	if len(us) != 2 || us[0].Body == nil || us[0].Body.Kind != identity.KindCommittee || us[1].Body != nil || us[1].Match != identity.Known {
		t.Errorf("units of \"1. КДСФК 2. ДЦТРГУ\": %+v", us)
	}
	us = reg.Scope("МИИЦР").SplitUnits("Операторы связи КТ")
	if len(us) != 1 || us[0].Short != "КТ" {
		t.Errorf("units of \"Операторы связи КТ\": %+v", us)
	}

	// Passport list with legal forms and enumerations.
	bs := reg.Scope("МТС").SplitBodies("<ol> <li>1. Министерство туризма и спорта Республики Казахстан.</li> <li>12. Республиканское государственное казенное предприятие «Центр олимпийской подготовки «Алматы».</li> <li>18. Акционерное общество «Казспортинвест».</li>")
	if len(bs) != 3 || bs[1].Key != reg.Body("Центр олимпийской подготовки «Алматы»").Key || bs[1].Text != "Республиканское государственное казенное предприятие «Центр олимпийской подготовки «Алматы»" {
		t.Errorf("passport list: %+v", bs)
	}

	// Self phrases mean the scope's body.
	if b := reg.Scope("МКИ").Body("ЦГО"); b.Key != reg.Body("МКИ").Key {
		t.Errorf("ЦГО in МКИ's maps -> %s", b.Key)
	}
	if b := reg.Body("ЦГО"); b.Match != identity.Self || b.Key != "" {
		t.Errorf("ЦГО without a scope -> %s %q", b.Match, b.Key)
	}
}

func TestUnknownNames(t *testing.T) {
	reg := registry(t)
	a, b := reg.System("ИС «Цифровой музей»"), reg.System("АИС «Цифровой музей»")
	if a.Match != identity.Unknown || a.Key != b.Key || a.Key != "цифровой-музей" {
		t.Errorf("ИС/АИС prefix: %s %s / %s", a.Match, a.Key, b.Key)
	}
	// Look-alike letters: Latin "о", "е", "Н" in a Cyrillic name.
	c := reg.System("ИС «Цифрoвой музeй»")
	if c.Key != a.Key {
		t.Errorf("look-alikes: %s != %s", c.Key, a.Key)
	}
	// A short rest keeps its prefix: ГБД КН is not КН.
	if g, k := reg.System("ГБД КН"), reg.System("КН"); g.Key == k.Key || g.Key != "гбд-кн" {
		t.Errorf("ГБД КН -> %s, КН -> %s", g.Key, k.Key)
	}
	// Latin words keep a Latin key.
	if s := reg.System("ИС «SmartBridge»"); s.Key != "smartbridge" {
		t.Errorf("SmartBridge -> %s", s.Key)
	}
	// Unknown bodies: kind and parent guessed from the words.
	u := reg.Body("Комитет по водным ресурсам Министерства водных ресурсов и ирригации Республики Казахстан")
	if u.Match != identity.Unknown || u.Kind != identity.KindCommittee || u.Parent != reg.Body("МВРИ").Key {
		t.Errorf("unknown committee: %+v", u)
	}
	if u2 := reg.Body("РГУ «Комитет по водным ресурсам Министерства водных ресурсов и ирригации РК»"); u2.Key != u.Key {
		t.Errorf("legal form and РК change the key: %s != %s", u2.Key, u.Key)
	}
	if v := reg.Body("ТОО «Рога и копыта»"); v.Kind != identity.KindCompany || v.Key != "рога-и-копыта" {
		t.Errorf("company: %+v", v)
	}
	if n := reg.Body("Отсутствует"); n.Match != identity.None {
		t.Errorf("Отсутствует -> %s", n.Match)
	}
}

func TestMergesAPI(t *testing.T) {
	reg := registry(t)
	got := reg.SystemMerges([]string{"E-License", "eLicense", "ГБД ЕЛ", "ГБД АР", "Egov", "eGov", "ИС «Foo»", "АИС «Foo»", "ИС «Bar»"})
	var lines []string
	for _, m := range got {
		lines = append(lines, m.Key+": "+strings.Join(m.Spellings, ", "))
	}
	want := []string{
		"foo: АИС «Foo», ИС «Foo»",
		"государственная-база-данных-е-лицензирование: E-License, eLicense, ГБД ЕЛ",
		"портал-электронного-правительства: Egov, eGov",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("merges:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	bm := reg.BodyMerges([]string{"МИИЦР РК", "Министерство цифрового развития, инноваций и аэрокосмической промышленности", "МФ"})
	if len(bm) != 1 || len(bm[0].Spellings) != 2 {
		t.Errorf("body merges: %+v", bm)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		table string
		want  string
	}{
		{"body: X\n  knd: ministry\n", "t.txt:2: unknown field \"knd\" for a body (expected one of:"},
		{"body: X\n", "t.txt:1: body \"X\" has no kind (expected"},
		{"# c\n\nbody: X\n  kind: ministri\n", "t.txt:4: unknown kind \"ministri\" (expected ministry, committee"},
		{"  alias: X\n", "t.txt:1: field \"alias\" outside a record"},
		{"bodi: X\n", "t.txt:1: unknown entry \"bodi\" (expected body, system"},
		{"Министерство X\n", "t.txt:1: expected \"body|system|unit|legal|prefix|self|none: text\" at column 0"},
		{"body: X\n  kind: other\n  parent: Y\n", "t.txt:3: parent \"Y\" is not a body of this table"},
		{"body: Министерство X\n  kind: ministry\n  short: МХ\nbody: Министерство Y\n  kind: ministry\n  alias: мх\n", "t.txt:6: \"мх\" (line 6) of body \"Министерство Y\" has the same skeleton as \"МХ\" (line 3) of body \"Министерство X\""},
		{"system: ИС «Foo»\nsystem: ИС «Fоо»\n", "t.txt:2: \"ИС «Fоо»\" (line 2) of system \"ИС «Fоо»\" has the same skeleton as"},
		{"system: A\n  homonym: XY\n", "t.txt:1: system \"A\" has a homonym but no owner"},
		{"body: A\n  kind: other\n  kind: other\n", "t.txt:3: second \"kind\" in the record of line 1"},
		{"body: A\n  kind: other\nbody: A\n  kind: other\n", "t.txt:3: key \"a\" is already used by \"A\" at line 1"},
		{"unit: Департамент X\n", "t.txt:1: unit \"Департамент X\" has no parent"},
		{"body: A\n  kind: other\n  key: Not A Slug\n", "t.txt:3: key \"Not A Slug\" is not a slug"},
		{"body: A\n  kind: other\n  local: AA\n", "t.txt:1: body \"A\" has a local abbreviation but no parent"},
		{"body: A\n  kind: other\n  parent: B\nbody: B\n  kind: other\n  parent: A\n", "t.txt:3: parent chain of \"A\" loops back"},
		{"body: A\n  kind: other\n  alias:\n", "t.txt:3: empty value for \"alias\""},
	}
	for _, tt := range tests {
		_, err := identity.Load(strings.NewReader(tt.table), "t.txt")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("table %q:\n got %v\nwant …%s…", tt.table, err, tt.want)
		}
	}
	// Derived spellings collide too: a committee "КТ МФ" qualified by its
	// parent against a body spelled "КТ МФ".
	_, err := identity.Load(strings.NewReader("body: Министерство финансов\n  kind: ministry\n  short: МФ\nbody: Комитет казначейства\n  kind: committee\n  local: КТ\n  parent: МФ\nbody: Касса\n  kind: other\n  alias: КТ МФ\n"), "t.txt")
	if err == nil || !strings.Contains(err.Error(), "derived spelling") {
		t.Errorf("derived collision: %v", err)
	}
	// Local abbreviations of different bodies do not collide.
	if _, err := identity.Load(strings.NewReader("body: M1\n  kind: ministry\nbody: M2\n  kind: ministry\nbody: C1\n  kind: committee\n  parent: M1\n  local: КТ\nbody: C2\n  kind: committee\n  parent: M2\n  local: КТ\n"), "t.txt"); err != nil {
		t.Errorf("locals in different bodies: %v", err)
	}
}

// A known misspelling resolves to the record and says so.
func TestMisspelling(t *testing.T) {
	reg := registry(t)
	nobd := reg.System("НОБД")
	for _, text := range []string{"ИС «НОВД»", "НОВД"} {
		s := reg.System(text)
		if s.Key != nobd.Key || s.Match != identity.Known {
			t.Errorf("%q → %s (%s), want %s", text, s.Key, s.Match, nobd.Key)
		}
		if s.Misspelling == "" {
			t.Errorf("%q: the misspelling is not recorded", text)
		}
	}
	if s := reg.System("ИС НОБД"); s.Misspelling != "" {
		t.Errorf("a proper spelling reported as misspelling %q", s.Misspelling)
	}
}

// Committees and units the table does not know belong to a ministry: the
// same name in two ministries is two nodes, and a bare committee name
// resolves inside the map's ministry first.
func TestScopedToMinistry(t *testing.T) {
	reg := registry(t)
	mki, mts := reg.Body("МКИ"), reg.Body("МТС")
	if b := reg.Scope("МКИ").Body("Комитет информации"); b.Match != identity.Known || b.Parent != mki.Key {
		t.Errorf("Комитет информации in МКИ's map: %+v", b)
	}
	b := reg.Scope("МТС").Body("Комитет информации")
	if b.Match == identity.Known || b.Parent != mts.Key || !strings.HasPrefix(b.Key, mts.Key+"/") {
		t.Errorf("Комитет информации in МТС's map must be МТС's own committee, got %+v", b)
	}
	if q := reg.Scope("МТС").Body("Комитет информации Министерства культуры и информации"); q.Parent != mki.Key || q.Match != identity.Known {
		t.Errorf("a qualified committee name resolves everywhere, got %+v", q)
	}
	// A committee developed in a map whose ministry is named only by its
	// qualifier.
	energy := reg.Body("Министерство энергетики Республики Казахстан")
	c := reg.Body("Комитет атомного и энергетического надзора и контроля Министерства энергетики Республики Казахстан")
	if c.Parent != energy.Key || c.ParentText == "" || c.Kind != identity.KindCommittee {
		t.Errorf("committee of an unknown ministry: %+v (ministry %s)", c, energy.Key)
	}
	if bare := reg.Scope(c.ParentText).Body("Комитет атомного и энергетического надзора и контроля"); bare.Key != c.Key {
		t.Errorf("bare and qualified names of one committee: %s vs %s", bare.Key, c.Key)
	}
	u1, u2 := reg.Scope("МТС").Unit("ДЦТ"), reg.Scope("МКИ").Unit("ДЦТ")
	if u1.Key == u2.Key || u1.Parent != mts.Key || u2.Parent != mki.Key {
		t.Errorf("two ministries' ДЦТ: %+v / %+v", u1, u2)
	}
}

// A generic abbreviation has no owner of its own.
func TestGenericSystem(t *testing.T) {
	reg := registry(t)
	s := reg.System("СУР")
	if !s.Generic || s.Owner != "" {
		t.Errorf("СУР: %+v", s)
	}
}
