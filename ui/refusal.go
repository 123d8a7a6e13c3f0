package ui

import (
	"encoding/json"
	"strings"

	"github.com/flexslot/flexslot-register/api"
)

// refusal is the server's last refusal of the request: its complaints about
// the form's fields, with the values it refused, and about the request as a
// whole. Each complaint shows until the user changes what it is about.
type refusal struct {
	fields []api.FieldError
	values map[string]string // field → the value refused
	notes  []string
	// request is the request refused, to tell whether the notes still hold.
	request string
}

func newRefusal(req api.CreateClientRequest, errs []api.FieldError) refusal {
	r := refusal{values: map[string]string{}, request: requestKey(req)}
	for _, fe := range errs {
		if api.PageOf(fe.Field) >= 0 {
			r.fields = append(r.fields, fe)
			r.values[fe.Field] = fieldValue(req, fe.Field)
			continue
		}
		note := fe.Message
		if fe.Field != api.NonFieldErrors {
			note = fe.String()
		}
		r.notes = append(r.notes, "The server refused the request: "+note)
	}
	return r
}

// notesFor returns the refusals of the request as a whole while req is still
// the request refused: once the user edits it, they are about another one.
func (r refusal) notesFor(req api.CreateClientRequest) []string {
	if len(r.notes) == 0 || r.request != requestKey(req) {
		return nil
	}
	return r.notes
}

// fieldErrorsFor returns the complaints about one field of the form.
func (r refusal) fieldErrorsFor(field string) []api.FieldError {
	var out []api.FieldError
	for _, fe := range r.fields {
		if fe.Field == field {
			out = append(out, fe)
		}
	}
	return out
}

// stands reports whether a complaint still holds: its field is unedited.
func (r refusal) stands(req api.CreateClientRequest, fe api.FieldError) bool {
	return fieldValue(req, fe.Field) == r.values[fe.Field]
}

// fieldValue is a request field's value as text.
func fieldValue(req api.CreateClientRequest, field string) string {
	f, _ := api.FieldNamed(field)
	return strings.Join(f.Values(req), "\n")
}

// requestKey identifies a request's content.
func requestKey(r api.CreateClientRequest) string {
	data, _ := json.Marshal(r)
	return string(data)
}
