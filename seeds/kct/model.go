package kct

// The document model: plain Go structs, no ent. It is the contract between the
// parser (this package) and the loader (seeds/load). Every text field keeps the
// wording of the document (cleaned of HTML, cell breaks and look-alike letters);
// normalized values sit beside it, never instead of it. Line is the 1-based line
// of the source file where the element starts.

// Document is one parsed digital transformation map.
type Document struct {
	// File is the base name of the source file.
	File string `json:"file"`
	// Title is the map's title from the title page (or the passport when absent).
	Title string `json:"title"`
	// Owner is the body whose map this is (the passport's development body,
	// otherwise the body named on the title page), as written.
	Owner    string    `json:"owner"`
	Passport *Passport `json:"passport,omitempty"`
	// Introduction is the introduction's paragraphs, in order.
	Introduction []string `json:"introduction,omitempty"`
	// IntroductionLines are the lines of Introduction's paragraphs (same
	// index): a system named in running text is located by its paragraph.
	IntroductionLines []int `json:"introductionLines,omitempty"`
	// TargetFigures are the introduction's bulleted target figures.
	TargetFigures []TargetFigure `json:"targetFigures,omitempty"`
	KPIs          []KPI          `json:"kpis,omitempty"`
	Spheres       []Sphere       `json:"spheres,omitempty"`
	// SummaryRoadmap is "Сводный график трансформации сфер".
	SummaryRoadmap []SummaryRoadmapRow `json:"summaryRoadmap,omitempty"`
	// PlannedServices is "Планируемые для оцифровки услуги".
	PlannedServices []PlannedServices `json:"plannedServices,omitempty"`
	// Integrations is "План интеграции информационных систем".
	Integrations []Integration `json:"integrations,omitempty"`
	// Icebreakers is "Потенциальные проекты «ледоколы»".
	Icebreakers []Icebreaker `json:"icebreakers,omitempty"`
	// Needs is "Потребности отрасли".
	Needs []Need `json:"needs,omitempty"`
	// Unattached lists every piece of text the parser could not attach to any
	// element, with its line and why.
	Unattached []Fragment `json:"unattached,omitempty"`

	// Added by the parser (not in the first version of the contract):

	// Approval is the approval stamp of the title page as written
	// ("«УТВЕРЖДЕН» приказом Министра … №_____"), when there is one.
	Approval string `json:"approval,omitempty"`
	// TitlePage keeps the other decorative lines of the title page that are
	// neither the title nor the owner, e.g. "г. Астана", "2025 год".
	TitlePage []string `json:"titlePage,omitempty"`
	// SummaryRoadmapNotes are the legend lines under the summary roadmap
	// ("R – реинжиниринг, F – …").
	SummaryRoadmapNotes []string `json:"summaryRoadmapNotes,omitempty"`
	// Truncated is true when the text stops mid-sentence: the file does not end
	// with a newline and its last line does not end with a full stop (or other
	// closing punctuation). The last element keeps the text as far as it goes.
	Truncated bool `json:"truncated,omitempty"`
	// TitleOwner is the body named on the title page after the map's title,
	// as written ("Министерство культуры и информации Республики Казахстан").
	TitleOwner string `json:"titleOwner,omitempty"`
	// KPIHeading is the KPI section's title as written ("Ключевые показатели
	// эффективности реализации карты … МКИ РК до 2027 года").
	KPIHeading string `json:"kpiHeading,omitempty"`
	// PlannedServicesHeading is the planned-services section's title as
	// written ("Планируемые для оцифровки услуги МЗ РК"): like the KPI
	// heading, it may name the map's owner by its abbreviation.
	PlannedServicesHeading string `json:"plannedServicesHeading,omitempty"`
	// Encoding names the encoding the text was decoded from when it was not
	// UTF-8 ("windows-1251").
	Encoding string `json:"encoding,omitempty"`
	// Recognitions lists every wording that needed a synonym or a fallback
	// of the vocabulary (seeds/vocabulary.txt) to be understood, and every
	// column or label that was not understood (kept raw in Extra or Fields).
	Recognitions []Recognition `json:"recognitions,omitempty"`

	// structure is the text the parser consumed as structure (section
	// titles, header rows, row labels), for the accounting of every line.
	structure []Fragment
	// Source is the text as read (without a byte order mark): the loader
	// stores it so that source lines can be shown. Not part of the snapshot.
	Source string `json:"-"`
}

// Fragment is a piece of source text with its position.
type Fragment struct {
	Line   int    `json:"line"`
	Text   string `json:"text"`
	Reason string `json:"reason,omitempty"`
}

// Field is a labelled value as written (a passport or process-group row).
type Field struct {
	Line  int    `json:"line"`
	Label string `json:"label"`
	Value string `json:"value"`
}

// Passport is the map's passport table.
type Passport struct {
	Line  int    `json:"line"`
	Title string `json:"title"`
	Goal  string `json:"goal"`
	// StrategicDocuments is "Документ СГП", split into documents.
	StrategicDocuments []string `json:"strategicDocuments,omitempty"`
	// Spheres is "Сферы, охваченные картой", as listed.
	Spheres    []string `json:"spheres,omitempty"`
	Principles []string `json:"principles,omitempty"`
	// DevelopmentBodies are the bodies responsible for developing the map.
	DevelopmentBodies []string `json:"developmentBodies,omitempty"`
	// ImplementationBodies are the bodies responsible for implementing it.
	ImplementationBodies []string `json:"implementationBodies,omitempty"`
	// Basis is "Основание для разработки", one item per legal basis.
	Basis  []string `json:"basis,omitempty"`
	Period string   `json:"period,omitempty"`
	// Fields keeps every row of the table as written, including any label not
	// recognized above.
	Fields []Field `json:"fields,omitempty"`
}

// TargetFigure is one bulleted strategic target of the introduction.
type TargetFigure struct {
	Line int    `json:"line"`
	Text string `json:"text"`
}

// Value is a value as written with its number when it has one.
type Value struct {
	Text   string   `json:"text"`
	Number *float64 `json:"number,omitempty"`
}

// YearValue is a per-year value (KPI targets, planned services automation).
type YearValue struct {
	Year int `json:"year"`
	Value
}

// KPI is one row of a KPI table.
type KPI struct {
	Line int `json:"line"`
	// Group is the first column: a sphere name or a group such as
	// "Показатели государственного сектора", as written.
	Group string `json:"group"`
	// Number is the row or group number when the table has one.
	Number string `json:"number,omitempty"`
	Name   string `json:"name"`
	Unit   string `json:"unit,omitempty"`
	// Strategic marks a strategic target quoted in the group's header row
	// (no unit, no yearly values).
	Strategic bool        `json:"strategic,omitempty"`
	Values    []YearValue `json:"values,omitempty"`
	// NormName is Name without its item number and final punctuation, the
	// form to compare KPIs by ("1. Доля … 35%." → "Доля … 35%").
	NormName string `json:"normName,omitempty"`
	// Extra keeps the cells under columns that were not understood.
	Extra []Field `json:"extra,omitempty"`
}

// Sphere is one sphere of regulation with everything the map says about it.
type Sphere struct {
	Line int `json:"line"`
	// Order is the sphere's number in the document (1-based).
	Order int `json:"order"`
	// Name is the sphere's name in the nominative when the document gives one
	// in «…» (in the sphere heading, else in its roadmap title), otherwise the
	// heading's wording after "Сфера" ("информации" → "Информации").
	Name string `json:"name"`
	// Number is the heading's number as written ("1"), Heading the heading
	// as written without it ("Сфера информации"). Added by the parser.
	Number  string `json:"number,omitempty"`
	Heading string `json:"heading,omitempty"`
	// Overview is the sphere's descriptive paragraphs, in order (everything
	// that is not a problem, an experience or a table).
	Overview []string `json:"overview,omitempty"`
	Problems []string `json:"problems,omitempty"`
	// OverviewLines and ProblemLines are the lines of Overview's and
	// Problems' paragraphs (same index).
	OverviewLines           []int        `json:"overviewLines,omitempty"`
	ProblemLines            []int        `json:"problemLines,omitempty"`
	InternationalExperience []Experience `json:"internationalExperience,omitempty"`
	Entities                []Entity     `json:"entities,omitempty"`
	// EntityNotes are footnotes under the entity table ("* - все сущности…").
	EntityNotes   []string       `json:"entityNotes,omitempty"`
	ProcessGroups []ProcessGroup `json:"processGroups,omitempty"`
	// RoadmapKPIs is the KPI text quoted in the sphere roadmap's header row.
	RoadmapKPIs []string      `json:"roadmapKpis,omitempty"`
	Roadmap     []RoadmapItem `json:"roadmap,omitempty"`
	// RoadmapNotes are the legend lines under the roadmap ("*При наличии бюджета").
	RoadmapNotes []string `json:"roadmapNotes,omitempty"`
	// Illegible lists the "[illegible]" blocks met in the sphere (added by the
	// parser): the text they replaced is lost; rows they cut keep the marker
	// in their own text (see RoadmapItem.Fragmentary).
	Illegible []Fragment `json:"illegible,omitempty"`
}

// Experience is one country's international experience.
type Experience struct {
	Line    int      `json:"line"`
	Country string   `json:"country"`
	Text    string   `json:"text"`
	Links   []string `json:"links,omitempty"`
}

// EntityKind is subject or object of regulation.
type EntityKind string

const (
	KindSubject EntityKind = "SUBJECT"
	KindObject  EntityKind = "OBJECT"
)

// Entity is one row of "Сведения по сущностям сферы".
type Entity struct {
	Line   int    `json:"line"`
	Number string `json:"number,omitempty"`
	// Kind is subject or object; KindText is the wording ("Субъект").
	Kind     EntityKind `json:"kind,omitempty"`
	KindText string     `json:"kindText,omitempty"`
	Name     string     `json:"name"`
	// Count as written ("более 62 тыс.", "учет не ведется") and as a number.
	Count      Value    `json:"count"`
	Attributes []string `json:"attributes,omitempty"`
	// Digitization as written ("Частично", "Отсутствует", …) and normalized:
	// FULL, PARTIAL, NONE or "" when unknown.
	DigitizationText string `json:"digitizationText,omitempty"`
	Digitization     string `json:"digitization,omitempty"`
	// ProcessGroupRefs are the process groups the row names, as written.
	ProcessGroupRefs []string `json:"processGroupRefs,omitempty"`
	// ProcessGroups are the codes of the sphere's process groups the row was
	// resolved to (ProcessGroup.Code), in the row's order.
	ProcessGroups []string `json:"processGroups,omitempty"`
	// Extra keeps the cells under columns that were not understood.
	Extra []Field `json:"extra,omitempty"`
}

// ProcessGroup is one "Детализация группы процессов" block.
type ProcessGroup struct {
	Line int `json:"line"`
	// Code as written ("4.1", "1"); unique within the sphere.
	Code      string   `json:"code"`
	Name      string   `json:"name"`
	Processes []string `json:"processes,omitempty"`
	// Technologies is "Перспективные технологии, в т.ч. ИИ": the text and its
	// items; HasAI is true when the text says AI/ИИ/ML is planned, nil when
	// the cell is absent.
	TechnologiesText string   `json:"technologiesText,omitempty"`
	Technologies     []string `json:"technologies,omitempty"`
	HasAI            *bool    `json:"hasAI,omitempty"`
	ResponsibleUnits []string `json:"responsibleUnits,omitempty"`
	Functions        []string `json:"functions,omitempty"`
	// ServicesText as written; Services the public services it lists.
	ServicesText string   `json:"servicesText,omitempty"`
	Services     []string `json:"services,omitempty"`
	// AutomationText as written; Automation normalized: AUTOMATED, PARTIAL,
	// NONE or "" when unknown; Systems the information systems it names.
	AutomationText string   `json:"automationText,omitempty"`
	Automation     string   `json:"automation,omitempty"`
	Systems        []string `json:"systems,omitempty"`
	// SubjectObject as written; Entities the entity names it resolves to
	// (possibly of another sphere: "sphere order/entity name" is not needed,
	// the loader resolves by name within the document).
	SubjectObject string   `json:"subjectObject,omitempty"`
	Entities      []string `json:"entities,omitempty"`
	// Reengineering as written and normalized: IN_PROGRESS, PLANNED, DONE,
	// NOT_PLANNED or "".
	ReengineeringText string `json:"reengineeringText,omitempty"`
	Reengineering     string `json:"reengineering,omitempty"`
	// Fields keeps every row as written, including unrecognized labels.
	Fields []Field `json:"fields,omitempty"`
}

// Quarter is one quarter's cell of a roadmap row.
type Quarter struct {
	Year    int `json:"year"`
	Quarter int `json:"quarter"` // 1..4
	// Codes are R, F or D in the cell's order; Text is the cell as written.
	Codes []string `json:"codes"`
	Text  string   `json:"text"`
	// BudgetDependent is the "*" mark ("при наличии бюджетных средств").
	BudgetDependent bool `json:"budgetDependent,omitempty"`
}

// RoadmapItem is one row of a sphere's "План график".
type RoadmapItem struct {
	Line int `json:"line"`
	// ProcessGroupName is the text after "Группа бизнес-процессов:";
	// ProcessGroup is the code of the sphere's group it was resolved to.
	ProcessGroupName string `json:"processGroupName"`
	ProcessGroup     string `json:"processGroup,omitempty"`
	Technologies     string `json:"technologies,omitempty"`
	// Units are the responsible units of the row; an empty cell takes the
	// units of the row above on the same table page (the column is a merged
	// cell in the source).
	Units    []string  `json:"units,omitempty"`
	Quarters []Quarter `json:"quarters,omitempty"`
	// Fragmentary marks an orphan tail (added by the parser): the row's start
	// was lost in an "[illegible]" block, so ProcessGroupName is empty,
	// Technologies holds the surviving text prefixed with "[illegible]", and
	// ProcessGroup is inferred from that text and the order of the rows around
	// it when that is unambiguous.
	Fragmentary bool `json:"fragmentary,omitempty"`
	// Extra keeps the cells under columns after the quarters that were not
	// understood.
	Extra []Field `json:"extra,omitempty"`
}

// YearCodes is one year's cell of the summary roadmap.
type YearCodes struct {
	Year  int      `json:"year"`
	Text  string   `json:"text"`
	Codes []string `json:"codes,omitempty"`
}

// SummaryRoadmapRow is one row of "Сводный график трансформации сфер".
type SummaryRoadmapRow struct {
	Line int `json:"line"`
	// Sphere as written; SphereOrder the sphere it resolves to (0 if none).
	Sphere      string      `json:"sphere"`
	SphereOrder int         `json:"sphereOrder,omitempty"`
	Units       []string    `json:"units,omitempty"`
	Years       []YearCodes `json:"years"`
	// Extra keeps the cells under columns that were not understood.
	Extra []Field `json:"extra,omitempty"`
}

// PlannedServices is one row of "Планируемые для оцифровки услуги".
type PlannedServices struct {
	Line int `json:"line"`
	// Number is the "№" cell as written (added by the parser).
	Number     string      `json:"number,omitempty"`
	Body       string      `json:"body"`
	Total      Value       `json:"total"`
	Potential  Value       `json:"potential"`
	Automation []YearValue `json:"automation,omitempty"`
	Digital    Value       `json:"digital"`
	Proactive  Value       `json:"proactive"`
	// Extra keeps the cells under columns that were not understood.
	Extra []Field `json:"extra,omitempty"`
}

// Integration is one row of the integration plan.
type Integration struct {
	Line           int      `json:"line"`
	Number         string   `json:"number"`
	Domain         string   `json:"domain"`
	DataNames      []string `json:"dataNames"`
	ConsumerBody   string   `json:"consumerBody"`
	ConsumerSystem string   `json:"consumerSystem"`
	ProviderBody   string   `json:"providerBody"`
	ProviderSystem string   `json:"providerSystem"`
	// Deadline as written ("Ноябрь 2025 г."), and as year/month (0 if none).
	DeadlineText  string `json:"deadlineText,omitempty"`
	DeadlineYear  int    `json:"deadlineYear,omitempty"`
	DeadlineMonth int    `json:"deadlineMonth,omitempty"`
	// Status as written when the row carries one (e.g. a confirmation).
	Status string `json:"status,omitempty"`
	// Extra keeps the cells under columns that were not understood.
	Extra []Field `json:"extra,omitempty"`
}

// Icebreaker is one flagship ("ледокол") project.
type Icebreaker struct {
	Line int    `json:"line"`
	Name string `json:"name"`
	// Body is the body named for the project, as written.
	Body        string   `json:"body,omitempty"`
	Description []string `json:"description,omitempty"`
	// DescriptionLines are the lines of Description's paragraphs.
	DescriptionLines []int    `json:"descriptionLines,omitempty"`
	Goals            []string `json:"goals,omitempty"`
	Tasks            []string `json:"tasks,omitempty"`
	// Systems are the information systems the project names.
	Systems []string `json:"systems,omitempty"`
	// Extra keeps the cells under columns that were not understood (a
	// table of projects with a header row).
	Extra []Field `json:"extra,omitempty"`
}

// Need is one row of "Потребности отрасли".
type Need struct {
	Line   int    `json:"line"`
	Number string `json:"number"`
	// ProcessGroupName as written, resolved to a process group by the loader.
	ProcessGroupName string `json:"processGroupName"`
	// BodyText is the column as written; Bodies and Systems are what it names.
	BodyText string   `json:"bodyText"`
	Bodies   []string `json:"bodies,omitempty"`
	Systems  []string `json:"systems,omitempty"`
	Text     string   `json:"text"`
	// Extra keeps the cells under columns that were not understood.
	Extra []Field `json:"extra,omitempty"`
}
