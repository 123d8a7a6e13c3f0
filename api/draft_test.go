package api

import (
	"reflect"
	"strings"
	"testing"
)

func TestDraft(t *testing.T) {
	tests := []struct {
		name    string
		req     CreateClientRequest
		want    CreateClientRequest // what DecodeManifest reads back
		given   []string
		dropped []string
	}{
		{"nothing", CreateClientRequest{}, CreateClientRequest{}, nil, nil},
		{"a name and a type", CreateClientRequest{ApplicationName: "Deck Tracker", ClientType: "public"},
			CreateClientRequest{ApplicationName: "Deck Tracker", ClientType: "public"}, []string{FieldApplicationName, FieldClientType}, nil},
		{"a bad redirect URI is left out, the good ones kept",
			CreateClientRequest{ApplicationName: "Deck Tracker", RedirectURIs: []string{"https://decktracker.example/cb", "http://decktracker.example/cb", "http://127.0.0.1:8765/cb"}},
			CreateClientRequest{ApplicationName: "Deck Tracker", RedirectURIs: []string{"https://decktracker.example/cb", "http://127.0.0.1:8765/cb"}},
			[]string{FieldApplicationName, FieldRedirectURIs}, []string{"Redirect URIs (1 of 3)"}},
		{"a bad link is left out", CreateClientRequest{ApplicationName: "Deck Tracker", PrivacyPolicyURL: "ftp://decktracker.example/privacy", TOSURL: "https://decktracker.example/tos"},
			CreateClientRequest{ApplicationName: "Deck Tracker", TOSURL: "https://decktracker.example/tos"},
			[]string{FieldApplicationName, FieldTOSURL}, []string{"Privacy policy URL"}},
		{"scopes and grants", CreateClientRequest{AllowedScopes: []string{"decks:read"}, GrantTypes: []string{"authorization_code"}},
			CreateClientRequest{AllowedScopes: []string{"decks:read"}, GrantTypes: []string{"authorization_code"}},
			[]string{FieldAllowedScopes, FieldGrantTypes}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, dropped := Draft(tt.req)
			got, given, err := DecodeManifest(data)
			if err != nil {
				t.Fatalf("%v:\n%s", err, data)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("read back %+v, want %+v:\n%s", got, tt.want, data)
			}
			for _, f := range tt.given {
				if !given[f] {
					t.Errorf("%s not in the draft:\n%s", f, data)
				}
			}
			if len(given) != len(tt.given) {
				t.Errorf("the draft gives %v, want %v", given, tt.given)
			}
			if !reflect.DeepEqual(dropped, tt.dropped) {
				t.Errorf("dropped %v, want %v", dropped, tt.dropped)
			}
			if strings.Contains(string(data), "secret") || strings.Contains(string(data), "flx_pat") {
				t.Errorf("the draft holds a credential:\n%s", data)
			}
		})
	}
}

func TestHasAnswers(t *testing.T) {
	for _, tt := range []struct {
		req  CreateClientRequest
		want bool
	}{
		{CreateClientRequest{}, false},
		{CreateClientRequest{ClientType: "confidential", GrantTypes: []string{"authorization_code", "refresh_token"}}, false},
		{CreateClientRequest{ApplicationName: "D"}, true},
		{CreateClientRequest{RedirectURIs: []string{"https://decktracker.example/cb"}}, true},
		{CreateClientRequest{RedirectURIs: []string{"not a uri"}}, false},
	} {
		if got := HasAnswers(tt.req); got != tt.want {
			t.Errorf("HasAnswers(%+v) = %v", tt.req, got)
		}
	}
}
