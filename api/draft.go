package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Draft is what a half-done registration keeps: the request's answers that
// pass their rules, as a manifest that DecodeManifest reads back (so --from
// resumes from it), fields in the form's order. A field left empty, or whose
// value a rule refuses, is left out, and so is a redirect URI that is not
// valid; dropped names (by label) the fields that lost something that way.
// A draft holds the request's own fields only: never a token, never a secret.
func Draft(r CreateClientRequest) (data []byte, dropped []string) {
	var b bytes.Buffer
	b.WriteString("{")
	first := true
	add := func(key string, value any) {
		encoded, _ := json.Marshal(value)
		if !first {
			b.WriteString(",")
		}
		first = false
		b.WriteString("\n  ")
		name, _ := json.Marshal(key)
		b.Write(name)
		b.WriteString(": ")
		b.Write(encoded)
	}
	for _, f := range Fields {
		values := f.Values(r)
		if len(values) == 0 {
			continue
		}
		problems := f.Check(r)
		switch {
		case f.Kind == KindURIList:
			var kept []string
			for i, v := range values {
				if strings.TrimSpace(v) != "" && !slices.ContainsFunc(problems, func(p FieldError) bool { return p.Index == i }) {
					kept = append(kept, v)
				}
			}
			if len(kept) < len(values) {
				dropped = append(dropped, fmt.Sprintf("%s (%d of %d)", f.Label, len(values)-len(kept), len(values)))
			}
			if len(kept) > 0 {
				add(f.JSON, kept)
			}
		case len(problems) > 0:
			dropped = append(dropped, f.Label)
		case f.IsList():
			add(f.JSON, values)
		default:
			add(f.JSON, values[0])
		}
	}
	if first {
		return []byte("{}\n"), dropped
	}
	b.WriteString("\n}\n")
	return b.Bytes(), dropped
}

// HasAnswers reports whether a draft of r would hold anything the user typed
// or chose beyond the form's defaults: what makes a draft worth offering.
func HasAnswers(r CreateClientRequest) bool {
	bare := CreateClientRequest{ClientType: r.ClientType, GrantTypes: r.GrantTypes}
	data, _ := Draft(r)
	empty, _ := Draft(bare)
	return !bytes.Equal(data, empty)
}
