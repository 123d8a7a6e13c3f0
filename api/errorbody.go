package api

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/flexslot/flexslot-register/validate"
)

// maxMessageLength caps a message taken from the server, so a chatty or hostile
// answer cannot flood the screen.
const maxMessageLength = 300

// errorBody is what could be read from an error answer.
type errorBody struct {
	code    string
	message string
	fields  []FieldError
}

// parseErrorBody reads every error shape the contract lists: DRF field errors
// (lists, or dicts keyed by list index), non_field_errors, {"detail": ...}, a
// coded envelope {"code", "detail"|"message", "errors"}, RFC 6749
// {"error", "error_description"}, plain text, and HTML, which is never shown.
func parseErrorBody(contentType string, body []byte) errorBody {
	body = bytes.TrimSpace(body)
	if len(body) == 0 || isHTML(contentType, body) {
		return errorBody{}
	}
	if body[0] == '{' || body[0] == '[' {
		if parsed, ok := parseJSONError(body); ok {
			return parsed
		}
	}
	return errorBody{message: firstLine(string(body))}
}

func isHTML(contentType string, body []byte) bool {
	mediaType, _, _ := mime.ParseMediaType(contentType)
	return strings.Contains(mediaType, "html") || body[0] == '<'
}

func parseJSONError(body []byte) (errorBody, bool) {
	if body[0] == '[' {
		var list []json.RawMessage
		if json.Unmarshal(body, &list) != nil {
			return errorBody{}, false
		}
		fields := fieldErrors(NonFieldErrors, body)
		return errorBody{fields: fields}, true
	}
	obj, ok := orderedObject(body)
	if !ok {
		return errorBody{}, false
	}
	get := func(key string) string {
		for _, kv := range obj {
			if kv.key == key {
				return messageOf(kv.value)
			}
		}
		return ""
	}
	has := func(key string) bool {
		return slices.ContainsFunc(obj, func(kv keyValue) bool { return kv.key == key })
	}

	var out errorBody
	switch {
	case has("error") && !has("errors") && isString(obj, "error"):
		// RFC 6749: {"error": "invalid_request", "error_description": "..."}.
		out.code = get("error")
		out.message = get("error_description")
		if out.message == "" {
			out.message = strings.ReplaceAll(out.code, "_", " ")
		}
	case has("detail") || has("code") || has("message") || has("errors"):
		out.code = get("code")
		out.message = get("detail")
		if out.message == "" {
			out.message = get("message")
		}
		for _, kv := range obj {
			switch kv.key {
			case "errors":
				if fields, ok := objectFieldErrors(kv.value); ok {
					out.fields = append(out.fields, fields...)
				} else {
					out.fields = append(out.fields, fieldErrors(NonFieldErrors, kv.value)...)
				}
			case "detail":
				// Some exception handlers put the field dict under detail.
				fields, _ := objectFieldErrors(kv.value)
				out.fields = append(out.fields, fields...)
			case NonFieldErrors:
				out.fields = append(out.fields, fieldErrors(NonFieldErrors, kv.value)...)
			}
		}
	default:
		// DRF field errors: every key is a request field.
		out.fields, _ = objectFieldErrors(body)
	}
	return out, true
}

// objectFieldErrors reads a JSON object whose keys are request fields.
func objectFieldErrors(raw json.RawMessage) ([]FieldError, bool) {
	obj, ok := orderedObject(raw)
	if !ok {
		return nil, false
	}
	var out []FieldError
	for _, kv := range obj {
		out = append(out, fieldErrors(kv.key, kv.value)...)
	}
	return out, true
}

func isString(obj []keyValue, key string) bool {
	for _, kv := range obj {
		if kv.key == key {
			return len(kv.value) > 0 && kv.value[0] == '"'
		}
	}
	return false
}

// fieldErrors reads the errors of one field: a message, a list of messages, a
// list with one entry per item (DRF's older list errors), or a dict keyed by item
// index ({"1": ["Enter a valid URL."]}). Nested objects are named field.sub.
func fieldErrors(field string, raw json.RawMessage) []FieldError {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil
	}
	switch raw[0] {
	case '"':
		if m := messageOf(raw); m != "" {
			return []FieldError{{Field: field, Index: -1, Message: m}}
		}
	case '[':
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
			return nil
		}
		var out []FieldError
		for i, item := range items {
			item = bytes.TrimSpace(item)
			if len(item) > 0 && item[0] == '"' {
				out = append(out, fieldErrors(field, item)...)
				continue
			}
			for _, fe := range fieldErrors(field, item) {
				if fe.Index < 0 {
					fe.Index = i
				}
				out = append(out, fe)
			}
		}
		return out
	case '{':
		obj, ok := orderedObject(raw)
		if !ok {
			return nil
		}
		var out []FieldError
		for _, kv := range obj {
			if index, err := strconv.Atoi(kv.key); err == nil && index >= 0 {
				for _, fe := range fieldErrors(field, kv.value) {
					fe.Index = index
					out = append(out, fe)
				}
				continue
			}
			out = append(out, fieldErrors(field+"."+kv.key, kv.value)...)
		}
		return out
	}
	return nil
}

// messageOf returns a readable message from a JSON string, or the messages of a
// list of strings joined; anything else gives "".
func messageOf(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return cleanMessage(s)
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return cleanMessage(strings.Join(list, " "))
	}
	return ""
}

type keyValue struct {
	key   string
	value json.RawMessage
}

// orderedObject decodes a JSON object keeping its keys in the server's order, so
// that errors are reported in the order of the form.
func orderedObject(raw json.RawMessage) ([]keyValue, bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	var out []keyValue
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, false
		}
		key, _ := tok.(string)
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, false
		}
		out = append(out, keyValue{key, value})
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return nil, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, false
	}
	return out, true
}

// firstLine returns the first non-empty line of a plain-text answer, cleaned.
func firstLine(text string) string {
	for line := range strings.Lines(text) {
		if m := cleanMessage(line); m != "" {
			return m
		}
	}
	return ""
}

// cleanMessage makes server text safe to print in a terminal (validate.Sanitize:
// no escape sequences, controls or bidi controls), with white space folded and
// at most maxMessageLength characters.
func cleanMessage(s string) string {
	s = strings.Join(strings.Fields(validate.Sanitize(s)), " ")
	if utf8.RuneCountInString(s) > maxMessageLength {
		s = string([]rune(s)[:maxMessageLength-1]) + "…"
	}
	return s
}
