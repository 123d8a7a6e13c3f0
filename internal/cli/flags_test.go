package cli

import (
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/flexslot/flexslot-register/api"
)

func TestBindFlagsAndOverlay(t *testing.T) {
	var flagged Registration
	cmd := &cobra.Command{Use: "t"}
	BindFlags(cmd, &flagged)
	err := cmd.ParseFlags([]string{"--name", "Flag Name", "--redirect-uri", "https://a.example/cb", "--redirect-uri", "https://b.example/cb", "--tos-url", "https://a.example/tos"})
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
	cmd := &cobra.Command{Use: "t"}
	BindFlags(cmd, &Registration{})
	WrapUsages(cmd)
	for _, f := range api.Fields {
		flag := cmd.Flags().Lookup(f.Flag)
		if flag == nil || !strings.HasPrefix(flag.Usage, f.Label+".") {
			t.Errorf("no --%s, or its help does not begin with its label: %+v", f.Flag, flag)
			continue
		}
		for i, line := range strings.Split(flag.Usage, "\n") {
			if len(line) > HelpWidth {
				t.Errorf("--%s: line %d is %d columns wide: %q", f.Flag, i+1, len(line), line)
			}
		}
	}
	if scope := cmd.Flags().Lookup("scope"); scope == nil || !strings.Contains(scope.Usage, "decks:write") {
		t.Error("--help does not list the scopes")
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		text    string
		reserve int
		want    string
	}{
		{"short", 0, "short"},
		{strings.Repeat("word ", 20), 0, strings.TrimSpace(strings.Repeat("word ", 8)) + "\n" +
			strings.TrimSpace(strings.Repeat("word ", 8)) + "\n" + strings.TrimSpace(strings.Repeat("word ", 4))},
		{"The loopback address to listen on (port 0 picks a free one).", 17, "The loopback address to listen on (port 0\npicks a free one)."},
		// the default, " (127.0.0.1:8080)", does not fit after the last line
		{"Where to listen: a loopback address, port 0", 17, "Where to listen: a loopback address, port\n0"},
	}
	for _, tt := range tests {
		if got := wrap(tt.text, tt.reserve); got != tt.want {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.text, tt.reserve, got, tt.want)
		}
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

// TestValuesRefusedWhereParsed: a flag of fixed values (a field's, or one of
// StringEnumFlag) refuses any other value as it is parsed, in one line that
// names the values, the field's rule's words where it has a rule, and the
// nearest value.
func TestValuesRefusedWhereParsed(t *testing.T) {
	tests := []struct {
		args []string
		want string // the usage error; "" when parsed
	}{
		{[]string{"--if-exists", "resue"}, `--if-exists: "resue" is not one of fail, reuse, rotate (did you mean reuse?)`},
		{[]string{"--if-exists", "bogus"}, `--if-exists: "bogus" is not one of fail, reuse, rotate`},
		{[]string{"--if-exists", "rotate"}, ""},
		{[]string{"--client-type", "confidental"}, `--client-type: "confidental" is not a client type; use confidential or public (did you mean confidential?)`},
		{[]string{"--client-type", "public"}, ""},
		{[]string{"--scope", "decks:read", "--scope", "decks:wirte"}, `--scope: "decks:wirte" is not a scope; choose from cards:read, decks:read, decks:write, ` +
			`exports:read, guides:read, guides:write, sideboards:read, sideboards:write (did you mean decks:write?)`},
		{[]string{"--grant-type", "implicit"}, `--grant-type: "implicit" is not a grant type; choose from authorization_code, refresh_token.`},
		{[]string{"--client-type", "spa"}, `--client-type: "spa" is not a client type; use confidential or public.`},
		{[]string{"--grant-type", "refresh_token"}, ""}, // a rule of the list, checked with the rest
		{[]string{"--name", "anything"}, ""},
		// A token is a password: never repeated.
		{[]string{"--if-exists", "flx_pat_AbCdEfGhIjKlMnOpQrStUv123456"}, "--if-exists: This holds a personal access token (flx_pat_…), " +
			"which is a password: remove it. A token is never part of the registration."},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var r Registration
			var ifExists string
			cmd := &cobra.Command{Use: "t"}
			BindFlags(cmd, &r)
			StringEnumFlag(cmd, &ifExists, "if-exists", "fail", []string{"fail", "reuse", "rotate"}, "When it exists.")
			err := cmd.ParseFlags(tt.args)
			if err != nil {
				err = FlagError(cmd, err)
			}
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.want != "" && (err == nil || err.Error() != tt.want || CodeOf(err) != ExitUsage):
				t.Errorf("got %v (exit %d)\nwant %s", err, CodeOf(err), tt.want)
			}
		})
	}
}

func TestBindListFlagRefusesOtherValues(t *testing.T) {
	var scopes []string
	cmd := &cobra.Command{Use: "t"}
	BindListFlag(cmd, api.FieldAllowedScopes, &scopes, "A scope to ask for.")
	err := cmd.ParseFlags([]string{"--scope", "cards:read", "--scope", "card:read"})
	if err == nil || !strings.Contains(FlagError(cmd, err).Error(), `--scope: "card:read" is not a scope`) || !reflect.DeepEqual(scopes, []string{"cards:read"}) {
		t.Errorf("err %v, scopes %v", err, scopes)
	}
}

func TestBindFlagsOnly(t *testing.T) {
	cmd := &cobra.Command{Use: "t"}
	BindFlags(cmd, &Registration{}, api.FieldRedirectURIs, api.FieldTOSURL)
	var names []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	if !reflect.DeepEqual(names, []string{"redirect-uri", "tos-url"}) {
		t.Errorf("flags %v", names)
	}
}
