package resolve_test

import (
	"strings"
	"testing"

	"github.com/karta/karta/seeds/identity"
	"github.com/karta/karta/seeds/kct"
	"github.com/karta/karta/seeds/resolve"
)

// A map developed by a committee of a ministry the table does not know:
// the ministry owns the map, the committee is its child, the abbreviation the
// passport teaches (КАЭНК) and the ministry's initials (МЭ) name them, and
// every new node is listed for a curator.
func TestNewMinistryOwnerAndAbbreviations(t *testing.T) {
	reg := registry(t)
	committee := "Комитет атомного и энергетического надзора и контроля Министерства энергетики Республики Казахстан"
	d := &kct.Document{
		File:  "energy.txt",
		Title: "Карта цифровой трансформации отрасли атомной энергетики",
		Owner: committee + " (КАЭНК)",
		Passport: &kct.Passport{Line: 5,
			DevelopmentBodies:    []string{committee + " (КАЭНК)"},
			ImplementationBodies: []string{"Министерство энергетики Республики Казахстан", "КАЭНК"}},
		Spheres: []kct.Sphere{{Line: 20, Order: 1, Name: "Атомная энергетика",
			ProcessGroups: []kct.ProcessGroup{{Line: 30, Code: "1", Name: "Лицензирование",
				ResponsibleUnits: []string{"КАЭНК", "ДЦТ", "Комитет информации"}}}}},
		PlannedServices: []kct.PlannedServices{{Line: 40, Body: "МЭ"}},
	}
	r, err := resolve.Resolve(reg, d)
	if err != nil {
		t.Fatal(err)
	}
	ministry := reg.Body("Министерство энергетики Республики Казахстан").Key
	if r.Owner.Key != ministry {
		t.Fatalf("owner %s, want the ministry %s", r.Owner.Key, ministry)
	}
	c := r.Development[0]
	cb, _ := r.Body(c.Key)
	if cb.Parent != ministry || cb.Kind != strings.ToUpper(string(identity.KindCommittee)) || strings.Contains(c.Key, "каэнк") {
		t.Errorf("developing committee %+v: want a committee of %s keyed without its abbreviation", cb, ministry)
	}
	if got := r.Implementation[1]; got.Key != c.Key || got.Via == "" {
		t.Errorf("КАЭНК → %s (%s), want the committee %s through the taught abbreviation", got.Key, got.Via, c.Key)
	}
	if got := r.PlannedServices[0]; got.Key != ministry {
		t.Errorf("МЭ → %s, want the ministry (its initials)", got.Key)
	}
	units := r.Spheres[0].Groups[0].Units
	if len(units) != 3 {
		t.Fatalf("units %v", units)
	}
	if u, _ := r.Unit(units[1].Key); u.Body != ministry {
		t.Errorf("ДЦТ belongs to %s, want %s", u.Body, ministry)
	}
	if u, _ := r.Unit(units[2].Key); u.Body != ministry || strings.Contains(u.Key, "культуры") {
		t.Errorf("«Комитет информации» in this map is the ministry's own, got %+v", u)
	}
	news := strings.Join(r.New(), "\n")
	for _, want := range []string{ministry, c.Key, "ДЦТ"} {
		if !strings.Contains(news, want) {
			t.Errorf("new nodes lack %s:\n%s", want, news)
		}
	}
	if len(r.Abbreviations) != 2 {
		t.Errorf("abbreviations %+v, want КАЭНК and МЭ", r.Abbreviations)
	}
}

// A map of a ministry the table does not know teaches the abbreviation its
// KPI and planned-services headings name it by, even when it is not its
// initials ("МТиИ" for «Министерство торговли и интеграции»): the planned
// services' body written so is the map's ministry, not a new body.
func TestAbbreviationFromHeadings(t *testing.T) {
	reg := registry(t)
	owner := "Министерство торговли и интеграции Республики Казахстан"
	for _, heading := range []struct{ kpi, planned string }{
		{"3. Ключевые показатели эффективности карты цифровой трансформации МТиИ РК до 2027 года", ""},
		{"Ключевые показатели эффективности", "Планируемые для оцифровки услуги МТиИ"},
	} {
		d := &kct.Document{
			File: "trade.txt", Title: "Карта цифровой трансформации отрасли торговли", Owner: owner,
			Passport:   &kct.Passport{Line: 5, DevelopmentBodies: []string{owner}},
			KPIHeading: heading.kpi, PlannedServicesHeading: heading.planned,
			PlannedServices: []kct.PlannedServices{{Line: 40, Body: "МТиИ РК"}},
		}
		r, err := resolve.Resolve(reg, d)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.PlannedServices[0]; got.Key != r.Owner.Key {
			t.Errorf("%+v: «МТиИ РК» → %s, want the map's ministry %s", heading, got.Key, r.Owner.Key)
		}
	}
}

// An akimat's map names its akimat "Акимат г. Алматы" on the title page
// and "акимат города Алматы" elsewhere: one body.
func TestAkimatForms(t *testing.T) {
	reg := registry(t)
	d := &kct.Document{
		File: "almaty.txt", Title: "Карта цифровой трансформации города Алматы", Owner: "Акимат г. Алматы",
		Passport:        &kct.Passport{Line: 5, DevelopmentBodies: []string{"Акимат г. Алматы"}, ImplementationBodies: []string{"акимат города Алматы", "Акимат Алматы"}},
		PlannedServices: []kct.PlannedServices{{Line: 40, Body: "Акимат города Алматы"}},
	}
	r, err := resolve.Resolve(reg, d)
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range append(append([]resolve.Ref{}, r.Implementation...), r.PlannedServices...) {
		if ref.Key != r.Owner.Key {
			t.Errorf("%q → %s, want the akimat %s", ref.Text, ref.Key, r.Owner.Key)
		}
	}
}

// The key of a ministry the table does not know does not depend on the route
// that named it: a map developed by one of its committees (the ministry is
// taken from the committee's qualifier "… Министерства …") and a map naming
// the ministry itself give the same owner, so both maps share one Ministry
// node, whatever form of "Республики Казахстан"/"РК" each writes.
func TestUnknownMinistryKeyIndependentOfRoute(t *testing.T) {
	reg := registry(t)
	const ministry = "Министерство торговли и интеграции Республики Казахстан"
	owners := []string{
		"Комитет торговли Министерства торговли и интеграции Республики Казахстан",
		"Комитет торговли Министерства торговли и интеграции РК",
		"Комитет торговли Министерства торговли и интеграции",
		ministry,
		"Министерство торговли и интеграции РК",
		"Министерство торговли и интеграции",
		"Республиканское государственное учреждение «Министерство торговли и интеграции Республики Казахстан»",
	}
	var want string
	for i, owner := range owners {
		d := &kct.Document{
			File: "trade.txt", Title: "Карта цифровой трансформации отрасли торговли", Owner: owner,
			Passport: &kct.Passport{Line: 5, DevelopmentBodies: []string{owner}},
		}
		r, err := resolve.Resolve(reg, d)
		if err != nil {
			t.Fatal(err)
		}
		b, ok := r.Body(r.Owner.Key)
		if !ok || b.Kind != strings.ToUpper(string(identity.KindMinistry)) || b.Known {
			t.Errorf("%q: owner %+v, want a new ministry", owner, b)
		}
		if i == 0 {
			want = r.Owner.Key
			continue
		}
		if r.Owner.Key != want {
			t.Errorf("%q: owner key %q, want %q (the key the committee's map gave)", owner, r.Owner.Key, want)
		}
	}
	if strings.Contains(want, "республики") || strings.Contains(want, "рк") {
		t.Errorf("owner key %q keeps the country qualifier", want)
	}
}
