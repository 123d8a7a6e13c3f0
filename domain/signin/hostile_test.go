package signin

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/api/sandbox"
)

// TestSignInCleansTheServersWords: what the token endpoint says (its scopes,
// an error's code) reaches the screen, the line prompts and stdout; it is
// cleaned of escape sequences and other controls where it is read, once.
func TestSignInCleansTheServersWords(t *testing.T) {
	const hostile = "\x1b]52;c;Zm9v\x07\x1b[2J"
	tp := &tap{rewrite: func(a map[string]any, _ string) { a["scope"] = "decks:read " + hostile + "cards:read" }}
	w := newTapWorld(t, sandbox.Config{}, tp)
	opts := Options{Client: w.confidential.Client, Secret: w.confidential.PlaintextClientSecret.Reveal(), BaseURL: w.base, Open: browser(t, "allow", nil)}
	flow, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	defer flow.Close()
	out, err := flow.Wait(context.Background(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if joined := strings.Join(out.Scopes, " "); strings.ContainsAny(joined, "\x1b\x07") || !strings.Contains(joined, "decks:read") {
		t.Errorf("scopes %q", out.Scopes)
	}
	e := &Error{Step: "token", Code: "invalid_grant" + hostile, Description: "no" + hostile}
	if strings.ContainsAny(e.Error(), "\x1b\x07") {
		t.Errorf("Error() = %q", e.Error())
	}
}
