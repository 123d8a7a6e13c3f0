package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// PanicReport is what a recovered panic prints on stderr, called in the
// deferred function that recovered it: that it is a bug, what it was and the
// stack, for the report. The panic's value is shown only when the runtime
// made it (an index out of range, a nil dereference): any other value could
// hold what it was given, the secret or the token among them, so only its
// type is named.
func PanicReport(r any) string {
	what := fmt.Sprintf("a panic of type %T", r)
	if re, ok := r.(runtime.Error); ok {
		what = re.Error()
	}
	return "internal error (a bug: please report it with the lines below): " + what + "\n" + string(debug.Stack())
}
