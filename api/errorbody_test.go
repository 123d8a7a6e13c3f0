package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseErrorBody(t *testing.T) {
	fe := func(field string, index int, msg string) FieldError {
		return FieldError{Field: field, Index: index, Message: msg}
	}
	tests := []struct {
		name        string
		contentType string
		body        string
		want        errorBody
	}{
		{"empty", "application/json", "", errorBody{}},
		{"DRF field lists keep the server's order", "application/json",
			`{"redirect_uris": ["This list may not be empty."], "application_name": ["This field may not be blank.", "Too short."]}`,
			errorBody{fields: []FieldError{
				fe("redirect_uris", -1, "This list may not be empty."),
				fe("application_name", -1, "This field may not be blank."),
				fe("application_name", -1, "Too short."),
			}}},
		{"DRF index-keyed dict", "application/json", `{"redirect_uris": {"1": ["Enter a valid URL."], "3": ["No fragments."]}}`,
			errorBody{fields: []FieldError{fe("redirect_uris", 1, "Enter a valid URL."), fe("redirect_uris", 3, "No fragments.")}}},
		{"older DRF list of item lists", "application/json", `{"redirect_uris": [[], ["Enter a valid URL."], {}]}`,
			errorBody{fields: []FieldError{fe("redirect_uris", 1, "Enter a valid URL.")}}},
		{"a bare string per field", "application/json", `{"tos_url": "Enter a valid URL."}`,
			errorBody{fields: []FieldError{fe("tos_url", -1, "Enter a valid URL.")}}},
		{"nested object", "application/json", `{"branding": {"logo": ["Too large."]}}`,
			errorBody{fields: []FieldError{fe("branding.logo", -1, "Too large.")}}},
		{"non_field_errors", "application/json", `{"non_field_errors": ["An application with this name already exists."]}`,
			errorBody{fields: []FieldError{fe(NonFieldErrors, -1, "An application with this name already exists.")}}},
		{"top-level list", "application/json", `["Something is wrong.", "And this."]`,
			errorBody{fields: []FieldError{fe(NonFieldErrors, -1, "Something is wrong."), fe(NonFieldErrors, -1, "And this.")}}},
		{"detail", "application/json", `{"detail": "Authentication credentials were not provided."}`,
			errorBody{message: "Authentication credentials were not provided."}},
		{"detail with a code", "application/json", `{"detail": "Not found.", "code": "FLEXSLOT_NOT_FOUND"}`,
			errorBody{code: "FLEXSLOT_NOT_FOUND", message: "Not found."}},
		{"detail as a list", "application/json", `{"detail": ["First.", "Second."]}`,
			errorBody{message: "First. Second."}},
		{"detail as a field dict", "application/json", `{"detail": {"application_name": ["Taken."]}}`,
			errorBody{fields: []FieldError{fe("application_name", -1, "Taken.")}}},
		{"coded envelope with message and errors", "application/json",
			`{"code": "FLEXSLOT_VALIDATION_ERROR", "message": "Invalid.", "errors": {"redirect_uris": {"0": ["Bad."]}}, "non_field_errors": ["Also."]}`,
			errorBody{code: "FLEXSLOT_VALIDATION_ERROR", message: "Invalid.", fields: []FieldError{fe("redirect_uris", 0, "Bad."), fe(NonFieldErrors, -1, "Also.")}}},
		{"envelope with a list of errors", "application/json", `{"code": "FLEXSLOT_CONFLICT", "errors": ["Conflict."]}`,
			errorBody{code: "FLEXSLOT_CONFLICT", fields: []FieldError{fe(NonFieldErrors, -1, "Conflict.")}}},
		{"RFC 6749", "application/json", `{"error": "invalid_redirect_uri", "error_description": "The redirect URI is not registered.", "error_uri": "https://x"}`,
			errorBody{code: "invalid_redirect_uri", message: "The redirect URI is not registered."}},
		{"RFC 6749 without a description", "application/json", `{"error": "access_denied"}`,
			errorBody{code: "access_denied", message: "access denied"}},
		{"error that is not RFC 6749 is a field", "application/json", `{"error": ["Something."]}`,
			errorBody{fields: []FieldError{fe("error", -1, "Something.")}}},
		{"plain text, first line, cleaned", "text/plain", "\n  Upstream   timed out\x1b[31m\nsecond line\n",
			errorBody{message: "Upstream timed out"}},
		{"HTML by content type", "text/html; charset=utf-8", "<html><body><h1>502 Bad Gateway</h1></body></html>", errorBody{}},
		{"HTML without content type", "", "  <!DOCTYPE html><title>oops</title>", errorBody{}},
		{"invalid JSON is text", "application/json", `{"detail": "unterminated`, errorBody{message: `{"detail": "unterminated`}},
		{"JSON with trailing data is text", "application/json", `{"detail": "a"} x`, errorBody{message: `{"detail": "a"} x`}},
		{"invalid JSON list is text", "application/json", `[1,`, errorBody{message: "[1,"}},
		{"numbers where messages belong are skipped", "application/json", `{"application_name": [42], "x": 1}`, errorBody{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseErrorBody(tt.contentType, []byte(tt.body))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestCleanMessage(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Not found.", "Not found."},
		{"control characters and escapes", "a\x1b]52;c;AAAA\x07b\tc\r\nd", "ab c d"},
		{"invalid UTF-8", "caf\xe9", "caf�"},
		{"long text is cut", strings.Repeat("é", maxMessageLength+10), strings.Repeat("é", maxMessageLength-1) + "…"},
	}
	for _, tt := range tests {
		if got := cleanMessage(tt.in); got != tt.want {
			t.Errorf("%s: got %q want %q", tt.name, got, tt.want)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		value string
		want  time.Duration
	}{
		{"", 0},
		{"0", 0},
		{"30", 30 * time.Second},
		{" 120 ", 2 * time.Minute},
		{"-5", 0},
		{"soon", 0},
		{"99999999999999999999", maxRetryAfter},
		{"172800", maxRetryAfter},
		{now.Add(45 * time.Second).Format(http.TimeFormat), 45 * time.Second},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0},
		{now.Add(72 * time.Hour).Format(http.TimeFormat), maxRetryAfter},
	}
	for _, tt := range tests {
		if got := parseRetryAfter(tt.value, now); got != tt.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.value, got, tt.want)
		}
	}
}

func TestErrorTextAndPredicates(t *testing.T) {
	tests := []struct {
		name      string
		err       *Error
		text      string
		predicate func(error) bool
	}{
		{"validation", &Error{Op: "create client", StatusCode: 400, Message: "x (400 Bad Request)", Fields: []FieldError{{Field: "a", Index: -1, Message: "m"}}},
			"create client: x (400 Bad Request)", IsValidation},
		{"no op, no message", &Error{}, "failed", nil},
		{"401", &Error{StatusCode: 401, Message: "m"}, "m", IsUnauthorized},
		{"403", &Error{StatusCode: 403}, "failed", IsForbidden},
		{"404", &Error{StatusCode: 404}, "failed", IsNotFound},
		{"429", &Error{StatusCode: 429, RetryAfter: 1500 * time.Millisecond}, "failed", IsRateLimited},
		{"503", &Error{StatusCode: 503}, "failed", IsServerError},
		{"may have created", &Error{StatusCode: 502, MayHaveCreated: true}, "failed", MayHaveCreated},
		{"network", &Error{Err: io.EOF, Message: "m"}, "m", IsNetwork},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.text {
				t.Errorf("Error() = %q, want %q", got, tt.text)
			}
			// Predicates see through wrapping.
			if tt.predicate != nil && !tt.predicate(errors.Join(errors.New("wrapped"), tt.err)) {
				t.Errorf("predicate false")
			}
		})
	}
	plain := errors.New("not an api error")
	for _, p := range []func(error) bool{IsUnauthorized, IsForbidden, IsNotFound, IsRateLimited, IsValidation, IsServerError, IsNetwork, MayHaveCreated} {
		if p(plain) || p(nil) {
			t.Errorf("a predicate holds for a foreign error")
		}
	}
	if RetryAfter(plain) != 0 || RetryAfter(&Error{RetryAfter: time.Second}) != time.Second {
		t.Errorf("RetryAfter")
	}
	if !errors.Is(errors.Unwrap(&Error{Err: io.EOF}), io.EOF) {
		t.Errorf("Unwrap")
	}
}

func TestFieldErrorString(t *testing.T) {
	tests := []struct {
		fe   FieldError
		want string
	}{
		{FieldError{Field: "application_name", Index: -1, Message: "Blank."}, "application_name: Blank."},
		{FieldError{Field: "redirect_uris", Index: 2, Message: "Bad."}, "redirect_uris[2]: Bad."},
		{FieldError{Field: NonFieldErrors, Index: -1, Message: "Taken."}, "Taken."},
	}
	for _, tt := range tests {
		if got := tt.fe.String(); got != tt.want {
			t.Errorf("got %q want %q", got, tt.want)
		}
	}
}

func TestCreateClientRequestValidate(t *testing.T) {
	valid := CreateClientRequest{
		ApplicationName: "Deck Tracker",
		RedirectURIs:    []string{"https://a.example/cb"},
	}
	tests := []struct {
		name   string
		mutate func(*CreateClientRequest)
		want   []FieldError
	}{
		{"minimal request with server defaults", func(*CreateClientRequest) {}, nil},
		{"everything wrong at once", func(r *CreateClientRequest) {
			r.ApplicationName = ""
			r.ClientType = "spa"
			r.RedirectURIs = []string{"https://a.example/cb", "https://a.example/cb", "https://a.example/cb/"}
			r.AllowedScopes = []string{"decks:delete"}
			r.GrantTypes = []string{"refresh_token"}
			r.ApplicationURL = "http://a.example"
			r.ApplicationLogoURL = "logo.png"
			r.PrivacyPolicyURL = "https://a.example/privacy"
			r.TOSURL = "ftp://a.example/tos"
		}, []FieldError{
			{FieldApplicationName, -1, "Enter an application name."},
			{FieldClientType, -1, `"spa" is not a client type; use confidential or public.`},
			{FieldRedirectURIs, 1, "Line 2 repeats Line 1: keep one of them."},
			{FieldAllowedScopes, -1, `"decks:delete" is not a scope; choose from cards:read, decks:read, decks:write, exports:read, guides:read, guides:write, sideboards:read, sideboards:write.`},
			{FieldGrantTypes, -1, "refresh_token needs authorization_code: refresh tokens are issued by the authorization code exchange."},
			{FieldApplicationURL, -1, "Use https: plain http is allowed only on localhost, 127.0.0.1 and [::1]."},
			{FieldApplicationLogoURL, -1, "Use an absolute URL that starts with https://, e.g. https://example.com/privacy."},
			{FieldTOSURL, -1, `Use an https:// URL; "ftp:" links cannot be opened by every browser.`},
		}},
		{"no redirect URI", func(r *CreateClientRequest) { r.RedirectURIs = nil },
			[]FieldError{{FieldRedirectURIs, -1, "Add at least one redirect URI."}}},
		{"explicitly no grant type", func(r *CreateClientRequest) { r.GrantTypes = []string{} },
			[]FieldError{{FieldGrantTypes, -1, "Choose at least authorization_code."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := valid
			tt.mutate(&r)
			if got := r.Validate(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestFlexibleID(t *testing.T) {
	tests := []struct {
		json, want string
		fails      bool
	}{
		{`"3c90c3cc-0d44"`, "3c90c3cc-0d44", false},
		{`42`, "42", false},
		{`null`, "", false},
		{`{"a":1}`, "", true},
	}
	for _, tt := range tests {
		var id FlexibleID
		err := json.Unmarshal([]byte(tt.json), &id)
		if (err != nil) != tt.fails || string(id) != tt.want {
			t.Errorf("%s: got %q, %v", tt.json, id, err)
		}
	}
}

func TestRequestMarshalsEmptyListsAsArrays(t *testing.T) {
	data, err := json.Marshal(CreateClientRequest{ApplicationName: "x"})
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"application_name":"x","redirect_uris":[],"allowed_scopes":[],"application_url":"","application_logo_url":"","privacy_policy_url":"","tos_url":""}`
	if string(data) != want {
		t.Errorf("got  %s\nwant %s", data, want)
	}
}

// FuzzParseErrorBody checks that no answer can crash the parser or put control
// characters (terminal escapes) into a message.
func FuzzParseErrorBody(f *testing.F) {
	for _, seed := range []string{
		`{"redirect_uris": {"1": ["x"]}}`, `{"detail": "x"}`, `{"error": "e", "error_description": "d"}`,
		`{"code": "FLEXSLOT_X", "errors": {"a": [[], ["b"]]}}`, "<html>", "plain\x1b[2J", `[["a"]]`,
	} {
		f.Add("application/json", seed)
	}
	f.Fuzz(func(t *testing.T, contentType, body string) {
		got := parseErrorBody(contentType, []byte(body))
		texts := []string{got.code, got.message}
		for _, fe := range got.fields {
			texts = append(texts, fe.Message)
			if fe.Index < -1 {
				t.Fatalf("index %d", fe.Index)
			}
		}
		for _, text := range texts {
			if strings.ContainsFunc(text, func(r rune) bool { return r < ' ' || r == 0x7f }) {
				t.Fatalf("control character in %q", text)
			}
		}
	})
}

func TestWithDefaults(t *testing.T) {
	tests := []struct {
		name       string
		in         CreateClientRequest
		wantType   string
		wantGrants []string
	}{
		{"nothing given", CreateClientRequest{}, "confidential", []string{"authorization_code", "refresh_token"}},
		{"given values kept", CreateClientRequest{ClientType: "public", GrantTypes: []string{"authorization_code"}}, "public", []string{"authorization_code"}},
		{"an explicit empty list is kept for Validate to refuse", CreateClientRequest{GrantTypes: []string{}}, "confidential", []string{}},
	}
	for _, tt := range tests {
		got := tt.in.WithDefaults()
		if got.ClientType != tt.wantType || !reflect.DeepEqual(got.GrantTypes, tt.wantGrants) {
			t.Errorf("%s: got %q %q", tt.name, got.ClientType, got.GrantTypes)
		}
	}
	// The defaults are a copy: changing them cannot change the package's list.
	got := CreateClientRequest{}.WithDefaults()
	got.GrantTypes[0] = "changed"
	if (CreateClientRequest{}).WithDefaults().GrantTypes[0] != "authorization_code" {
		t.Error("WithDefaults hands out a shared slice")
	}
}

func TestFieldErrorsOfSeesThroughWrapping(t *testing.T) {
	refusal := &Error{StatusCode: http.StatusBadRequest, Fields: []FieldError{{Field: "application_name", Index: -1, Message: "taken"}}}
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"bare", refusal, 1},
		{"wrapped with %w", fmt.Errorf("create: %w", refusal), 1},
		{"joined", errors.Join(errors.New("x"), refusal), 1},
		{"a 400 without fields", &Error{StatusCode: http.StatusBadRequest}, 0},
		{"another status", &Error{StatusCode: http.StatusConflict, Fields: refusal.Fields}, 0},
		{"foreign", errors.New("x"), 0},
		{"nil", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FieldErrorsOf(tt.err); len(got) != tt.want {
				t.Errorf("FieldErrorsOf = %v, want %d field errors", got, tt.want)
			}
		})
	}
}

// TestTokenAsAValue: Validate refuses a value that holds a personal access
// token, at its field (and, in the redirect URIs, its line), before anything
// is sent or kept; ServerProblems, the server's rules, does not, but still
// finds what else is wrong with the value.
func TestTokenAsAValue(t *testing.T) {
	const token = "flx_pat_sandbox_Zq9vS3cr3tPart"
	const refusal = "This holds a personal access token (flx_pat_…), which is a password: remove it. A token is never part of the registration."
	valid := CreateClientRequest{ApplicationName: "Deck Tracker", RedirectURIs: []string{"https://a.example/cb"}}
	tests := []struct {
		name         string
		mutate       func(*CreateClientRequest)
		tool, server []FieldError
	}{
		{"as the name", func(r *CreateClientRequest) { r.ApplicationName = token },
			[]FieldError{{FieldApplicationName, -1, refusal}}, nil},
		{"in a redirect URI", func(r *CreateClientRequest) { r.RedirectURIs = append(r.RedirectURIs, "https://a.example/cb?t="+token) },
			[]FieldError{{FieldRedirectURIs, 1, refusal}}, nil},
		{"in a plain-http redirect URI: the server still refuses the http", func(r *CreateClientRequest) { r.RedirectURIs = []string{"http://a.example/" + token} },
			[]FieldError{{FieldRedirectURIs, 0, refusal}},
			[]FieldError{{FieldRedirectURIs, 0, "Use https: plain http is allowed only on localhost, 127.0.0.1 and [::1]."}}},
		{"in a link", func(r *CreateClientRequest) { r.PrivacyPolicyURL = "https://a.example/" + token },
			[]FieldError{{FieldPrivacyPolicyURL, -1, refusal}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := valid
			tt.mutate(&r)
			before := r
			before.RedirectURIs = slices.Clone(r.RedirectURIs)
			if got := r.Validate(); !reflect.DeepEqual(got, tt.tool) {
				t.Errorf("Validate\ngot  %+v\nwant %+v", got, tt.tool)
			}
			if got := r.ServerProblems(); !reflect.DeepEqual(got, tt.server) {
				t.Errorf("ServerProblems\ngot  %+v\nwant %+v", got, tt.server)
			}
			if !reflect.DeepEqual(r, before) {
				t.Errorf("ServerProblems changed the request: %+v", r)
			}
			if data, dropped := Draft(r); strings.Contains(string(data), "Zq9v") || len(dropped) == 0 {
				t.Errorf("the draft keeps the token: %s (dropped %v)", data, dropped)
			}
		})
	}
}
