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
	}
	for _, tt := range tests {
		problem, next := SignInFailed(tt.err)
		if !strings.Contains(problem+" "+next, tt.want) {
			t.Errorf("%#v: %q %q lacks %q", tt.err, problem, next, tt.want)
		}
	}
}
