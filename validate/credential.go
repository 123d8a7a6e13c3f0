package validate

import (
	"errors"
	"strings"
)

// MaxCredentialLength bounds a client id or secret.
const MaxCredentialLength = 512

// ErrNotCredential says a client id or secret holds something no credential
// holds. Written raw into a .env file, a line break, a quote, `$(` or a
// backtick would set other variables or run code when the file is sourced;
// printed, an escape sequence would write to the terminal.
var ErrNotCredential = errors.New("not a valid credential: a client id or secret is 1 to 512 letters, digits and -._~+/=")

// Credential checks a client id or secret the server sent before it is
// printed, copied or written anywhere: only letters, digits and -._~+/=
// (what URL-safe and standard base64, ULIDs and UUIDs are made of).
func Credential(s string) error {
	if s == "" || len(s) > MaxCredentialLength {
		return ErrNotCredential
	}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune("-._~+/=", r):
		default:
			return ErrNotCredential
		}
	}
	return nil
}
