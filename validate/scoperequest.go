package validate

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"unicode/utf8"
)

// The limits of a scope request (POST /me/partner/scope-requests), as the
// reference page gives them.
const (
	MinJustificationLength = 10
	MaxJustificationLength = 2000
	MaxRequestedScopes     = 20
	MaxRequestedScopeLen   = 64
	MaxRequestedGameScopes = 10
	MaxGameScopeLen        = 32
)

// gameScopePattern is the pattern of a game scope on the reference page.
var gameScopePattern = regexp.MustCompile(`^[-a-zA-Z0-9_]+$`)

// Justification checks a scope request's justification: 10 to 2000
// characters, counted as the server counts them (code points).
func Justification(text string) error {
	if err := NoToken(text); err != nil {
		return err
	}
	switch n := utf8.RuneCountInString(text); {
	case n < MinJustificationLength:
		return fmt.Errorf("say why in at least %d characters (this has %d): what your app does with the scopes", MinJustificationLength, n)
	case n > MaxJustificationLength:
		return fmt.Errorf("at most %d characters (this has %d)", MaxJustificationLength, n)
	}
	return nil
}

// RequestedScopes checks the scopes and game scopes of a scope request: at
// least one of either, at most 20 scopes of 1 to 64 characters and 10 game
// scopes of 1 to 32 letters, digits, - and _, none twice.
func RequestedScopes(scopes, gameScopes []string) error {
	if len(scopes) == 0 && len(gameScopes) == 0 {
		return errors.New("name at least one scope or game scope to ask for")
	}
	if len(scopes) > MaxRequestedScopes {
		return fmt.Errorf("at most %d scopes in one request (this has %d)", MaxRequestedScopes, len(scopes))
	}
	if len(gameScopes) > MaxRequestedGameScopes {
		return fmt.Errorf("at most %d game scopes in one request (this has %d)", MaxRequestedGameScopes, len(gameScopes))
	}
	for _, s := range append(slices.Clone(scopes), gameScopes...) {
		if err := NoToken(s); err != nil {
			return err
		}
	}
	seen := map[string]bool{}
	for _, s := range scopes {
		if n := utf8.RuneCountInString(s); n < 1 || n > MaxRequestedScopeLen {
			return fmt.Errorf("scope %q: 1 to %d characters", Sanitize(s), MaxRequestedScopeLen)
		}
		if seen["s"+s] {
			return fmt.Errorf("scope %q is named twice", Sanitize(s))
		}
		seen["s"+s] = true
	}
	for _, g := range gameScopes {
		if len(g) > MaxGameScopeLen || !gameScopePattern.MatchString(g) {
			return fmt.Errorf("game scope %q: 1 to %d letters, digits, - and _", Sanitize(g), MaxGameScopeLen)
		}
		if seen["g"+g] {
			return fmt.Errorf("game scope %q is named twice", g)
		}
		seen["g"+g] = true
	}
	return nil
}
