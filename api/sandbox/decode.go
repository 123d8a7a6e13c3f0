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
