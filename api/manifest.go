package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// manifestFields are the keys a manifest may hold: the request's own names.
func manifestFields() []string {
	names := make([]string, len(Fields))
	for i, f := range Fields {
		names[i] = f.JSON
	}
	return names
}

// MaxManifestBytes bounds a manifest: a registration is a few hundred bytes,
// and --from pointed at /dev/zero must not grow without end.
const MaxManifestBytes = 1 << 20

// DecodeManifest reads a registration from JSON with the request's own field
// names, as kept in a repository for infrastructure as code. It returns the
// request and the fields the manifest gave. Unknown fields and wrong types are
// errors that name the field: a typo must not silently drop a value.
func DecodeManifest(data []byte) (CreateClientRequest, map[string]bool, error) {
	var req CreateClientRequest
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		return req, nil, fmt.Errorf("the manifest is not a JSON object: %w", jsonReason(err))
	}
	if dec.More() {
		return req, nil, errors.New("the manifest holds more than one JSON value")
	}
	// encoding/json keeps the last of two equal keys without a word: a
	// manifest whose two values disagree must not pass for one that says
	// what it means.
	if pairs, ok := orderedObject(data); ok {
		seen := map[string]bool{}
		for _, kv := range pairs {
			if seen[kv.key] {
				return req, nil, fmt.Errorf("field %q appears twice in the manifest; keep one", kv.key)
			}
			seen[kv.key] = true
		}
	}
	given := make(map[string]bool, len(raw))
	names := manifestFields()
	for _, key := range sortedKeys(raw) {
		if !slices.Contains(names, key) {
			return req, nil, fmt.Errorf("unknown field %q in the manifest; the fields are %s", key, strings.Join(names, ", "))
		}
		if string(bytes.TrimSpace(raw[key])) == "null" {
			return req, nil, fmt.Errorf("field %s: null is not a value; leave the field out instead", key)
		}
		given[key] = true
	}
	for _, key := range sortedKeys(raw) {
		f, _ := FieldNamed(key)
		var target any = f.Text(&req)
		want := "a string"
		if f.IsList() {
			target, want = f.List(&req), "a list of strings"
		}
		if err := json.Unmarshal(raw[key], target); err != nil {
			return req, nil, fmt.Errorf("field %s: want %s", key, want)
		}
	}
	return req, given, nil
}

// sortedKeys returns the keys in the order of manifestFields (unknown ones
// last, alphabetically), so errors come in a stable order.
func sortedKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		ia, ib := fieldOrder(a), fieldOrder(b)
		switch {
		case ia >= 0 && ib >= 0:
			return ia - ib
		case ia >= 0:
			return -1
		case ib >= 0:
			return 1
		}
		return strings.Compare(a, b)
	})
	return keys
}

// jsonReason shortens encoding/json's errors to what a person needs.
func jsonReason(err error) error {
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		return fmt.Errorf("%s at byte %d", syntax.Error(), syntax.Offset)
	}
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return fmt.Errorf("found a JSON %s", typeErr.Value)
	}
	return err
}
