package validate

import (
	"strings"
	"testing"
)

// checkErr fails unless err carries exactly want ("" meaning no error).
func checkErr(t *testing.T, input string, err error, want string) {
	t.Helper()
	got := ""
	if err != nil {
		got = err.Error()
	}
	if got != want {
		t.Errorf("%q:\n got  %q\n want %q", input, got, want)
	}
}

func TestApplicationName(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"plain", "Deck Tracker", ""},
		{"one character", "x", ""},
		{"surrounding spaces are trimmed before counting", "  " + strings.Repeat("a", 255) + "  ", ""},
		{"255 multi-byte characters", strings.Repeat("é", 255), ""},
		{"emoji and punctuation", "Sideboard Bot 🃏 (beta)", ""},
		{"empty", "", "Enter an application name."},
		{"only spaces", "   ", "Enter an application name."},
		{"256 characters", strings.Repeat("a", 256), "The name is 256 characters long; the limit is 255."},
		{"256 multi-byte characters", strings.Repeat("é", 256), "The name is 256 characters long; the limit is 255."},
		{"tab", "Deck\tTracker", "The name cannot contain control characters such as tabs or line breaks."},
		{"line break", "Deck\nTracker", "The name cannot contain control characters such as tabs or line breaks."},
		{"escape sequence", "Deck \x1b[31mTracker", "The name cannot contain control characters such as tabs or line breaks."},
		{"invalid UTF-8", "Deck \xff", "The name is not valid UTF-8 text."},
		{"bidi override", "Deck \u202eTracker", bidiMessage},
		{"bidi isolate", "Deck \u2066Tracker\u2069", bidiMessage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, tt.input, ApplicationName(tt.input), tt.want)
		})
	}
}

const (
	msgInsecure = "Use https: plain http is allowed only on localhost, 127.0.0.1 and [::1]."
	msgNoHost   = "Add a host after https://, e.g. https://example.com/callback."
	msgPort     = "The port must be a number from 1 to 65535."
)

func TestRedirectURI(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"https", "https://decktracker.example/callback", ""},
		{"https with port and query", "https://decktracker.example:8443/cb?x=1", ""},
		{"upper-case scheme is kept as typed", "HTTPS://decktracker.example/cb", ""},
		{"http on localhost", "http://localhost/callback", ""},
		{"http on localhost with port", "http://localhost:3000/callback", ""},
		{"http on 127.0.0.1", "http://127.0.0.1:8765/callback", ""},
		{"http on [::1]", "http://[::1]:8765/callback", ""},
		{"http on LOCALHOST", "http://LOCALHOST/cb", ""},
		{"exactly 512 bytes", "https://example.com/" + strings.Repeat("a", 512-len("https://example.com/")), ""},
		{"empty", "", "Enter a redirect URI."},
		{"513 bytes", "https://example.com/" + strings.Repeat("a", 513-len("https://example.com/")),
			"It is 513 bytes long; the limit is 512."},
		{"space inside", "https://example.com/call back", "Remove the spaces or line breaks: a URI cannot contain them."},
		{"leading space", " https://example.com/cb", "Remove the spaces or line breaks: a URI cannot contain them."},
		{"tab", "https://example.com/\tcb", "Remove the spaces or line breaks: a URI cannot contain them."},
		{"control character", "https://example.com/\x00cb", "Remove the control characters: a URI cannot contain them."},
		{"bidi control", "https://example.com/\u202ebc", bidiMessage},
		{"wildcard host", "https://*.example.com/cb", "Wildcards (*) are not allowed: register each redirect URI in full."},
		{"wildcard path", "https://example.com/*", "Wildcards (*) are not allowed: register each redirect URI in full."},
		{"fragment", "https://example.com/cb#done", "Remove the fragment (the part from #): redirect URIs cannot have one."},
		{"empty fragment", "https://example.com/cb#", "Remove the fragment (the part from #): redirect URIs cannot have one."},
		{"relative", "/callback", "Use an absolute URI that starts with https://, e.g. https://example.com/callback."},
		{"host without scheme", "example.com/callback", "Use an absolute URI that starts with https://, e.g. https://example.com/callback."},
		{"custom scheme", "com.example.app:/oauth2redirect",
			`Custom schemes such as "com.example.app:" are not allowed: native apps use a loopback redirect such as http://127.0.0.1:8765/callback.`},
		{"ftp", "ftp://example.com/cb",
			`Custom schemes such as "ftp:" are not allowed: native apps use a loopback redirect such as http://127.0.0.1:8765/callback.`},
		{"http on a public host", "http://decktracker.example/callback", msgInsecure},
		{"http on another loopback address", "http://127.0.0.2/callback", msgInsecure},
		{"http on a look-alike of localhost", "http://localhost.example.com/cb", msgInsecure},
		{"opaque", "https:example.com/cb", msgNoHost},
		{"no host", "https:///cb", msgNoHost},
		{"port without host", "https://:443/cb", msgNoHost},
		{"user info", "https://user:pass@example.com/cb", "Remove the user name or password (the part before @) from the URI."},
		{"user name only", "https://user@example.com/cb", "Remove the user name or password (the part before @) from the URI."},
		{"empty port", "https://example.com:/cb", msgPort},
		{"port zero", "https://example.com:0/cb", msgPort},
		{"port too large", "http://127.0.0.1:65536/cb", msgPort},
		{"port not a number", "https://example.com:https/cb", `This is not a valid URI: invalid port ":https" after host.`},
		{"bad escape", "https://example.com/%zz", `This is not a valid URI: invalid URL escape "%zz".`},
		{"unclosed IPv6 bracket", "http://[::1/cb", `This is not a valid URI: missing ']' in host.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, tt.input, RedirectURI(tt.input), tt.want)
		})
	}
}

func TestOptionalURL(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"empty is fine", "", ""},
		{"https", "https://decktracker.example/privacy", ""},
		{"a fragment is fine in a link", "https://decktracker.example/legal#privacy", ""},
		{"http on loopback", "http://localhost:3000/logo.png", ""},
		{"http elsewhere", "http://decktracker.example/privacy", msgInsecure},
		{"relative", "privacy.html", "Use an absolute URL that starts with https://, e.g. https://example.com/privacy."},
		{"data URL", "data:image/png;base64,AAAA", `Use an https:// URL; "data:" links cannot be opened by every browser.`},
		{"space", "https://example.com/my logo.png", "Remove the spaces or line breaks: a URI cannot contain them."},
		{"too long", "https://example.com/" + strings.Repeat("p", 500), "It is 520 bytes long; the limit is 512."},
		{"user info", "https://me@example.com/tos", "Remove the user name or password (the part before @) from the URI."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, tt.input, OptionalURL(tt.input), tt.want)
		})
	}
}

func TestClientType(t *testing.T) {
	tests := []struct{ input, want string }{
		{"confidential", ""},
		{"public", ""},
		{"", "Choose a client type: confidential or public."},
		{"Public", `"Public" is not a client type; use confidential or public.`},
		{"spa", `"spa" is not a client type; use confidential or public.`},
	}
	for _, tt := range tests {
		checkErr(t, tt.input, ClientType(tt.input), tt.want)
	}
}

func TestAllowedScopes(t *testing.T) {
	tests := []struct {
		name  string
		input []string
		want  string
	}{
		{"none", nil, ""},
		{"empty", []string{}, ""},
		{"all", Scopes, ""},
		{"some", []string{"decks:read", "decks:write"}, ""},
		{"unknown", []string{"decks:read", "decks:delete"},
			`"decks:delete" is not a scope; choose from cards:read, decks:read, decks:write, exports:read, guides:read, guides:write, sideboards:read, sideboards:write.`},
		{"empty name", []string{""},
			`"" is not a scope; choose from cards:read, decks:read, decks:write, exports:read, guides:read, guides:write, sideboards:read, sideboards:write.`},
		{"duplicate", []string{"cards:read", "decks:read", "cards:read"}, `"cards:read" is listed twice.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, strings.Join(tt.input, " "), AllowedScopes(tt.input), tt.want)
		})
	}
}

func TestGrantTypeList(t *testing.T) {
	tests := []struct {
		name  string
		input []string
		want  string
	}{
		{"both", []string{"authorization_code", "refresh_token"}, ""},
		{"both, other order", []string{"refresh_token", "authorization_code"}, ""},
		{"authorization code only", []string{"authorization_code"}, ""},
		{"refresh token alone", []string{"refresh_token"},
			"refresh_token needs authorization_code: refresh tokens are issued by the authorization code exchange."},
		{"none", nil, "Choose at least authorization_code."},
		{"unknown", []string{"authorization_code", "client_credentials"},
			`"client_credentials" is not a grant type; choose from authorization_code, refresh_token.`},
		{"duplicate", []string{"authorization_code", "authorization_code"}, `"authorization_code" is listed twice.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, strings.Join(tt.input, " "), GrantTypeList(tt.input), tt.want)
		})
	}
}

func TestToken(t *testing.T) {
	const secretPart = "Zq9vS3cr3tPart"
	tests := []struct {
		name, input, want string
	}{
		{"valid", "flx_pat_" + secretPart, ""},
		{"empty", "", "Enter your personal access token (Settings → Personal Access Tokens on flexslot.gg)."},
		{"wrong prefix", "ghp_" + secretPart,
			"A personal access token starts with flx_pat_; create one under Settings → Personal Access Tokens on flexslot.gg."},
		{"prefix in upper case", "FLX_PAT_" + secretPart,
			"A personal access token starts with flx_pat_; create one under Settings → Personal Access Tokens on flexslot.gg."},
		{"prefix only", "flx_pat_", "The token is incomplete: nothing follows flx_pat_."},
		{"trailing newline", "flx_pat_" + secretPart + "\n", "The token contains spaces or line breaks; paste it again without them."},
		{"space inside", "flx_pat_" + secretPart[:4] + " " + secretPart[4:], "The token contains spaces or line breaks; paste it again without them."},
		{"control character", "flx_pat_" + secretPart + "\x1b", "The token contains control characters; paste it again."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Token(tt.input)
			checkErr(t, "(token)", err, tt.want)
			if err != nil && strings.Contains(err.Error(), secretPart[:4]) {
				t.Errorf("message %q repeats part of the token", err)
			}
		})
	}
}

func TestIsLoopbackHost(t *testing.T) {
	tests := []struct {
		host string
		want bool
	}{
		{"localhost", true}, {"LocalHost", true}, {"127.0.0.1", true}, {"::1", true},
		{"[::1]", false}, {"127.0.0.2", false}, {"0.0.0.0", false}, {"example.com", false}, {"", false},
	}
	for _, tt := range tests {
		if got := IsLoopbackHost(tt.host); got != tt.want {
			t.Errorf("IsLoopbackHost(%q) = %v, want %v", tt.host, got, tt.want)
		}
	}
}

// TestTokenAsAFieldValue: a value that holds a personal access token is
// refused by every rule of a field a person types, with a message that does
// not repeat it.
func TestTokenAsAFieldValue(t *testing.T) {
	const token = "flx_pat_sandbox_Zq9vS3cr3tPart"
	const want = "This holds a personal access token (flx_pat_…), which is a password: remove it. A token is never part of the registration."
	rules := map[string]func(string) error{
		"application name": ApplicationName,
		"redirect URI":     RedirectURI,
		"link":             OptionalURL,
		"justification":    Justification,
		"client type":      ClientType,
		"scope":            func(s string) error { return AllowedScopes([]string{s}) },
		"grant type":       func(s string) error { return GrantTypeList([]string{s}) },
		"requested scope":  func(s string) error { return RequestedScopes([]string{s}, nil) },
		"game scope":       func(s string) error { return RequestedScopes(nil, []string{s}) },
	}
	tests := []struct {
		name, value string
		refused     bool
	}{
		{"the token", token, true},
		{"the token among words", "Deck Tracker " + token, true},
		{"upper case", "FLX_PAT_ABC", true},
		{"in a URL's path", "https://a.example/cb/" + token, true},
		{"in a URL's query", "https://a.example/cb?t=" + token, true},
		{"percent-encoded", "https://a.example/cb?t=flx%5Fpat%5Fabc", true},
		{"half percent-encoded", "https://a.example/cb?t=FLX_pat%5fabc", true},
		{"the prefix alone", "flx_pat_", false},
		{"the prefix in a sentence", "we never see players' flx_pat_ tokens", false},
		{"a near miss", "https://a.example/flx-pat/cb", false},
		{"another prefix", "https://a.example/flx_cb", false},
	}
	for _, tt := range tests {
		if got := HoldsToken(tt.value); got != tt.refused {
			t.Errorf("HoldsToken(%q) = %v, want %v", tt.value, got, tt.refused)
		}
		if masked := MaskTokens(tt.value); HoldsToken(masked) || len(masked) != len(tt.value) || (!tt.refused && masked != tt.value) {
			t.Errorf("MaskTokens(%q) = %q: want the same length, no token shape, and no change where there was none", tt.value, masked)
		}
		for rule, check := range rules {
			t.Run(tt.name+"/"+rule, func(t *testing.T) {
				err := check(tt.value)
				if tt.refused {
					checkErr(t, rule, err, want)
				} else if err != nil && err.Error() == want {
					t.Errorf("refused as a token: %q", tt.value)
				}
				if err != nil && strings.Contains(err.Error(), "Zq9v") {
					t.Errorf("the message repeats the token: %q", err)
				}
			})
		}
	}
}
