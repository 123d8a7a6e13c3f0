package api

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// NonFieldErrors is the Field of a FieldError that belongs to the request as a
// whole (DRF's non_field_errors), such as a name that is already taken.
const NonFieldErrors = "non_field_errors"

// FieldError is the server's complaint about one request field, or about one item
// of a list field (Index >= 0, e.g. the second redirect URI has Index 1).
type FieldError struct {
	// Field is the request's JSON field name, or NonFieldErrors.
	Field string
	// Index is the list position the message is about, or -1 for the whole field.
	Index   int
	Message string
}

// String names the field (and item) and the message, e.g.
// "redirect_uris[1]: Enter a valid URL.".
func (fe FieldError) String() string {
	switch {
	case fe.Field == NonFieldErrors:
		return fe.Message
	case fe.Index >= 0:
		return fmt.Sprintf("%s[%d]: %s", fe.Field, fe.Index, fe.Message)
	default:
		return fe.Field + ": " + fe.Message
	}
}

// Error is every failure of a call to the API: an answer other than the one
// expected, or no answer at all (StatusCode 0). Its text never holds the token
// or the raw body of an HTML error page.
type Error struct {
	// Op names the call, e.g. "create client".
	Op string
	// StatusCode is the HTTP status, or 0 when no usable answer arrived.
	StatusCode int
	// Code is the server's machine code when it sent one: a FLEXSLOT_* code, or
	// an RFC 6749 error such as invalid_request.
	Code string
	// Message says what happened, in words a person can act on.
	Message string
	// RetryAfter is how long the server asked to wait (429, 503), or 0.
	RetryAfter time.Duration
	// Fields holds the field errors of a 400, in the order the server sent them.
	Fields []FieldError
	// MayHaveCreated is set when a create (or rotation) may have taken effect
	// although no usable answer came back: list the clients before trying again.
	MayHaveCreated bool
	// Err is the underlying transport or decoding error, if any.
	Err error
}

// Error returns the operation and the message.
func (e *Error) Error() string {
	msg := e.Message
	if msg == "" {
		msg = "failed"
	}
	if e.Op == "" {
		return msg
	}
	return e.Op + ": " + msg
}

// Unwrap returns the underlying transport or decoding error.
func (e *Error) Unwrap() error { return e.Err }

// FieldErrors returns the errors for one request field, items included.
func (e *Error) FieldErrors(field string) []FieldError {
	var out []FieldError
	for _, fe := range e.Fields {
		if fe.Field == field {
			out = append(out, fe)
		}
	}
	return out
}

// FieldErrorsOf returns the field errors of a validation refusal (see
// IsValidation), found through any wrapping; nil for any other error.
func FieldErrorsOf(err error) []FieldError {
	if !IsValidation(err) {
		return nil
	}
	e, _ := asError(err)
	return e.Fields
}

// asError returns err as an *Error, if it is one.
func asError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

func hasStatus(err error, status int) bool {
	e, ok := asError(err)
	return ok && e.StatusCode == status
}

// IsUnauthorized reports whether the server refused the token (401): ask for
// another one.
func IsUnauthorized(err error) bool { return hasStatus(err, http.StatusUnauthorized) }

// IsForbidden reports whether the account may not do this (403): asking again
// will not help.
func IsForbidden(err error) bool { return hasStatus(err, http.StatusForbidden) }

// IsNotFound reports a 404, most often a wrong API URL.
func IsNotFound(err error) bool { return hasStatus(err, http.StatusNotFound) }

// IsRateLimited reports a 429; RetryAfter says how long to wait.
func IsRateLimited(err error) bool { return hasStatus(err, http.StatusTooManyRequests) }

// IsValidation reports a 400 that names what to fix (field errors or
// non_field_errors): send the user back to the form.
func IsValidation(err error) bool {
	e, ok := asError(err)
	return ok && e.StatusCode == http.StatusBadRequest && len(e.Fields) > 0
}

// IsServerError reports a 5xx answer: retrying later may work.
func IsServerError(err error) bool {
	e, ok := asError(err)
	return ok && e.StatusCode >= 500
}

// IsNetwork reports that no answer arrived at all (refused, reset, timed out).
func IsNetwork(err error) bool {
	e, ok := asError(err)
	return ok && e.StatusCode == 0 && e.Err != nil
}

// MayHaveCreated reports whether a failed create may nevertheless have
// registered the client: the request reached the server but no usable answer
// came back. Then the user must check before trying again.
func MayHaveCreated(err error) bool {
	e, ok := asError(err)
	return ok && e.MayHaveCreated
}

// RetryAfter returns how long the server asked to wait, or 0.
func RetryAfter(err error) time.Duration {
	if e, ok := asError(err); ok {
		return e.RetryAfter
	}
	return 0
}

// statusText is "502 Bad Gateway", or just the number for an unknown status.
func statusText(code int) string {
	if text := http.StatusText(code); text != "" {
		return fmt.Sprintf("%d %s", code, text)
	}
	return fmt.Sprint(code)
}

// summarize joins field errors into one line for Error().
func summarize(fields []FieldError) string {
	parts := make([]string, len(fields))
	for i, fe := range fields {
		parts[i] = strings.TrimSuffix(fe.String(), ".")
	}
	return strings.Join(parts, "; ")
}
