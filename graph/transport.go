package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/karta/karta/server/snapshot"
)

// Media types of GraphQL over HTTP.
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// httpTransport serves GraphQL over HTTP (GET and POST) as the GraphQL over
// HTTP spec asks, where gqlgen's transports differ from it:
//
//   - a request error (parse, validation, variable coercion, a request
//     limit) answers 200 with application/json and 400 with
//     application/graphql-response+json, and has no "data" entry;
//   - a body that is not one JSON object with the expected members answers
//     400 with our own message (no echo of the body); a JSON array (a batch)
//     is refused the same way;
//   - a body over the server's limit answers 413, however it was sent
//     (Content-Length or chunked);
//   - a request whose deadline passed answers 503 with one TIMEOUT error,
//     even when part of the data was resolved;
//   - a response larger than maxResponse bytes is replaced by one
//     RESPONSE_TOO_LARGE error.
//
// With a response cache, queries are answered from it when they can be
// (see ResponseCache).
type httpTransport struct {
	maxResponse int
	cache       *ResponseCache
}

var _ graphql.Transport = httpTransport{}

func (httpTransport) Supports(r *http.Request) bool {
	return r.Header.Get("Upgrade") == "" && (r.Method == http.MethodGet || r.Method == http.MethodPost)
}

func (t httpTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	media := responseMediaType(r.Header.Get("Accept"))
	start := graphql.Now()
	params, status, reqErr := readParams(r)
	if reqErr != nil {
		writeResponse(w, status, media, exec.DispatchError(ctx, gqlerror.List{reqErr}), false)
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}

	opCtx, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		resp := exec.DispatchError(graphql.WithOperationContext(ctx, opCtx), errs)
		if timedOut(ctx) {
			t.timeout(w, media)
			return
		}
		status := http.StatusOK
		if media == mediaGraphQLResponse {
			status = http.StatusBadRequest
		}
		writeResponse(w, status, media, resp, false)
		return
	}
	if r.Method == http.MethodGet && opCtx.Operation.Operation != ast.Query {
		w.Header().Set("Allow", http.MethodPost)
		e := coded(CodeBadRequest, "a GET request can only run a query; send a %s with POST", opCtx.Operation.Operation)
		writeResponse(w, http.StatusMethodNotAllowed, media, exec.DispatchError(ctx, gqlerror.List{e}), false)
		return
	}
	var c *cached
	if t.cache != nil && opCtx.Operation.Operation == ast.Query {
		var end func()
		ctx, end = snapshot.Begin(ctx)
		defer end()
		if c = t.lookup(ctx, r, params, opCtx, media); c != nil {
			if c.notModified {
				cacheHeaders(w, c.etag)
				w.WriteHeader(http.StatusNotModified)
				return
			}
			if c.body != nil {
				if c.conditional {
					cacheHeaders(w, c.etag)
				}
				w.Header().Set("Content-Type", media+"; charset=utf-8")
				w.WriteHeader(http.StatusOK)
				_, _ = w.Write(c.body)
				return
			}
			ctx = context.WithValue(ctx, cacheStateKey{}, c.state)
		}
	}
	handler, ctx := exec.DispatchOperation(ctx, opCtx)
	resp := handler(ctx)
	if resp == nil || timedOut(ctx) {
		t.timeout(w, media)
		return
	}
	if c == nil && dataOnly(resp) && (t.maxResponse <= 0 || len(resp.Data)+len(dataOpen)+1 <= t.maxResponse) {
		// encodeResponse's bytes, written without copying the data into
		// them (the large answers are 0.1–0.5 MB).
		w.Header().Set("Content-Type", media+"; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, dataOpen)
		_, _ = w.Write(resp.Data)
		_, _ = io.WriteString(w, "}")
		return
	}
	b, err := encodeResponse(resp)
	if err != nil || (t.maxResponse > 0 && len(b) > t.maxResponse) {
		n := len(b)
		resp = exec.DispatchError(ctx, gqlerror.List{coded(CodeResponseTooLarge,
			"the response would be %d bytes, over the server's limit of %d; ask for fewer fields or smaller pages", n, t.maxResponse)})
		resp.Data = json.RawMessage("null")
		writeResponse(w, http.StatusOK, media, resp, true)
		return
	}
	if c != nil && len(resp.Errors) == 0 && ctx.Err() == nil && c.state.storable() {
		t.cache.put(c.version, c.key, b)
		if c.conditional {
			cacheHeaders(w, c.etag)
		}
	}
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
}

// cached is what the response cache knows of one query.
type cached struct {
	version     int64
	key, etag   string
	conditional bool   // a GET or a persisted query: ETag and 304 apply
	notModified bool   // If-None-Match names the current ETag
	body        []byte // the cached response, nil on a miss
	state       *cacheState
}

// lookup reads the catalog version in the request's snapshot and finds the
// query's response in the cache. nil means the request is served without
// the cache (the version could not be read, or the snapshot is older than
// a version already seen: an import committed meanwhile).
func (t httpTransport) lookup(ctx context.Context, r *http.Request, params *graphql.RawParams, oc *graphql.OperationContext, media string) *cached {
	v, err := t.cache.Version(ctx)
	if err != nil || !t.cache.observe(v) {
		return nil
	}
	key, etag, err := t.cache.requestKey(ctx, oc, v, media)
	if err != nil {
		return nil
	}
	_, persisted := params.Extensions["persistedQuery"]
	c := &cached{version: v, key: key, etag: etag, conditional: r.Method == http.MethodGet || persisted,
		state: &cacheState{version: "v" + strconv.FormatInt(v, 10)}}
	if c.conditional {
		if inm := r.Header.Get("If-None-Match"); inm != "" && etagMatches(inm, etag) {
			c.notModified = true
			return c
		}
	}
	c.body, _ = t.cache.get(key)
	return c
}

func (httpTransport) timeout(w http.ResponseWriter, media string) {
	writeResponse(w, http.StatusServiceUnavailable, media, &graphql.Response{Errors: gqlerror.List{
		coded(CodeTimeout, "the request took longer than the server's deadline"),
	}}, false)
}

func timedOut(ctx context.Context) bool {
	return errors.Is(ctx.Err(), context.DeadlineExceeded)
}

// writeResponse writes resp; withData false leaves the "data" entry out, as
// the spec asks of a request error.
func writeResponse(w http.ResponseWriter, status int, media string, resp *graphql.Response, withData bool) {
	var b []byte
	if withData {
		b, _ = encodeResponse(resp)
	} else {
		b, _ = json.Marshal(struct {
			Errors     gqlerror.List  `json:"errors"`
			Extensions map[string]any `json:"extensions,omitempty"`
		}{resp.Errors, resp.Extensions})
	}
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// encodeResponse encodes resp as json.Marshal would, to the same JSON
// value, but writes resp.Data as it is. Data is the JSON that gqlgen's
// marshalers wrote, valid and compact; json.Marshal would scan the whole
// answer again to validate and compact it and to escape <, >, & and
// U+2028/U+2029 for HTML — about a tenth of a large answer's CPU, for an
// answer that is never embedded in HTML. The other members are small and go
// through json.Marshal.
func encodeResponse(resp *graphql.Response) ([]byte, error) {
	b := make([]byte, 0, len(resp.Data)+64)
	b = append(b, '{')
	var err error
	if len(resp.Errors) > 0 {
		b, err = appendMember(b, "errors", resp.Errors)
		b = append(b, ',')
	}
	b = append(b, `"data":`...)
	if len(resp.Data) == 0 {
		b = append(b, "null"...)
	} else {
		b = append(b, resp.Data...)
	}
	if err == nil && resp.Label != "" {
		b, err = appendMember(append(b, ','), "label", resp.Label)
	}
	if err == nil && len(resp.Path) > 0 {
		b, err = appendMember(append(b, ','), "path", resp.Path)
	}
	if err == nil && resp.HasNext != nil {
		b, err = appendMember(append(b, ','), "hasNext", resp.HasNext)
	}
	if err == nil && len(resp.Extensions) > 0 {
		b, err = appendMember(append(b, ','), "extensions", resp.Extensions)
	}
	if err != nil {
		return nil, err
	}
	return append(b, '}'), nil
}

// dataOpen starts a response that has only data.
const dataOpen = `{"data":`

// dataOnly reports whether resp has data and nothing else: encodeResponse
// writes it as dataOpen, the data and "}".
func dataOnly(resp *graphql.Response) bool {
	return len(resp.Data) > 0 && len(resp.Errors) == 0 && resp.Label == "" && len(resp.Path) == 0 &&
		resp.HasNext == nil && len(resp.Extensions) == 0
}

// appendMember appends "name":v to b.
func appendMember(b []byte, name string, v any) ([]byte, error) {
	j, err := json.Marshal(v)
	if err != nil {
		return b, err
	}
	b = strconv.AppendQuote(b, name)
	b = append(b, ':')
	return append(b, j...), nil
}

// responseMediaType picks the response media type from Accept: the first of
// application/json and application/graphql-response+json it names; JSON for
// a missing Accept, */* or application/*.
func responseMediaType(accept string) string {
	if strings.TrimSpace(accept) == "" {
		return mediaJSON
	}
	for part := range strings.SplitSeq(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case "*/*", "application/*", mediaJSON:
			return mediaJSON
		case mediaGraphQLResponse:
			return mediaGraphQLResponse
		}
	}
	return mediaJSON
}

// readParams reads the operation from the URL (GET) or the JSON body
// (POST). A failure is a request error with the HTTP status to answer.
func readParams(r *http.Request) (*graphql.RawParams, int, *gqlerror.Error) {
	if r.Method == http.MethodGet {
		return paramsFromQuery(r.URL.RawQuery)
	}
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != mediaJSON {
		return nil, http.StatusUnsupportedMediaType, coded(CodeBadRequest, "a POST request must have Content-Type application/json")
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return nil, http.StatusUnsupportedMediaType, coded(CodeBadRequest, "the request body must be UTF-8 (charset %q is not supported)", Truncate(cs))
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, http.StatusRequestEntityTooLarge, coded(CodeRequestTooLarge, "request body too large: limit is %d bytes", tooLarge.Limit)
		}
		return nil, http.StatusBadRequest, coded(CodeBadRequest, "the request body could not be read")
	}
	p, e := decodeBody(body)
	if e != nil {
		return nil, http.StatusBadRequest, e
	}
	return p, 0, nil
}

// decodeBody decodes a POST body: one JSON object with "query" (a string),
// and optionally "operationName" (a string), "variables" and "extensions"
// (objects); null stands for absent. Its messages never quote the body.
func decodeBody(body []byte) (*graphql.RawParams, *gqlerror.Error) {
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) == 0 {
		return nil, coded(CodeBadRequest, `the request body is empty; expected a JSON object such as {"query": "{ __typename }"}`)
	}
	if trimmed[0] == '[' {
		return nil, coded(CodeBadRequest, "batched requests (a JSON array) are not supported; send one operation per request")
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, coded(CodeBadRequest, `the request body is not a JSON object; expected {"query": "…", "variables": {…}}`)
	}
	p := &graphql.RawParams{}
	for _, m := range []struct {
		name string
		into any
		kind string
	}{
		{"query", &p.Query, "a string"},
		{"operationName", &p.OperationName, "a string"},
		{"variables", &p.Variables, "an object"},
		{"extensions", &p.Extensions, "an object"},
	} {
		v, ok := raw[m.name]
		if !ok || string(v) == "null" {
			continue
		}
		if err := decodeMember(v, m.into); err != nil {
			return nil, coded(CodeBadRequest, "%q in the request body must be %s", m.name, m.kind)
		}
	}
	if _, ok := raw["query"]; !ok && p.Extensions == nil {
		return nil, coded(CodeBadRequest, `the request body has no "query"`)
	}
	return p, nil
}

func decodeMember(v json.RawMessage, into any) error {
	dec := json.NewDecoder(bytes.NewReader(v))
	dec.UseNumber()
	if err := dec.Decode(into); err != nil {
		return err
	}
	if m, ok := into.(*map[string]any); ok && *m == nil {
		return fmt.Errorf("not an object")
	}
	return nil
}

// paramsFromQuery reads a GET request's query, operationName, variables and
// extensions parameters.
func paramsFromQuery(rawQuery string) (*graphql.RawParams, int, *gqlerror.Error) {
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return nil, http.StatusBadRequest, coded(CodeBadRequest, "the URL query string is malformed")
	}
	p := &graphql.RawParams{Query: q.Get("query"), OperationName: q.Get("operationName")}
	for name, into := range map[string]*map[string]any{"variables": &p.Variables, "extensions": &p.Extensions} {
		v := q.Get(name)
		if v == "" {
			continue
		}
		if err := decodeMember(json.RawMessage(v), into); err != nil {
			return nil, http.StatusBadRequest, coded(CodeBadRequest, "the %q parameter must be a URL-encoded JSON object", name)
		}
	}
	return p, 0, nil
}
