package validate

import (
	"errors"
	"regexp"
	"strings"
	"unicode"
)

// TokenPrefix starts every flexslot personal access token (PAT).
const TokenPrefix = "flx_pat_"

// Token checks the shape of a personal access token before it is sent: the
// flx_pat_ prefix, something after it, and no white space (a common paste
// accident). The message never contains the token, not even a part of it.
func Token(token string) error {
	switch {
	case token == "":
		return errors.New("Enter your personal access token (Settings → Personal Access Tokens on flexslot.gg).")
	case strings.ContainsFunc(token, unicode.IsSpace):
		return errors.New("The token contains spaces or line breaks; paste it again without them.")
	case strings.ContainsFunc(token, unicode.IsControl):
		return errors.New("The token contains control characters; paste it again.")
	case !strings.HasPrefix(token, TokenPrefix):
		return errors.New("A personal access token starts with flx_pat_; create one under Settings → Personal Access Tokens on flexslot.gg.")
	case token == TokenPrefix:
		return errors.New("The token is incomplete: nothing follows flx_pat_.")
	}
	return nil
}

// tokenInValue is the message for a value that holds a token. It never
// repeats the value, which is a password.
const tokenInValue = "This holds a personal access token (flx_pat_…), which is a password: remove it. " +
	"A token is never part of the registration."

// tokenShape matches the start of a personal access token in a value, in
// any case, as typed or with its underscores percent-encoded (a URL can
// carry it as flx%5Fpat%5F), with a letter or digit of the token after it:
// a sentence that names the prefix ("flx_pat_ tokens") is not one.
var tokenShape = regexp.MustCompile(`(?i)flx(?:_|%5f)pat(?:_|%5f)[a-z0-9]`)

// HoldsToken reports whether s holds something shaped like a personal access
// token (tokenShape). Every token the API client sends starts with flx_pat_
// (Token), so a value that holds the token in use holds that too.
func HoldsToken(s string) bool { return tokenShape.MatchString(s) }

// MaskTokens returns s with what HoldsToken finds made harmless, at the same
// length (an underscore becomes a hyphen, %5F becomes %2D), so that the
// other rules judge the value as they would without NoToken: the sandbox
// checks a request so, as the server does not refuse a token as a value.
func MaskTokens(s string) string {
	return tokenShape.ReplaceAllStringFunc(s, func(m string) string {
		return strings.NewReplacer("_", "-", "%5F", "%2D", "%5f", "%2d").Replace(m)
	})
}

// NoToken refuses a field value that holds a personal access token
// (HoldsToken): given as the application name, it would be sent in the
// create, printed by --dry-run and kept in a draft.
func NoToken(s string) error {
	if HoldsToken(s) {
		return errors.New(tokenInValue)
	}
	return nil
}
