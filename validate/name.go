package validate

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxApplicationNameLength is the server's limit on an application name, in
// characters (Unicode code points, as the server counts them).
const MaxApplicationNameLength = 255

// ApplicationName checks the name partners' users see on the consent screen:
// 1 to 255 characters once surrounding spaces are trimmed, valid UTF-8, and no
// control characters (tabs, line breaks, escape sequences).
func ApplicationName(name string) error {
	if !utf8.ValidString(name) {
		return errors.New("The name is not valid UTF-8 text.")
	}
	trimmed := strings.TrimSpace(name)
	if trimmed == "" {
		return errors.New("Enter an application name.")
	}
	if err := NoToken(name); err != nil {
		return err
	}
	if strings.ContainsFunc(name, unicode.IsControl) {
		return errors.New("The name cannot contain control characters such as tabs or line breaks.")
	}
	if strings.ContainsFunc(name, IsBidiControl) {
		return errors.New(bidiMessage)
	}
	if n := utf8.RuneCountInString(trimmed); n > MaxApplicationNameLength {
		return fmt.Errorf("The name is %d characters long; the limit is %d.", n, MaxApplicationNameLength)
	}
	return nil
}
