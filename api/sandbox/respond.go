package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/flexslot/flexslot-register/api"
)

// writeJSON answers with v as JSON, as DRF does.
func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "encoding failed", http.StatusInternalServerError)
		return
	}
	writeRaw(w, status, "application/json", data)
}

func writeRaw(w http.ResponseWriter, status int, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

// writeDetail answers DRF's {"detail": "..."} shape.
func writeDetail(w http.ResponseWriter, status int, detail string) {
	writeJSON(w, status, map[string]string{"detail": detail})
}

// writeUnauthorized answers 401 with the WWW-Authenticate header DRF sends.
func writeUnauthorized(w http.ResponseWriter, detail string) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="api"`)
	writeDetail(w, http.StatusUnauthorized, detail)
}

// writeFieldErrors answers 400 in DRF's shape: {"field": ["message"]}, and
// {"field": {"1": ["message"]}} for errors of list items, fields in the order
// given. A field with an error of its own shows only that.
func writeFieldErrors(w http.ResponseWriter, errs []api.FieldError) {
	writeRaw(w, http.StatusBadRequest, "application/json", encodeFieldErrors(errs))
}

func encodeFieldErrors(errs []api.FieldError) []byte {
	type fieldEntry struct {
		whole []string
		items map[int][]string
		order []int
	}
	var order []string
	fields := map[string]*fieldEntry{}
	for _, fe := range errs {
		entry, ok := fields[fe.Field]
		if !ok {
			entry = &fieldEntry{items: map[int][]string{}}
			fields[fe.Field] = entry
			order = append(order, fe.Field)
		}
		if fe.Index < 0 {
			entry.whole = append(entry.whole, fe.Message)
			continue
		}
		if _, seen := entry.items[fe.Index]; !seen {
			entry.order = append(entry.order, fe.Index)
		}
		entry.items[fe.Index] = append(entry.items[fe.Index], fe.Message)
	}

	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, name := range order {
		if i > 0 {
			buf.WriteByte(',')
		}
		key, _ := json.Marshal(name)
		buf.Write(key)
		buf.WriteByte(':')
		entry := fields[name]
		if len(entry.whole) > 0 {
			value, _ := json.Marshal(entry.whole)
			buf.Write(value)
			continue
		}
		buf.WriteByte('{')
		for j, index := range entry.order {
			if j > 0 {
				buf.WriteByte(',')
			}
			value, _ := json.Marshal(entry.items[index])
			buf.WriteString(`"` + strconv.Itoa(index) + `":`)
			buf.Write(value)
		}
		buf.WriteByte('}')
	}
	buf.WriteByte('}')
	return buf.Bytes()
}
