package cli

import (
	"flag"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/flexslot/flexslot-register/api"
)

func TestBindFlagsAndOverlay(t *testing.T) {
	var flagged Registration
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	BindFlags(fs, &flagged)
	err := fs.Parse([]string{"--name", "Flag Name", "--redirect-uri", "https://a.example/cb", "--redirect-uri", "https://b.example/cb", "--tos-url", "https://a.example/tos"})
	if err != nil {
		t.Fatal(err)
	}
	base := Registration{
		Request: api.CreateClientRequest{ApplicationName: "Manifest", RedirectURIs: []string{"https://m.example/cb"}, AllowedScopes: []string{"cards:read"}},
		Given:   map[string]bool{api.FieldApplicationName: true, api.FieldRedirectURIs: true, api.FieldAllowedScopes: true},
	}
	base.Overlay(flagged)
	want := api.CreateClientRequest{ApplicationName: "Flag Name", RedirectURIs: []string{"https://a.example/cb", "https://b.example/cb"},
		AllowedScopes: []string{"cards:read"}, TOSURL: "https://a.example/tos"}
	if !reflect.DeepEqual(base.Request, want) {
		t.Errorf("got  %+v\nwant %+v", base.Request, want)
	}
	for _, field := range []string{api.FieldApplicationName, api.FieldRedirectURIs, api.FieldAllowedScopes, api.FieldTOSURL} {
		if !base.Given[field] {
			t.Errorf("%s not marked given", field)
		}
	}
	if base.Given[api.FieldClientType] {
		t.Error("client_type marked given, though nothing gave it")
	}
}

func TestFlagOf(t *testing.T) {
	req := api.CreateClientRequest{RedirectURIs: []string{"https://a.example/cb", "http://b.example/cb"}, AllowedScopes: []string{"x"}}
	tests := []struct {
		fe   api.FieldError
		want string
	}{
		{api.FieldError{Field: api.FieldApplicationName, Index: -1}, "--name"},
		{api.FieldError{Field: api.FieldRedirectURIs, Index: 1}, "--redirect-uri #2 (http://b.example/cb)"},
		{api.FieldError{Field: api.FieldRedirectURIs, Index: 5}, "--redirect-uri #6"},
		{api.FieldError{Field: api.FieldAllowedScopes, Index: 0}, "--scope #1 (x)"},
		{api.FieldError{Field: api.NonFieldErrors, Index: -1}, ""},
	}
	for _, tt := range tests {
		if got := FlagOf(req, tt.fe); got != tt.want {
			t.Errorf("FlagOf(%+v) = %q, want %q", tt.fe, got, tt.want)
		}
	}
}

func TestMissing(t *testing.T) {
	tests := []struct {
		req  api.CreateClientRequest
		want []string
	}{
		{api.CreateClientRequest{}, []string{"--name", "--redirect-uri"}},
		{api.CreateClientRequest{ApplicationName: "  ", RedirectURIs: []string{"https://a.example/cb"}}, []string{"--name"}},
		{api.CreateClientRequest{ApplicationName: "x", RedirectURIs: []string{"https://a.example/cb"}}, nil},
	}
	for _, tt := range tests {
		if got := Missing(tt.req); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Missing(%+v) = %v, want %v", tt.req, got, tt.want)
		}
	}
}

func TestFlagsHelpNamesEveryField(t *testing.T) {
	help := FlagsHelp()
	for _, f := range api.Fields {
		if !strings.Contains(help, "--"+f.Flag+" "+f.Arg) || !strings.Contains(help, f.Label+".") {
			t.Errorf("--help lacks --%s or its label:\n%s", f.Flag, help)
		}
	}
	if !strings.Contains(help, "decks:write") {
		t.Error("--help does not list the scopes")
	}
}

func TestCodeOf(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{nil, ExitOK},
		{Exit(ExitCancelled, nil), ExitCancelled},
		{Usage(io.EOF), ExitUsage},
		{io.EOF, ExitFailed},
	}
	for _, tt := range tests {
		if got := CodeOf(tt.err); got != tt.want {
			t.Errorf("CodeOf(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}
