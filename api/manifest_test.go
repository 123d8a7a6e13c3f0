package api

import (
	"reflect"
	"strings"
	"testing"
)

func TestDecodeManifest(t *testing.T) {
	tests := []struct {
		name      string
		json      string
		want      CreateClientRequest
		wantGiven []string
		err       string
	}{
		{"full", `{"application_name": "Deck Tracker", "client_type": "public", "redirect_uris": ["http://127.0.0.1:8765/cb"],
			"allowed_scopes": ["decks:read"], "grant_types": ["authorization_code"], "application_url": "https://a.example",
			"application_logo_url": "https://a.example/logo.png", "privacy_policy_url": "https://a.example/p", "tos_url": "https://a.example/t"}`,
			CreateClientRequest{ApplicationName: "Deck Tracker", ClientType: "public", RedirectURIs: []string{"http://127.0.0.1:8765/cb"},
				AllowedScopes: []string{"decks:read"}, GrantTypes: []string{"authorization_code"}, ApplicationURL: "https://a.example",
				ApplicationLogoURL: "https://a.example/logo.png", PrivacyPolicyURL: "https://a.example/p", TOSURL: "https://a.example/t"},
			[]string{"application_name", "client_type", "redirect_uris", "allowed_scopes", "grant_types", "application_url", "application_logo_url", "privacy_policy_url", "tos_url"}, ""},
		{"partial", `{"application_name": "x", "allowed_scopes": []}`,
			CreateClientRequest{ApplicationName: "x", AllowedScopes: []string{}}, []string{"application_name", "allowed_scopes"}, ""},
		{"empty object", `{}`, CreateClientRequest{}, nil, ""},
		{"unknown field", `{"application_name": "x", "redirect_uri": ["https://a.example/cb"]}`, CreateClientRequest{}, nil,
			`unknown field "redirect_uri" in the manifest; the fields are application_name, client_type, redirect_uris, allowed_scopes, grant_types, application_url, application_logo_url, privacy_policy_url, tos_url`},
		{"string for a list", `{"redirect_uris": "https://a.example/cb"}`, CreateClientRequest{}, nil, "field redirect_uris: want a list of strings"},
		{"number for a string", `{"application_name": 7}`, CreateClientRequest{}, nil, "field application_name: want a string"},
		{"null", `{"tos_url": null}`, CreateClientRequest{}, nil, "field tos_url: null is not a value; leave the field out instead"},
		{"a list", `["x"]`, CreateClientRequest{}, nil, "the manifest is not a JSON object: found a JSON array"},
		{"broken", `{"application_name": `, CreateClientRequest{}, nil, "the manifest is not a JSON object: unexpected EOF"},
		{"bad syntax", `{"a" 1}`, CreateClientRequest{}, nil, "the manifest is not a JSON object: invalid character '1' after object key at byte 6"},
		{"two values", `{} {}`, CreateClientRequest{}, nil, "the manifest holds more than one JSON value"},
		{"a key twice", `{"application_name": "A", "redirect_uris": [], "application_name": "B"}`, CreateClientRequest{}, nil,
			`field "application_name" appears twice in the manifest; keep one`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, given, err := DecodeManifest([]byte(tt.json))
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("error %v\nwant %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			var keys []string
			for _, f := range manifestFields() {
				if given[f] {
					keys = append(keys, f)
				}
			}
			if len(given) != len(keys) || !reflect.DeepEqual(keys, tt.wantGiven) {
				t.Errorf("given %v, want %v", given, tt.wantGiven)
			}
		})
	}
}

// FuzzDecodeManifest checks that any input is either refused with a message or
// gives a request whose given fields all came from the input.
func FuzzDecodeManifest(f *testing.F) {
	f.Add(`{"application_name": "x", "redirect_uris": ["https://a.example/cb"]}`)
	f.Add(`{"tos_url": null}`)
	f.Add(`{"allowed_scopes": [1]}`)
	f.Fuzz(func(t *testing.T, data string) {
		req, given, err := DecodeManifest([]byte(data))
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty message")
			}
			return
		}
		for field := range given {
			if !strings.Contains(data, field) && !strings.Contains(data, `\u`) {
				t.Fatalf("field %s given but not in %q", field, data)
			}
		}
		_ = req.Validate()
	})
}
