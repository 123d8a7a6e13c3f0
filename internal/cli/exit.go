// Package cli holds what the command line's front ends share: exit codes and
// the error that carries one, and the flags that set the registration's
// fields (bound through api.Fields).
package cli

import (
	"errors"
	"fmt"
)

// Exit codes, the same for every front end. They say what became of the
// registration, not how the run was ended: a run left after the server
// refused it is refused (1), whether a script or a person stopped there.
const (
	// ExitOK: registered (or reused, or a dry run that passed).
	ExitOK = 0
	// ExitFailed: refused, failed, or a client exists whose secret was not
	// kept; also a run stopped while a create was in flight (it may exist).
	ExitFailed = 1
	// ExitUsage: nothing was sent, for a bad or missing value.
	ExitUsage = 2
	// ExitCancelled: nothing was sent, because the person left (esc,
	// ctrl+c, a signal) before it was. The same code as a usage error, as gh
	// has it: for whoever runs the tool, in both the request never left, and
	// the scripted run's stop for a missing value is the wizard's leave.
	ExitCancelled = 2
)

// ExitError ends the program with Code. Its message, when it has one, has not
// been printed yet: main prints it on stderr.
type ExitError struct {
	Code int
	Err  error
}

// Error is the message, or the code when there is none.
func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit %d", e.Code)
	}
	return e.Err.Error()
}

// Unwrap returns the message's error.
func (e *ExitError) Unwrap() error { return e.Err }

// Exit returns an error that ends the program with code; err, if not nil, is
// printed first.
func Exit(code int, err error) error {
	if code == ExitOK && err == nil {
		return nil
	}
	return &ExitError{Code: code, Err: err}
}

// Usage is a usage error (exit 2) that says err.
func Usage(err error) error { return Exit(ExitUsage, err) }

// CodeOf maps an error to the exit code: nil is 0, an *ExitError its code,
// anything else 1.
func CodeOf(err error) int {
	var e *ExitError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &e):
		return e.Code
	}
	return ExitFailed
}
