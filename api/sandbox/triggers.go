package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/flexslot/flexslot-register/api"
)

// TakenRedirectHost is the host of redirect URIs the sandbox says belong to
// another partner, e.g. https://taken.sandbox.test/callback: a server-side error
// on one redirect URI, which the user fixes by editing that line.
const TakenRedirectHost = "taken.sandbox.test"

// Trigger is an application name that makes the create endpoint answer one
// particular way, so that people and tests can reach every failure on purpose.
type Trigger struct {
	// Name is the application name that fires the trigger, e.g. "sandbox:429".
	Name string
	// Answer says what the sandbox does, for docs/SANDBOX.md.
	Answer  string
	respond respondFunc
}

// respondFunc answers a create request whose body fields fired a trigger.
type respondFunc func(s *Server, w http.ResponseWriter, r *http.Request, fields map[string]json.RawMessage)

// Triggers lists every trigger, in the order docs/SANDBOX.md documents them.
func Triggers() []Trigger { return append([]Trigger(nil), triggers...) }

var triggers = []Trigger{
	{"sandbox:taken", "400, non_field_errors: the name is already taken",
		fieldErrors(api.FieldError{Field: api.NonFieldErrors, Index: -1, Message: msgTaken})},
	{"sandbox:unknown-field", "400, a field error for a field the form does not have (dpop_bound_access_tokens)",
		fieldErrors(api.FieldError{Field: "dpop_bound_access_tokens", Index: -1, Message: "DPoP binding is not available on your partner tier."})},
	{"sandbox:envelope", `400, a coded envelope {"code": "FLEXSLOT_VALIDATION_ERROR", "message", "errors"}`,
		jsonAnswer(http.StatusBadRequest, `{"code":"FLEXSLOT_VALIDATION_ERROR","message":"The request is invalid.","errors":{"application_name":["This name is reserved."]}}`)},
	{"sandbox:oauth-error", `400, an RFC 6749 error {"error": "invalid_client_metadata", "error_description"}`,
		jsonAnswer(http.StatusBadRequest, `{"error":"invalid_client_metadata","error_description":"The client metadata is invalid.","error_uri":"https://docs.flexslot.gg/errors#invalid_client_metadata"}`)},
	{"sandbox:400-text", "400 with a plain-text body",
		rawAnswer(http.StatusBadRequest, "text/plain; charset=utf-8", "Bad Request: the payload could not be processed.\n")},
	{"sandbox:401", "401 with WWW-Authenticate, as for a token revoked meanwhile",
		func(_ *Server, w http.ResponseWriter, _ *http.Request, _ map[string]json.RawMessage) {
			writeUnauthorized(w, "Invalid token.")
		}},
	{"sandbox:403", "403, the account may not do this",
		detailAnswer(http.StatusForbidden, "You do not have permission to perform this action.")},
	{"sandbox:404", `404 with a FLEXSLOT_NOT_FOUND code`,
		jsonAnswer(http.StatusNotFound, `{"code":"FLEXSLOT_NOT_FOUND","detail":"Not found."}`)},
	{"sandbox:405", "405, as a proxy that refuses the method would answer",
		func(_ *Server, w http.ResponseWriter, r *http.Request, _ map[string]json.RawMessage) {
			w.Header().Set("Allow", "GET, HEAD, OPTIONS")
			writeDetail(w, http.StatusMethodNotAllowed, `Method "`+r.Method+`" not allowed.`)
		}},
	{"sandbox:413", "413, the request is too large",
		detailAnswer(http.StatusRequestEntityTooLarge, "Request body is too large.")},
	{"sandbox:415", "415, as for a body the server cannot read",
		detailAnswer(http.StatusUnsupportedMediaType, `Unsupported media type "application/json" in request.`)},
	{"sandbox:429", "429 with Retry-After: 30 (seconds)",
		throttled(func(time.Time) string { return "30" })},
	{"sandbox:429-date", "429 with Retry-After as an HTTP date 30 s ahead",
		throttled(func(now time.Time) string { return now.Add(30 * time.Second).UTC().Format(http.TimeFormat) })},
	{"sandbox:429-bare", "429 without Retry-After",
		throttled(func(time.Time) string { return "" })},
	{"sandbox:500", `500 with a coded JSON envelope`,
		jsonAnswer(http.StatusInternalServerError, `{"code":"FLEXSLOT_INTERNAL_ERROR","message":"An unexpected error occurred."}`)},
	{"sandbox:502-html", "creates the client, then a gateway answers 502 with its HTML page (the answer was lost on the way back)",
		func(s *Server, w http.ResponseWriter, _ *http.Request, fields map[string]json.RawMessage) {
			if _, ok := s.createFromTrigger(w, fields); ok {
				writeRaw(w, http.StatusBadGateway, "text/html", []byte(gatewayPage(http.StatusBadGateway)))
			}
		}},
	{"sandbox:502-before", "502 with a gateway's HTML page, before the request reached the API: nothing is created",
		rawAnswer(http.StatusBadGateway, "text/html", gatewayPage(http.StatusBadGateway))},
	{"sandbox:503", "503 with Retry-After: 10",
		func(_ *Server, w http.ResponseWriter, _ *http.Request, _ map[string]json.RawMessage) {
			w.Header().Set("Retry-After", "10")
			writeDetail(w, http.StatusServiceUnavailable, "Service temporarily unavailable, try again later.")
		}},
	{"sandbox:504-html", "504 with a gateway's HTML page",
		rawAnswer(http.StatusGatewayTimeout, "text/html", gatewayPage(http.StatusGatewayTimeout))},
	{"sandbox:slow", "creates the client after a delay (3 s by default)",
		func(s *Server, w http.ResponseWriter, r *http.Request, fields map[string]json.RawMessage) {
			select {
			case <-time.After(s.cfg.SlowDelay):
			case <-r.Context().Done():
				return
			case <-s.done:
				return
			}
			if resp, ok := s.createFromTrigger(w, fields); ok {
				writeJSON(w, http.StatusCreated, resp)
			}
		}},
	{"sandbox:hang", "creates the client, then never answers, until the client gives up",
		func(s *Server, w http.ResponseWriter, r *http.Request, fields map[string]json.RawMessage) {
			if _, ok := s.createFromTrigger(w, fields); !ok {
				return
			}
			select {
			case <-r.Context().Done():
			case <-s.done:
			}
		}},
	{"sandbox:201-truncated", "creates the client, then answers 201 with half of its JSON",
		created(func(data []byte) []byte { return data[:len(data)/2] })},
	{"sandbox:201-cut", "creates the client, then drops the connection halfway through the 201 body",
		func(s *Server, w http.ResponseWriter, _ *http.Request, fields map[string]json.RawMessage) {
			resp, ok := s.createFromTrigger(w, fields)
			if !ok {
				return
			}
			data, _ := json.Marshal(resp)
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", fmt.Sprint(len(data)))
			w.WriteHeader(http.StatusCreated)
			w.Write(data[:len(data)/2])
			http.NewResponseController(w).Flush()
			panic(http.ErrAbortHandler)
		}},
	{"sandbox:201-no-client-id", "creates the client, then answers 201 without client.client_id",
		created(func(data []byte) []byte {
			var body map[string]map[string]any
			json.Unmarshal(data, &body)
			delete(body["client"], "client_id")
			out, _ := json.Marshal(body)
			return out
		})},
	{"sandbox:201-no-secret", "creates a confidential client, then answers 201 with an empty secret",
		created(func(data []byte) []byte {
			var body map[string]any
			json.Unmarshal(data, &body)
			body["plaintext_client_secret"] = ""
			out, _ := json.Marshal(body)
			return out
		})},
	{"sandbox:201-extra", "creates the client; the 201 carries fields this tool does not know",
		created(func(data []byte) []byte {
			var body map[string]any
			json.Unmarshal(data, &body)
			body["x_audit"] = map[string]any{"request_id": "req_sandbox", "region": "eu"}
			body["client"].(map[string]any)["x_review_state"] = "auto-approved"
			out, _ := json.Marshal(body)
			return out
		})},
	{"sandbox:201-hostile", "creates the client, then answers 201 with escape sequences (OSC 52, screen clear, title), bidi controls and line breaks in every string, and a 100 KB name",
		func(s *Server, w http.ResponseWriter, _ *http.Request, fields map[string]json.RawMessage) {
			if resp, ok := s.createFromTrigger(w, fields); ok {
				writeJSON(w, http.StatusCreated, hostileResponse(resp))
			}
		}},
	{"sandbox:400-hostile", "400 whose messages and field names carry escape sequences, bidi controls and line breaks",
		func(_ *Server, w http.ResponseWriter, _ *http.Request, _ map[string]json.RawMessage) {
			body, _ := json.Marshal(map[string]any{
				api.FieldApplicationName: []string{HostileText + "name refused"},
				api.FieldRedirectURIs:    map[string][]string{"0": {HostileText + "uri refused"}},
				"x" + HostileText:        []string{HostileText + "unknown field refused"},
				api.NonFieldErrors:       []string{HostileText + "request refused"},
			})
			writeRaw(w, http.StatusBadRequest, "application/json", body)
		}},
	{"sandbox:201-oversize", "creates the client, then answers 201 with more than 1 MiB",
		created(func(data []byte) []byte {
			var body map[string]any
			json.Unmarshal(data, &body)
			body["x_padding"] = strings.Repeat("x", 2<<20)
			out, _ := json.Marshal(body)
			return out
		})},
}

// findTrigger returns the trigger named by the body's application_name.
func findTrigger(fields map[string]json.RawMessage) (Trigger, bool) {
	var name string
	if json.Unmarshal(fields[api.FieldApplicationName], &name) != nil {
		return Trigger{}, false
	}
	for _, t := range triggers {
		if strings.TrimSpace(name) == t.Name {
			return t, true
		}
	}
	return Trigger{}, false
}

// uriTriggerErrors refuses redirect URIs on TakenRedirectHost, item by item.
func uriTriggerErrors(req api.CreateClientRequest) []api.FieldError {
	var errs []api.FieldError
	for i, raw := range req.RedirectURIs {
		if u, err := url.Parse(raw); err == nil && strings.EqualFold(u.Hostname(), TakenRedirectHost) {
			errs = append(errs, api.FieldError{Field: api.FieldRedirectURIs, Index: i,
				Message: "This redirect URI is registered to another partner's client."})
		}
	}
	return errs
}

// createFromTrigger registers the client a 201 trigger answers about, or
// answers the body's field errors.
// HostileText is what sandbox:201-hostile and sandbox:400-hostile put in every
// string: an OSC 52 clipboard write, a screen clear, a title change, bidi
// override and isolate controls, a line break and an 8-bit CSI. A client that
// writes any of it raw lets a server write to its user's terminal.
const HostileText = "\x1b]52;c;cHduZWQ=\x07\x1b[2J\x1b]0;pwned\x07\u202eevil\u2066\nnext\u009b31m"

// hostileResponse is resp with HostileText before every string, and a name
// of more than 100 KB.
func hostileResponse(resp api.CreateClientResponse) api.CreateClientResponse {
	c := &resp.Client
	for _, s := range []*string{&c.ClientID, &c.ClientType, &c.Status, &c.ApplicationURL, &c.ApplicationLogoURL, &c.PrivacyPolicyURL, &c.TOSURL} {
		*s = HostileText + *s
	}
	c.ApplicationName = HostileText + c.ApplicationName + strings.Repeat("A\x1b[31m", 15_000)
	for _, list := range []*[]string{&c.RedirectURIs, &c.AllowedScopes, &c.GrantTypes} {
		hostile := make([]string, len(*list)) // the stored client keeps its own
		for i, v := range *list {
			hostile[i] = HostileText + v
		}
		*list = hostile
	}
	resp.PlaintextClientSecret = api.Secret(HostileText) + resp.PlaintextClientSecret
	return resp
}

func (s *Server) createFromTrigger(w http.ResponseWriter, fields map[string]json.RawMessage) (api.CreateClientResponse, bool) {
	req, errs := decodeCreate(fields)
	if len(errs) > 0 {
		writeFieldErrors(w, errs)
		return api.CreateClientResponse{}, false
	}
	resp, err := s.register(req)
	if err != nil {
		writeStateError(w, err)
		return api.CreateClientResponse{}, false
	}
	return resp, true
}

func created(mangle func([]byte) []byte) respondFunc {
	return func(s *Server, w http.ResponseWriter, _ *http.Request, fields map[string]json.RawMessage) {
		resp, ok := s.createFromTrigger(w, fields)
		if !ok {
			return
		}
		data, _ := json.Marshal(resp)
		writeRaw(w, http.StatusCreated, "application/json", mangle(data))
	}
}

func fieldErrors(errs ...api.FieldError) respondFunc {
	return func(_ *Server, w http.ResponseWriter, _ *http.Request, _ map[string]json.RawMessage) {
		writeFieldErrors(w, errs)
	}
}

func detailAnswer(status int, detail string) respondFunc {
	return func(_ *Server, w http.ResponseWriter, _ *http.Request, _ map[string]json.RawMessage) {
		writeDetail(w, status, detail)
	}
}

func jsonAnswer(status int, body string) respondFunc {
	return rawAnswer(status, "application/json", body)
}

func rawAnswer(status int, contentType, body string) respondFunc {
	return func(_ *Server, w http.ResponseWriter, _ *http.Request, _ map[string]json.RawMessage) {
		writeRaw(w, status, contentType, []byte(body))
	}
}

func throttled(retryAfter func(time.Time) string) respondFunc {
	return func(_ *Server, w http.ResponseWriter, _ *http.Request, _ map[string]json.RawMessage) {
		if value := retryAfter(time.Now()); value != "" {
			w.Header().Set("Retry-After", value)
		}
		writeDetail(w, http.StatusTooManyRequests, "Request was throttled. Expected available in 30 seconds.")
	}
}

// gatewayPage is the kind of page a reverse proxy answers when the API behind
// it is down.
func gatewayPage(status int) string {
	title := fmt.Sprintf("%d %s", status, http.StatusText(status))
	return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title +
		"</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
}
