package kct

import (
	"github.com/karta/karta/catalog/textnorm"
	"testing"
)

func TestFixLookalikes(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Фιο", "Фио"}, // Greek iota and omicron in a Cyrillic word (map 000, line 864)
		{"2. Фιο 3. Адрес", "2. Фио 3. Адрес"},
		{"Показатели (КPI) ГО", "Показатели (KPI) ГО"}, // Cyrillic К in a Latin word (map 004, line 94)
		{"Кaзахстан", "Казахстан"},                     // Latin a
		{"eGov, e-license", "eGov, e-license"},         // Latin words stay
		{"ИС «Damu Bala»", "ИС «Damu Bala»"},
		{"КРІ", "КРІ"},     // all Cyrillic
		{"Tοkyo", "Tοkyo"}, // Latin word with a Greek letter: not Cyrillic, left alone
		{"Тауелсіздік Ұрпақтары", "Тауелсіздік Ұрпақтары"},
		{"", ""},
	} {
		if got := textnorm.FixLookalikes(c.in); got != c.want {
			t.Errorf("textnorm.FixLookalikes(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParseValue(t *testing.T) {
	for _, c := range []struct {
		in   string
		want *float64
	}{
		{"17 688", num(17688)},
		{"6 286 362", num(6286362)},
		{"10,4 млн.", num(10.4e6)},
		{"более 62 тыс.", num(62000)},
		{"более 7,7 тыс", num(7700)},
		{"Не менее 2 тыс. человек", num(2000)},
		{"35%", num(35)},
		{"71,4", num(71.4)},
		{"9.5", num(9.5)},
		{"~40 0", nil},   // broken: 40 and 0
		{"221 /91", nil}, // two numbers
		{"10,4 млн. иностранных туристов/ 10,5 млн. внутренни х туристов", nil},
		{"0xx, 6xx, 7xx", nil},
		{"учет не ведется", nil},
		{"млн", nil},
		{"-", nil},
		{"Разработка ИС", nil},
		{"", nil},
	} {
		got := parseValue(c.in)
		if got.Text != c.in {
			t.Errorf("parseValue(%q).Text = %q", c.in, got.Text)
		}
		switch {
		case c.want == nil && got.Number != nil:
			t.Errorf("parseValue(%q) = %v, want no number", c.in, *got.Number)
		case c.want != nil && (got.Number == nil || *got.Number != *c.want):
			t.Errorf("parseValue(%q) = %v, want %v", c.in, got.Number, *c.want)
		}
	}
}

func TestParseDeadline(t *testing.T) {
	for _, c := range []struct {
		in          string
		year, month int
		rest        string
	}{
		{"Ноябрь 2025 г.", 2025, 11, ""},
		{"Октябрь 2025 г.", 2025, 10, ""},
		{"мая 2026 года", 2026, 5, ""},
		{"Март 2026 г. (согласовано)", 2026, 3, "(согласовано)"},
		{"2027", 2027, 0, ""},
		{"по мере необходимости", 0, 0, ""},
	} {
		y, m, rest := parseDeadline(c.in)
		if y != c.year || m != c.month || rest != c.rest {
			t.Errorf("parseDeadline(%q) = %d, %d, %q; want %d, %d, %q", c.in, y, m, rest, c.year, c.month, c.rest)
		}
	}
}

func TestCodes(t *testing.T) {
	for _, c := range []struct {
		in     string
		codes  []string
		budget bool
	}{
		{"R", []string{"R"}, false},
		{"F*", []string{"F"}, true},
		{"R и F", []string{"R", "F"}, false},
		{"R, F*", []string{"R", "F"}, true},
		{"Р", []string{"R"}, false}, // Cyrillic Р
	} {
		if !isCode(c.in) {
			t.Errorf("isCode(%q) = false", c.in)
		}
		codes, budget := parseCodes(c.in)
		eq(t, c.in, codes, c.codes)
		eq(t, c.in+" budget", budget, c.budget)
	}
	for _, s := range []string{"", "в работе", "КИ", "2025", "RF x"} {
		if isCode(s) {
			t.Errorf("isCode(%q) = true", s)
		}
	}
}

func TestVocabularies(t *testing.T) {
	for in, want := range map[string]string{
		"Частично": "PARTIAL", "Отсутствует": "NONE", "Не оцифровано": "NONE", "Оцифровано": "FULL", "Полностью": "FULL", "": "",
	} {
		eq(t, "digitization "+in, normDigitization(in), want)
	}
	for in, want := range map[string]string{
		"В работе": "IN_PROGRESS", "Планируется, согласно план-графику настоящего КЦТ": "PLANNED", "Планируется": "PLANNED",
		"Завершен": "DONE", "Не планируется": "NOT_PLANNED", "": "",
	} {
		eq(t, "reengineering "+in, normReengineering(in), want)
	}
	for _, c := range []struct {
		in, status string
		systems    []string
	}{
		{"eGov, e-license", "AUTOMATED", []string{"eGov", "e-license"}},
		{"eGov. elicense", "AUTOMATED", []string{"eGov", "elicense"}},
		{"ИС «Е-Архив»", "AUTOMATED", []string{"ИС «Е-Архив»"}},
		{"«artsport.edu.kz», «Damu Bala», «Dara Bala»", "AUTOMATED", []string{"«artsport.edu.kz»", "«Damu Bala»", "«Dara Bala»"}},
		{"Частично автоматизировано в информационных системах: ИС «Artsport.edu.kz», ИС «Damu Bala»", "PARTIAL", []string{"ИС «Artsport.edu.kz»", "ИС «Damu Bala»"}},
		{"Частично автоматизировано в информационных системах: Портал «электронного правительства» (egov), ИИС ЦОН АРМ ГО", "PARTIAL", []string{"Портал «электронного правительства» (egov)", "ИИС ЦОН АРМ ГО"}},
		{"Автоматизировано в информационных системах: ИС «Е-лицензирование», Портал eGov", "AUTOMATED", []string{"ИС «Е-лицензирование»", "Портал eGov"}},
		{"Частично автоматизировано в информационных системах: База данных АДАМС (Система антидопингового администрирования и управления)", "PARTIAL", []string{"База данных АДАМС (Система антидопингового администрирования и управления)"}},
		{"ЦБДАН и БДИК (ИИН, номер, IMEI)", "AUTOMATED", []string{"ЦБДАН", "БДИК (ИИН, номер, IMEI)"}},
		{"Не автоматизировано", "NONE", nil},
		{"Процесс не автоматизирован", "NONE", nil},
		{"Отсутствует", "NONE", nil},
		{"Отсутствует, процесс не автоматизирован", "NONE", nil},
		{"Автоматизировано", "AUTOMATED", nil},
	} {
		status, systems := automation(c.in)
		eq(t, c.in, status, c.status)
		eq(t, c.in+" systems", systems, c.systems)
	}
}

func TestMentionsAI(t *testing.T) {
	for in, want := range map[string]bool{
		"ИИ в части анализа":                                       true,
		"ИИ-модуль на основе NLP":                                  true,
		"Использование алгоритмов машинного обучения":              true,
		"Применение искусственного интеллекта":                     true,
		"Интеллектуальная система мониторинга операторов связи":    true,
		"Электронная туристическая карта – цифровая карта туриста": false,
		"Внедрение технологий по автоматизации процессов":          false,
		"ПИИ": false,
	} {
		eq(t, in, mentionsAI(in), want)
	}
}

func TestSplitNumbered(t *testing.T) {
	for _, c := range []struct {
		in    string
		lead  string
		items []string
	}{
		{"1. Постановка на учет 2. Постановка на переучет", "", []string{"Постановка на учет", "Постановка на переучет"}},
		{"Имеется. 1. Постановка; 2. Выдача лицензии", "Имеется.", []string{"Постановка;", "Выдача лицензии"}},
		{"1.Получение ваучера 2.Зачисление", "", []string{"Получение ваучера", "Зачисление"}},
		{"1. ФИО 2. Дата выдачи 3. № лицензии", "", []string{"ФИО", "Дата выдачи", "№ лицензии"}},
		{"1. Развитие связи.2. Развитие сетей.3. Увеличение", "", []string{"Развитие связи.", "Развитие сетей.", "Увеличение"}},
		// numbers inside the text are not markers
		{"1. Согласно подпункту 7) пункта 2 статьи 3 2. Выдача", "", []string{"Согласно подпункту 7) пункта 2 статьи 3", "Выдача"}},
		{"Поручение (№ 24-01-7.2 (1.36-т.) от 7 февраля 2024 г.)", "Поручение (№ 24-01-7.2 (1.36-т.) от 7 февраля 2024 г.)", nil},
		{"1) перевод; 2) выдача", "", []string{"перевод;", "выдача"}},
	} {
		lead, items := splitNumbered(c.in)
		eq(t, c.in+" lead", lead, c.lead)
		eq(t, c.in+" items", items, c.items)
	}
}

func TestListItemsHTML(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		// <p> items, the third cut by a page break (map 000, lines 624–626 joined)
		{`<p>2. Признание объекта</p> <p>3. Лишение статуса на основании заключения историко-культурной экспертизы и рекомендации</p> <p>4. Формирование списка</p>`,
			[]string{"Признание объекта", "Лишение статуса на основании заключения историко-культурной экспертизы и рекомендации", "Формирование списка"}},
		{`<p>3. Лишение … историко-культурной</p> <p>экспертизы и рекомендации</p>`, []string{"Лишение … историко-культурной экспертизы и рекомендации"}},
		{`<ol style="list-style-type: none"> <li>1. КРИБЛ</li> <li>2. ДЦТРУ</li> </ol>`, []string{"КРИБЛ", "ДЦТРУ"}},
		{`<p>Комитет культуры</p> <p>Департамент цифровой трансформации и проектного менеджмента</p>`, []string{"Комитет культуры", "Департамент цифровой трансформации и проектного менеджмента"}},
		{`<ul style="list-style-type: none"> - Поручение; - Административный кодекс; - Правила`, []string{"Поручение", "Административный кодекс", "Правила"}},
		{`<ol style="list-style-type: none"> Уровень – не ниже 98%. Средняя скорость – 100 Мбит/с в городах. Доля охвата 4G – 100%. </ol>`, []string{"Уровень – не ниже 98%", "Средняя скорость – 100 Мбит/с в городах", "Доля охвата 4G – 100%"}},
		{`<b>Имеется.</b> - Прием документов; - Прием заявлений`, []string{"Имеется", "Прием документов", "Прием заявлений"}},
	} {
		eq(t, c.in, listItems(c.in), c.want)
	}
}

func TestSplitRefs(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"2.1 Получение разрешительных документов 2.2 Ведение деятельности 2.3 Ликвидация печатных СМИ", []string{"2.1 Получение разрешительных документов", "2.2 Ведение деятельности", "2.3 Ликвидация печатных СМИ"}},
		{"11.Регистрация федераций 12.Деятельность федераций", []string{"11.Регистрация федераций", "12.Деятельность федераций"}},
		{"1.1 Прием, хранение; 1.2 Отнесение архивных документов;", []string{"1.1 Прием, хранение", "1.2 Отнесение архивных документов"}},
		{"<p>7.1 Формирование списка</p> <p>7.2 Контроль и мониторинг</p>", []string{"7.1 Формирование списка", "7.2 Контроль и мониторинг"}},
		{"1. Размещение заказа в 2029 году.", []string{"1. Размещение заказа в 2029 году"}},
		{"", nil},
	} {
		eq(t, c.in, splitRefs(c.in), c.want)
	}
}

func TestSplitBodies(t *testing.T) {
	in := "Министерство культуры и информации Республики Казахстан, РГУ «Комитет информации» РГУ «Комитет архивов, документации и книжного дел» Перечень государственных учреждений, находящихся в ведении Министерства и его ведомств: РГУ «Қоғамдық келісім»"
	eq(t, "bodies", splitBodies(in), []string{"Министерство культуры и информации Республики Казахстан", "РГУ «Комитет информации»", "РГУ «Комитет архивов, документации и книжного дел»", "РГУ «Қоғамдық келісім»"})
	eq(t, "units", splitBodies("Комитет архивов, документации и книжного дела, Департамент цифровой трансформации, Национальный архив РК"), []string{"Комитет архивов, документации и книжного дела", "Департамент цифровой трансформации", "Национальный архив РК"})
}

func TestNameMatching(t *testing.T) {
	for _, c := range []struct {
		a, b string
		ok   bool
	}{
		{"Лицензирование деятельности оператора связи.", "Лицензирование деятельности операторов связи", true},
		{"Управление телекоммуникационным и услугами", "Управление телекоммуникационными услугами", true},
		{"Уведомление о начале деятельности оператора", "Уведомление о начале деятельности оператор", true},
		{"Регистрация деятельности турагента/гида/экскурсовода/инструктор туризма", "Регистрация деятельности турагента/гида/экскурсовода/инструктора туризма", true},
		{"Получение разрешительных документов", "Ведение деятельности", false},
		{"Ввоз РЭС и ВЧУ", "Присвоение радиочастотного спектра", false},
	} {
		if got := textnorm.NameScore(c.a, c.b) >= matchThreshold; got != c.ok {
			t.Errorf("textnorm.NameScore(%q, %q) = %.2f", c.a, c.b, textnorm.NameScore(c.a, c.b))
		}
	}
	eq(t, "country", country("В Южной Корее ключевой упор"), "Южная Корея")
	eq(t, "country", country("Мальта – внедрена"), "Мальта")
	eq(t, "country", country("ОАЭ (Дубай) – активно"), "ОАЭ (Дубай)")
	eq(t, "country", country("Канада является одной из первых стран"), "Канада")
}
