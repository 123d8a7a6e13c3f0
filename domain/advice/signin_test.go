package advice

import (
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/domain/signin"
)

func TestSignedIn(t *testing.T) {
	o := signin.Outcome{ExpiresIn: time.Hour, Refresh: true, Scopes: []string{"decks:read"}, Checked: "GET /api/public/v1/decks/", Status: 200, Revoked: true}
	want := "✓ sign-in works: access token (expires in 1h), refresh token, scopes decks:read; GET /api/public/v1/decks/ answered 200; test tokens revoked"
	if got := SignedIn(o); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestSignedInDPoP: the success line says the token is DPoP-bound and to
// which key.
func TestSignedInDPoP(t *testing.T) {
	o := signin.Outcome{ExpiresIn: time.Hour, Refresh: true, Scopes: []string{"decks:read"}, Checked: "GET /api/public/v1/decks/", Status: 200, Revoked: true,
		DPoPThumbprint: "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"}
	want := "✓ sign-in works: DPoP-bound access token (cnf.jkt NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs, expires in 1h), refresh token, scopes decks:read; GET /api/public/v1/decks/ answered 200; test tokens revoked"
	if got := SignedIn(o); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestSignInFailed(t *testing.T) {
	tests := []struct {
		err  error
		want string // in the problem or the next step
	}{
		{&signin.Error{Kind: signin.KindOAuth, Code: "access_denied"}, "denied"},
		{&signin.Error{Kind: signin.KindOAuth, Code: "invalid_scope"}, "allowed scopes"},
		{&signin.Error{Kind: signin.KindOAuth, Code: "unauthorized_client"}, "grant types"},
		{&signin.Error{Kind: signin.KindOAuth, Code: "invalid_grant"}, "PKCE"},
		{&signin.Error{Kind: signin.KindOAuth, Code: "invalid_client"}, "client secret"},
		{&signin.Error{Kind: signin.KindRedirectMismatch}, "byte for byte"},
		{&signin.Error{Kind: signin.KindTimeout}, "5 minutes"},
		{&signin.Error{Kind: signin.KindWrongState}, "another issuer (iss)"},
		{&signin.Error{Kind: signin.KindNoIssuer}, "does not name its issuer (iss)"},
		{&signin.Error{Kind: signin.KindPortTaken, Err: &net.OpError{Op: "listen", Err: errors.New("address already in use")}}, "already in use"},
		{&signin.Error{Kind: signin.KindNoLoopback}, "loopback"},
		{&signin.Error{Kind: signin.KindNotBound, Step: "token"}, "bearer token (token_type Bearer)"},
		{&signin.Error{Kind: signin.KindOtherKey, Step: "token", Thumbprint: "abc\x1b]52;c;x\x07"}, "another key (cnf.jkt abc"},
		{&signin.Error{Kind: signin.KindOAuth, Step: "token", Code: "invalid_dpop_proof", Description: "The proof's iat must be within 60 seconds"}, "(invalid_dpop_proof): The proof's iat"},
		{&signin.Error{Kind: signin.KindOAuth, Step: "token", Code: "use_dpop_nonce"}, "nonce again"},
	}
	for _, tt := range tests {
		problem, next := SignInFailed(tt.err)
		if !strings.Contains(problem+" "+next, tt.want) || strings.Contains(problem+next, "\x1b") {
			t.Errorf("%#v: %q %q lacks %q, or carries an escape", tt.err, problem, next, tt.want)
		}
	}
}
