package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/validate"
)

// Django REST Framework's messages, which the real server sends for structural
// problems; the rules beyond them come from package validate.
const (
	msgRequired  = "This field is required."
	msgNull      = "This field may not be null."
	msgNotString = "Not a valid string."
	msgBlank     = "This field may not be blank."
	msgEmptyList = "This list may not be empty."
	msgTaken     = "An application with this name already exists."
)

func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	body, ok := readJSONBody(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	s.received = append(s.received, body)
	index := len(s.received) - 1
	s.attempts++
	s.mu.Unlock()
	answer := &statusWriter{ResponseWriter: w}
	w = answer
	defer func() {
		if answer.status >= 400 {
			s.mu.Lock()
			s.received[index] = nil // a refused body is not kept
			s.mu.Unlock()
		}
	}()

	fields, ok := decodeObject(w, body)
	if !ok {
		return
	}
	if trigger, ok := findTrigger(fields); ok {
		trigger.respond(s, w, r, fields)
		return
	}
	req, errs := decodeCreate(fields)
	if len(errs) == 0 {
		errs = append(errs, uriTriggerErrors(req)...)
		errs = append(errs, s.lackedScopes(req.AllowedScopes)...)
	}
	if len(errs) == 0 && s.nameTaken(req.ApplicationName) {
		errs = append(errs, api.FieldError{Field: api.NonFieldErrors, Index: -1, Message: msgTaken})
	}
	if len(errs) > 0 {
		writeFieldErrors(w, errs)
		return
	}
	resp, err := s.register(req)
	if errors.Is(err, errNameTaken) {
		writeFieldErrors(w, []api.FieldError{{Field: api.NonFieldErrors, Index: -1, Message: msgTaken}})
		return
	}
	if err != nil {
		writeStateError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, resp)
}

// register stores a new client and returns the one answer that holds its
// secret; an error when the state file did not take it.
func (s *Server) register(req api.CreateClientRequest) (api.CreateClientResponse, error) {
	at := now()
	client := api.OAuth2Client{
		ID:                 newUUID(),
		ClientID:           newClientID(at),
		ClientType:         req.ClientType,
		Status:             api.StatusActive,
		ApplicationName:    strings.TrimSpace(req.ApplicationName),
		ApplicationURL:     req.ApplicationURL,
		ApplicationLogoURL: req.ApplicationLogoURL,
		PrivacyPolicyURL:   req.PrivacyPolicyURL,
		TOSURL:             req.TOSURL,
		RedirectURIs:       req.RedirectURIs,
		AllowedScopes:      req.AllowedScopes,
		GrantTypes:         req.GrantTypes,
		RequirePKCE:        true,
		CreatedAt:          at,
		UpdatedAt:          at,
	}
	// The partner admin's setting, for every client (Config.DPoPBound).
	client.DPoPBoundAccessTokens = s.cfg.DPoPBound
	resp := api.CreateClientResponse{}
	if client.ClientType == validate.ClientConfidential {
		client.SecretRotatedAt = &at
		resp.PlaintextClientSecret = api.Secret(newSecret())
		resp.SecretRotatedAt = &at
	}
	resp.Client = client
	taken := false
	err := s.change(func() {
		// Again on the latest state, under the state file's lock: another
		// run may have registered the name since this request's check.
		if taken = s.nameTakenLocked(client.ApplicationName); taken {
			return
		}
		s.clients = append(s.clients, client)
		if resp.PlaintextClientSecret != "" {
			s.setSecret(client.ClientID, resp.PlaintextClientSecret.Reveal())
		}
	})
	if err == nil && taken {
		return api.CreateClientResponse{}, errNameTaken
	}
	return resp, err
}

// errNameTaken is a create whose name another run registered meanwhile.
var errNameTaken = errors.New("the name is taken")

func (s *Server) nameTaken(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nameTakenLocked(name)
}

// nameTakenLocked is nameTaken with s.mu held.
func (s *Server) nameTakenLocked(name string) bool {
	return slices.ContainsFunc(s.clients, func(c api.OAuth2Client) bool {
		return strings.EqualFold(c.ApplicationName, strings.TrimSpace(name))
	})
}

func (s *Server) rotateSecret(w http.ResponseWriter, r *http.Request) {
	if !allow(w, r, http.MethodPost) {
		return
	}
	id := r.PathValue("client_id")
	var answer func()
	err := s.change(func() {
		i := slices.IndexFunc(s.clients, func(c api.OAuth2Client) bool { return c.ClientID == id })
		if i < 0 {
			answer = func() { writeDetail(w, http.StatusNotFound, "Not found.") }
			return
		}
		if s.clients[i].ClientType != validate.ClientConfidential {
			answer = func() {
				writeDetail(w, http.StatusBadRequest, "Public clients have no secret to rotate; they use PKCE alone.")
			}
			return
		}
		at := now()
		s.clients[i].SecretRotatedAt = &at
		s.clients[i].UpdatedAt = at
		secret := newSecret()
		s.setSecret(id, secret) // the old secret stops working
		rotated := api.CreateClientResponse{
			Client:                s.clients[i],
			PlaintextClientSecret: api.Secret(secret),
			SecretRotatedAt:       &at,
		}
		answer = func() { writeJSON(w, http.StatusOK, rotated) }
	})
	if err != nil {
		writeStateError(w, err)
		return
	}
	answer()
}

// readJSONBody reads a request's JSON body, or answers 415, 413 or 400 as
// DRF does.
func readJSONBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mediaType != "application/json" {
		writeDetail(w, http.StatusUnsupportedMediaType, fmt.Sprintf("Unsupported media type %q in request.", r.Header.Get("Content-Type")))
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writeDetail(w, http.StatusRequestEntityTooLarge, "Request body is too large.")
			return nil, false
		}
		writeDetail(w, http.StatusBadRequest, "Could not read the request body.")
		return nil, false
	}
	return body, true
}

// decodeObject reads a body that must be a JSON object, or answers 400 as DRF
// does.
func decodeObject(w http.ResponseWriter, body []byte) (map[string]json.RawMessage, bool) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			writeFieldErrors(w, []api.FieldError{{Field: api.NonFieldErrors, Index: -1,
				Message: "Invalid data. Expected a dictionary, but got " + pythonType(bytes.TrimSpace(body)) + "."}})
			return nil, false
		}
		writeDetail(w, http.StatusBadRequest, "JSON parse error - "+err.Error())
		return nil, false
	}
	return fields, true
}

// decodeCreate reads a create body field by field, as the server's serializer
// does: DRF's structural checks and defaults first, then the rules of package
// validate for every field that passed them.
func decodeCreate(fields map[string]json.RawMessage) (api.CreateClientRequest, []api.FieldError) {
	d := decoder{fields: fields}
	req := api.CreateClientRequest{
		ApplicationName:    d.str(api.FieldApplicationName, true, validate.MaxApplicationNameLength, false),
		RedirectURIs:       d.list(api.FieldRedirectURIs, true, false, nil, validate.MaxURILength),
		AllowedScopes:      d.list(api.FieldAllowedScopes, true, true, validate.Scopes, 0),
		ClientType:         d.choice(api.FieldClientType, validate.ClientTypes),
		GrantTypes:         d.list(api.FieldGrantTypes, false, true, validate.GrantTypes, 0),
		ApplicationURL:     d.str(api.FieldApplicationURL, false, validate.MaxURILength, true),
		ApplicationLogoURL: d.str(api.FieldApplicationLogoURL, false, validate.MaxURILength, true),
		PrivacyPolicyURL:   d.str(api.FieldPrivacyPolicyURL, false, validate.MaxURILength, true),
		TOSURL:             d.str(api.FieldTOSURL, false, validate.MaxURILength, true),
	}
	req = req.WithDefaults()
	for _, fe := range req.ServerProblems() {
		if !d.covers(fe) {
			d.errs = append(d.errs, fe)
		}
	}
	slices.SortStableFunc(d.errs, func(a, b api.FieldError) int {
		if a.Field != b.Field {
			return fieldOrder(a.Field) - fieldOrder(b.Field)
		}
		return a.Index - b.Index
	})
	return req, d.errs
}

// fieldOrder puts errors in the order of the request's fields.
func fieldOrder(field string) int {
	return slices.Index([]string{
		api.FieldApplicationName, api.FieldClientType, api.FieldRedirectURIs, api.FieldAllowedScopes,
		api.FieldGrantTypes, api.FieldApplicationURL, api.FieldApplicationLogoURL, api.FieldPrivacyPolicyURL, api.FieldTOSURL,
	}, field)
}

// decoder collects DRF-style errors while reading fields.
type decoder struct {
	fields map[string]json.RawMessage
	errs   []api.FieldError
	failed map[string]bool
}

func (d *decoder) fail(field string, index int, message string) {
	if d.failed == nil {
		d.failed = map[string]bool{}
	}
	d.failed[field] = true
	d.failed[failKey(field, index)] = true
	d.errs = append(d.errs, api.FieldError{Field: field, Index: index, Message: message})
}

// failKey names a field as a whole (index -1), or one item of a list field.
func failKey(field string, index int) string {
	return fmt.Sprintf("%s[%d]", field, index)
}

// covers reports whether a structural error already speaks of what fe is about,
// so that the rules of package validate do not pile on: an error of the whole
// field covers everything in it, an item's error covers that item, and any error
// in a field covers a later complaint about the field as a whole.
func (d *decoder) covers(fe api.FieldError) bool {
	return d.failed[failKey(fe.Field, -1)] || d.failed[failKey(fe.Field, fe.Index)] ||
		(fe.Index < 0 && d.failed[fe.Field])
}

// raw returns the field's JSON, or reports it missing (when required) or null.
func (d *decoder) raw(field string, required bool) (json.RawMessage, bool) {
	raw, ok := d.fields[field]
	if !ok {
		if required {
			d.fail(field, -1, msgRequired)
		}
		return nil, false
	}
	if string(bytes.TrimSpace(raw)) == "null" {
		d.fail(field, -1, msgNull)
		return nil, false
	}
	return raw, true
}

// str reads a string field; DRF trims it before checking blank and length.
func (d *decoder) str(field string, required bool, maxLen int, allowBlank bool) string {
	raw, ok := d.raw(field, required)
	if !ok {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		d.fail(field, -1, msgNotString)
		return ""
	}
	return d.checkString(field, -1, s, maxLen, allowBlank)
}

func (d *decoder) checkString(field string, index int, s string, maxLen int, allowBlank bool) string {
	switch {
	case strings.TrimSpace(s) == "" && !allowBlank:
		d.fail(field, index, msgBlank)
	case utf8.RuneCountInString(strings.TrimSpace(s)) > maxLen:
		d.fail(field, index, fmt.Sprintf("Ensure this field has no more than %d characters.", maxLen))
	}
	return s
}

// choice reads an optional enum field.
func (d *decoder) choice(field string, choices []string) string {
	raw, ok := d.raw(field, false)
	if !ok {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) != nil || !slices.Contains(choices, s) {
		d.fail(field, -1, fmt.Sprintf("%s is not a valid choice.", quoted(raw)))
		return ""
	}
	return s
}

// list reads a list of strings: of choices when choices is not nil, else of
// free strings (redirect URIs, requested scopes) of 1 to maxLen characters.
func (d *decoder) list(field string, required, allowEmpty bool, choices []string, maxLen int) []string {
	raw, ok := d.raw(field, required)
	if !ok {
		return nil
	}
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		d.fail(field, -1, fmt.Sprintf("Expected a list of items but got type %q.", pythonType(raw)))
		return nil
	}
	if len(items) == 0 && !allowEmpty {
		d.fail(field, -1, msgEmptyList)
		return nil
	}
	out := make([]string, 0, len(items))
	for i, item := range items {
		var s string
		switch {
		case json.Unmarshal(item, &s) != nil:
			if choices != nil {
				d.fail(field, i, fmt.Sprintf("%s is not a valid choice.", quoted(item)))
			} else {
				d.fail(field, i, msgNotString)
			}
		case choices != nil && !slices.Contains(choices, s):
			d.fail(field, i, fmt.Sprintf("%q is not a valid choice.", s))
		case choices == nil:
			d.checkString(field, i, s, maxLen, false)
		}
		out = append(out, s)
	}
	return out
}

// quoted shows a JSON value the way DRF's choice error does: "x" for strings.
func quoted(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%q", string(bytes.TrimSpace(raw)))
}

// pythonType names a JSON value's type as DRF (Python) reports it.
func pythonType(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "NoneType"
	}
	switch raw[0] {
	case '"':
		return "str"
	case '{':
		return "dict"
	case '[':
		return "list"
	case 't', 'f':
		return "bool"
	case 'n':
		return "NoneType"
	}
	if bytes.ContainsAny(raw, ".eE") {
		return "float"
	}
	return "int"
}

// statusWriter remembers the status of an answer.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

// Unwrap lets http.ResponseController reach the connection (the 201-cut
// trigger hijacks it).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
