package main

import (
	"strings"
	"testing"

	"github.com/flexslot/flexslot-register/domain/credstore"
)

// TestKeepTokenAsLogin: the wizard keeps a typed token where login does,
// under the same key, so the next run (apiOptions.token) finds it; under
// --sandbox nothing is offered.
func TestKeepTokenAsLogin(t *testing.T) {
	if keep := wizardConfig(options{apiOptions: apiOptions{sandbox: true}}, "").KeepToken; keep != nil {
		t.Fatal("KeepToken offered under --sandbox")
	}
	for _, keychain := range []bool{true, false} {
		var ring credstore.Keyring
		if keychain {
			ring = &memKeyring{items: map[string]string{}}
		}
		store, dir := keepTokens(t, ring)
		opts := options{apiOptions: apiOptions{apiURL: otherAPIKey + "/"}}
		where, err := wizardConfig(opts, "").KeepToken(keptToken)
		if err != nil {
			t.Fatal(err)
		}
		if keychain != strings.Contains(where, "keychain") || !keychain && !strings.Contains(where, dir) {
			t.Errorf("keychain %v: kept in %q", keychain, where)
		}
		got, _, err := store.Load(otherAPIKey)
		if err != nil || got != keptToken {
			t.Errorf("keychain %v: the store holds %v for %s", keychain, err, otherAPIKey)
		}
		if _, _, err := store.Load(credstore.SandboxKey); err == nil {
			t.Errorf("keychain %v: kept for the sandbox too", keychain)
		}
		// The next run reads it as login's.
		t.Setenv(tokenVar, "")
		run := opts.apiOptions
		token, from, err := run.token(nil)
		if err != nil || token != keptToken || from != where {
			t.Errorf("keychain %v: the next run reads it from %q (%v), kept in %q", keychain, from, err, where)
		}
	}
}
