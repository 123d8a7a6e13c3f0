package lines

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/internal/uitest"
)

// TestRunAccessibleTestSignInDPoP: the line prompts' test sign-in with a
// client the sandbox registered DPoP-bound (sandbox --dpop-bound), with and
// without its nonce, signs DPoP proofs, as the create's answer says it must,
// and says the token's cnf.jkt; the URL to open by hand is a line of its
// own, whole, for the terminal to wrap.
func TestRunAccessibleTestSignInDPoP(t *testing.T) {
	for _, nonce := range []bool{false, true} {
		t.Run(map[bool]string{false: "bound", true: "nonce"}[nonce], func(t *testing.T) {
			_, cfg := uitest.SandboxConfigWith(t, sandbox.Config{DPoPBound: true, DPoPNonce: nonce})
			cfg.Request = uitest.ExampleRequest("confidential")
			cfg.Request.RedirectURIs = []string{"http://127.0.0.1/callback"}
			cfg.OpenBrowser = uitest.ConsentBrowser(t, "allow")
			in := answers("", "", "", "0", "0", "", "", "", "", "1", "n", "y") // keep, create, no save, sign in
			var out bytes.Buffer
			result := Run(context.Background(), cfg, iotest.OneByteReader(in), &out)
			if result.Created == nil || !result.Created.Client.DPoPBoundAccessTokens {
				t.Fatalf("result %+v\n%s", result, out.String())
			}
			for _, want := range []string{
				"✓ sign-in works: DPoP-bound access token (cnf.jkt ",
				"expires in 1h), refresh token, scopes decks:read decks:write; GET /api/public/v1/decks/ answered 200; test tokens revoked",
			} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("the prompts lack %q:\n%s", want, out.String())
				}
			}
			checkURLLine(t, out.String())
		})
	}
}

// checkURLLine fails unless the line after "open this URL by hand:" is the
// authorize URL alone, with every parameter.
func checkURLLine(t *testing.T, out string) {
	t.Helper()
	_, after, found := strings.Cut(out, "open this URL by hand:\n")
	if !found {
		t.Fatalf("no URL to open by hand:\n%s", out)
	}
	line, _, _ := strings.Cut(after, "\n")
	u, err := url.Parse(line)
	if err != nil || strings.ContainsAny(line, " \t") || !strings.Contains(u.Path, "/oauth/authorize") {
		t.Fatalf("the URL's line is %q (%v)", line, err)
	}
	for _, p := range []string{"client_id", "code_challenge", "code_challenge_method", "redirect_uri", "response_type", "scope", "state"} {
		if u.Query().Get(p) == "" {
			t.Errorf("the URL lacks %s: %q", p, line)
		}
	}
}
