package validate

import (
	"errors"
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
