package sandbox

import (
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"
)

// The shapes RFC 7636 gives PKCE values: a verifier of 43 to 128 unreserved
// characters (§4.1), and an S256 challenge, the base64url of a SHA-256
// without padding (§4.2, appendix A), which is always 43 characters.
const (
	verifierMinLength = 43
	verifierMaxLength = 128
	challengeLength   = 43
	challengeBytes    = 32 // a SHA-256
)

// challengeProblem says what is wrong with an S256 code_challenge, or "" when
// nothing is: the words go back to the app as an error_description, so they
// are plain ASCII without quotes or backslashes (RFC 6749 §4.1.2.1).
func challengeProblem(challenge string) string {
	const rule = "code_challenge must be BASE64URL(SHA256(code_verifier)): 43 characters of A-Z a-z 0-9 - _ without padding (RFC 7636 section 4.2)"
	if strings.HasSuffix(challenge, "=") {
		return rule + "; this one ends in = padding, which base64url leaves out."
	}
	if i, r, bad := firstOutside(challenge, isBase64URL); bad {
		hint := ""
		if r == '+' || r == '/' {
			hint = " (standard base64: base64url writes - and _ for + and /)"
		}
		return fmt.Sprintf("%s; character %d is %s%s.", rule, i, describeChar(r), hint)
	}
	if n := len(challenge); n != challengeLength {
		return fmt.Sprintf("%s; this one has %d.", rule, n)
	}
	if b, err := base64.RawURLEncoding.Strict().DecodeString(challenge); err != nil || len(b) != challengeBytes {
		return rule + "; this one is not the encoding of a 32-byte hash (its last character sets bits a hash does not have)."
	}
	return ""
}

// verifierProblem says what is wrong with a code_verifier's shape, or "" when
// nothing is, in words fit for an error_description (RFC 6749 §5.2). It
// never repeats the verifier.
func verifierProblem(verifier string) string {
	const rule = "code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 section 4.1)"
	if verifier == "" {
		return rule + "; none was sent."
	}
	if n := utf8.RuneCountInString(verifier); n < verifierMinLength || n > verifierMaxLength {
		return fmt.Sprintf("%s; this one has %d.", rule, n)
	}
	if i, r, bad := firstOutside(verifier, isUnreserved); bad {
		return fmt.Sprintf("%s; character %d is %s.", rule, i, describeChar(r))
	}
	return ""
}

// firstOutside finds the first character of s that ok refuses, counting
// characters from 1; bad is false when there is none.
func firstOutside(s string, ok func(rune) bool) (position int, r rune, bad bool) {
	for _, r = range s {
		position++
		if !ok(r) {
			return position, r, true
		}
	}
	return 0, 0, false
}

// isBase64URL reports whether r is of the base64url alphabet (RFC 4648 §5).
func isBase64URL(r rune) bool {
	return 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '-' || r == '_'
}

// isUnreserved reports whether r is an unreserved URI character (RFC 3986
// §2.3), what a verifier is made of.
func isUnreserved(r rune) bool { return isBase64URL(r) || r == '.' || r == '~' }

// describeChar names a character in an error_description, which may hold
// only printable ASCII but for the double quote and the backslash.
func describeChar(r rune) string {
	switch {
	case r == ' ':
		return "a space"
	case r > ' ' && r <= '~' && r != '"' && r != '\\':
		return "'" + string(r) + "'"
	default:
		return fmt.Sprintf("U+%04X", r)
	}
}
